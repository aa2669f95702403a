#!/usr/bin/env bash
# Check template.yaml and the artifact it builds, without AWS, Docker or credentials:
#   1. cfn-lint template.yaml
#   2. sam validate --lint
#   3. sam build for this machine's architecture (python3.13, no container)
#   4. the BUILT handlers (upload and Batch Operations) and layer, run under
#      python3.13 against moto (tests/infra/smoke_built_artifact.py)
# Tools are installed on first use, pinned by requirements/constraints.txt:
#   .venv-tools  aws-sam-cli and cfn-lint. aws-sam-cli pins boto3/botocore to
#                its own exact versions, so this venv takes every pin from
#                constraints.txt except those two lines.
#   .venv-smoke  python3.13 with moto and boto3 only, standing in for the
#                Lambda runtime; the layer's packages come from .aws-sam/build.
# Without python3.13 (PYTHON313=/path/to/python3.13 points at one), steps 3
# and 4 are skipped with a SKIP line and the script still exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

CONSTRAINTS=requirements/constraints.txt
TOOLS_VENV=.venv-tools
SMOKE_VENV=.venv-smoke
BUILD_DIR=.aws-sam/build

# sam validate --lint and sam build call no AWS API, but botocore wants a
# region and SAM CLI asks to send telemetry; keep both quiet and offline.
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export SAM_CLI_TELEMETRY=0
export PIP_DISABLE_PIP_VERSION_CHECK=1

passed=0

step() {
  printf '\n== %s\n' "$*"
}

# Prints the path of a working python3.13 interpreter, or fails.
find_python313() {
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}" candidate resolved
  for candidate in "${PYTHON313:-}" python3.13 "$pyenv_root"/versions/3.13*/bin/python3.13 /usr/bin/python3.13 /usr/local/bin/python3.13; do
    [ -n "$candidate" ] || continue
    resolved="$(command -v "$candidate" 2>/dev/null)" || continue
    # A pyenv shim for a version that is not selected fails here; the real
    # interpreter's own path is what goes on PATH for sam build.
    if resolved="$("$resolved" -c 'import sys; assert sys.version_info[:2] == (3, 13); print(sys.executable)' 2>/dev/null)"; then
      printf '%s\n' "$resolved"
      return 0
    fi
  done
  return 1
}

# ensure_venv DIR PYTHON CONSTRAINTS_FILE PACKAGE...: (re)creates DIR and installs
# the packages unless the same interpreter, pins and packages are already there.
ensure_venv() {
  local dir="$1" python="$2" constraints="$3"
  shift 3
  local stamp
  stamp="$("$python" -c 'import sys; print(sys.version)' | cksum) $(cksum <"$constraints") $*"
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$stamp" ]; then
    return 0
  fi
  echo "installing $* into $dir (first run, or pins changed)"
  rm -rf "$dir"
  "$python" -m venv "$dir"
  if ! "$dir/bin/python" -m pip install --quiet --constraint "$constraints" "$@" >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    echo "check-template: could not install $* into $dir" >&2
    return 1
  fi
  printf '%s\n' "$stamp" >"$dir/.installed"
}

host_architecture() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x86_64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) return 1 ;;
  esac
}

python313="$(find_python313)" || python313=""
tools_python="${python313:-${PYTHON:-python3}}"

step "tools: $TOOLS_VENV"
tools_constraints="$(mktemp)"
trap 'rm -f "$tools_constraints"' EXIT
grep -v -E '^(boto3|botocore)==' "$CONSTRAINTS" >"$tools_constraints"
ensure_venv "$TOOLS_VENV" "$tools_python" "$tools_constraints" aws-sam-cli cfn-lint
"$TOOLS_VENV/bin/sam" --version

step "cfn-lint template.yaml"
"$TOOLS_VENV/bin/cfn-lint" template.yaml
passed=$((passed + 1))

step "sam validate --lint"
"$TOOLS_VENV/bin/sam" validate --lint --template-file template.yaml
passed=$((passed + 1))

if [ -z "$python313" ]; then
  echo "SKIP: sam build and the built-artifact smoke test need python3.13, and none was found (set PYTHON313=/path/to/python3.13)"
  echo "check-template: $passed passed, 0 failed, 2 skipped"
  exit 0
fi
if ! command -v make >/dev/null; then
  echo "check-template: sam build needs make for the layer (shared/Makefile); install it (apt-get install make)" >&2
  exit 1
fi
architecture="$(host_architecture)" || {
  echo "check-template: no Lambda architecture matches this machine ($(uname -m))" >&2
  exit 1
}
case "$architecture" in
  arm64) host_layer=NewscleanLayerArm64 ;;
  x86_64) host_layer=NewscleanLayerX8664 ;;
esac

step "sam build (Architecture=$architecture, $python313)"
rm -rf "$BUILD_DIR"
# sam finds the function's runtime as python3.13 on PATH; shared/Makefile
# builds the layer with the same interpreter.
PATH="$(dirname "$python313"):$PATH" LAYER_PYTHON="$python313" \
  "$TOOLS_VENV/bin/sam" build --template-file template.yaml --build-dir "$BUILD_DIR" \
  --parameter-overrides "Architecture=$architecture"
passed=$((passed + 1))

step "built handlers + $host_layer against moto"
ensure_venv "$SMOKE_VENV" "$python313" "$CONSTRAINTS" "moto[s3]" boto3
"$SMOKE_VENV/bin/python" tests/infra/smoke_built_artifact.py --build-dir "$BUILD_DIR" --layer "$host_layer"
passed=$((passed + 1))

echo "check-template: $passed passed, 0 failed"
