#!/usr/bin/env bash
# Set up (idempotently) and run the whole test suite: unit, integration, e2e, template checks.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c requirements/constraints.txt -e "./shared[dev]"
.venv/bin/python -m pytest -q "$@"
