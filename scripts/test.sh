#!/usr/bin/env bash
# Set up (idempotently) and run the whole test suite: the SAM template checks
# (cfn-lint, sam validate, sam build, the built artifact against moto), lint
# and types (ruff, mypy), then unit, golden, integration and end-to-end tests.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Quiet unless it fails: the install log is shown only then.
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements/constraints.txt -e "./shared[dev]" > .venv/install.log 2>&1; then
  cat .venv/install.log >&2
  exit 1
fi
if [ -z "${SKIP_TEMPLATE_CHECKS:-}" ]; then
  bash scripts/check-template.sh
fi
.venv/bin/ruff check shared functions tests benchmarks scripts
.venv/bin/ruff format --check --quiet shared functions tests benchmarks scripts
.venv/bin/mypy --config-file shared/pyproject.toml shared/newsclean functions/clean_article
# Each handler is a module named app, so each gets its own mypy run.
.venv/bin/mypy --config-file shared/pyproject.toml functions/batch_operations
.venv/bin/python -m pytest "$@"
