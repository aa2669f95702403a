#!/usr/bin/env bash
# Run the main job locally: the real Lambda handler on local files, against
# in-process S3 (moto). No AWS account or network needed after the install.
# Usage: scripts/run-local.sh [PATH ...] [--out DIR]   (default: events/objects -> ./out)
# Safe to run again: the venv is reused and the install is a no-op when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Quiet unless it fails: the install log is shown only then.
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements/constraints.txt -e "./shared[local]" > .venv/install.log 2>&1; then
  cat .venv/install.log >&2
  exit 1
fi
.venv/bin/newsclean run-local "$@"

# List what was written: the --out DIR if one was given, else ./out.
out=out
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:-out}"; shift ;;
    --out=*) out="${1#--out=}" ;;
  esac
  shift
done
if [ -d "$out" ]; then
  echo
  echo "Files in $out/:"
  (cd "$out" && find . -type f -name '*.json' | sed 's|^\./||' | LC_ALL=C sort)
fi
