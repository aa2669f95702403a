#!/usr/bin/env bash
# Run the main job locally: the real Lambda handler on local files, against
# in-process S3 (moto). No AWS account or network needed after the install.
# Usage: scripts/run-local.sh [PATH ...] [--out DIR]   (default: the repository's events/objects -> ./out)
# PATH and DIR are read as you typed them, from the folder you run this in,
# wherever the repository is. Safe to run again: the venv is reused and the
# install is a no-op when up to date.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PYTHON" -m venv "$ROOT/.venv"
fi
# Quiet unless it fails: the install log is shown only then.
if ! "$ROOT/.venv/bin/python" -m pip install -q --disable-pip-version-check \
  -c "$ROOT/requirements/constraints.txt" -e "$ROOT/shared[local]" > "$ROOT/.venv/install.log" 2>&1; then
  cat "$ROOT/.venv/install.log" >&2
  exit 1
fi

# Which arguments are PATHs (not options or their values), and the --out DIR.
out=out
has_path=false
args=("$@")
i=0
while [ $i -lt ${#args[@]} ]; do
  case "${args[$i]}" in
    --out) out="${args[$((i + 1))]:-out}"; i=$((i + 1)) ;;
    --out=*) out="${args[$i]#--out=}" ;;
    --max-input-bytes | --fail-rate | --seed) i=$((i + 1)) ;;
    -*) ;;
    *) has_path=true ;;
  esac
  i=$((i + 1))
done
if [ "$has_path" = false ]; then
  set -- "$@" "$ROOT/events/objects"
fi
status=0
"$ROOT/.venv/bin/newsclean" run-local "$@" || status=$?

# List what was written.
if [ -d "$out" ]; then
  echo
  echo "Files in $out/:"
  (cd "$out" && find . -type f -name '*.json' | sed 's|^\./||' | LC_ALL=C sort)
fi
exit $status
