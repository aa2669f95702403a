#!/usr/bin/env bash
# Run `sam local invoke` for real: every sample event in events/ against the
# function it is for, in a Lambda-style container, with S3 played by moto.
#
#   1. the runtime image: a python3.13 Lambda-style image built locally, with
#      no registry (`docker import` of a root filesystem assembled from this
#      machine: its CPython 3.13 at /var/lang, the shared libraries it loads,
#      dash and a few coreutils, awslambdaric and boto3 in /var/runtime and a
#      /var/runtime/bootstrap). Built once per recipe and kept, tagged
#      newsclean-python3.13-local:<hash of its inputs>.
#   2. the build: .aws-sam/build from scripts/check-template.sh, reused when it
#      is newer than the sources, else that script is run to remake it.
#   3. S3: moto's server, on the host, listening on the Docker bridge's
#      gateway address only, with a versioned input bucket holding
#      events/objects/ and an empty output bucket.
#   4. each event: the upload events (S3 notifications) with their version
#      ids replaced by the ones moto gave, then `sam local invoke
#      CleanArticleFunction` or `BatchCleanFunction` with --invoke-image,
#      and a check of its answer and of outcomes/<key>.json in the output
#      bucket (written by that very invocation: it is deleted before).
#
# Everything it starts (moto, containers, the images SAM builds on top of the
# runtime image for this run) is stopped or removed on exit, by id; the
# runtime image stays for the next run.
#
# Needs: a reachable Docker daemon, a python3.13 installed under its own
# prefix (pyenv, python.org or /usr/local builds; PYTHON313=/path/to/python3.13
# picks one) and PyPI on the first run. Downloads no container image.
#
# Usage: scripts/sam-local-invoke.sh [--rebuild-image]
# Exit status: 0 every event passed, 1 a check failed, 77 skipped (no Docker,
# no usable python3.13, or a machine that is neither x86_64 nor arm64).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

readonly SKIPPED=77
readonly IMAGE_REPOSITORY=newsclean-python3.13-local
# The runtime interface client and its dependencies, in the image's /var/runtime
# with boto3 and botocore (pinned by requirements/constraints.txt).
readonly RUNTIME_PACKAGES=(awslambdaric==4.2.2 simplejson==4.3.0 snapshot-restore-py==1.0.0)
# moto's server needs Flask on top of moto[s3] (moto itself is pinned by constraints.txt).
readonly MOTO_SERVER_PACKAGES=("moto[s3]" flask==3.1.3 flask-cors==6.0.5)
# The input bucket is the one the sample events name.
readonly INPUT_BUCKET=newsclean-input-example
readonly OUTPUT_BUCKET=newsclean-output-example
readonly INVOKE_TIMEOUT=300
# Every file in events/ and what its invocation must do: the function it is
# for, then what it must leave behind: article / rejected:<reason> (the
# outcome of each key it names), ignored (nothing), or the Batch Operations
# result code of each task.
readonly EXPECTATIONS=(
  "text-dump.json CleanArticleFunction article"
  "html-page.json CleanArticleFunction article"
  "gzip.json CleanArticleFunction article"
  "key-with-special-characters.json CleanArticleFunction article"
  "bad-object.json CleanArticleFunction rejected:binary"
  "test-event.json CleanArticleFunction ignored"
  "batch-operations-v1.json BatchCleanFunction Succeeded"
  "batch-operations-v2.json BatchCleanFunction Succeeded"
)

# ~ is the passwd entry's home even where HOME is unset.
user_home=~
CACHE_DIR="${NEWSCLEAN_CACHE_DIR:-${XDG_CACHE_HOME:-$user_home/.cache}/newsclean}"
TOOLS_VENV="$ROOT/.venv-tools"
BUILD_DIR="$ROOT/.aws-sam/build"

# Never real credentials, never a real account: every AWS call below goes to moto.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3
export AWS_EC2_METADATA_DISABLED=true
export SAM_CLI_TELEMETRY=0 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

rebuild_image=false
case "${1:-}" in
  "") ;;
  --rebuild-image) rebuild_image=true ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: $0 [--rebuild-image]" >&2
    exit 2
    ;;
esac

step() {
  printf '\n== %s\n' "$*"
}

skip() {
  echo "SKIP: sam local invoke ($*)"
  exit "$SKIPPED"
}

fail() {
  echo "sam-local-invoke: $*" >&2
  exit 1
}

# Prints the base prefix of a python3.13 installed under a prefix of its own
# (bin/python3.13, lib/python3.13), the tree the image's /var/lang is made of.
find_python313_prefix() {
  local candidate path prefix
  for candidate in "${PYTHON313:-}" python3.13 "${PYENV_ROOT:-$user_home/.pyenv}"/versions/3.13*/bin/python3.13 /usr/local/bin/python3.13; do
    [ -n "$candidate" ] || continue
    path="$(command -v "$candidate" 2>/dev/null)" || continue
    prefix="$("$path" -c 'import sys; assert sys.version_info[:2] == (3, 13); print(sys.base_prefix)' 2>/dev/null)" || continue
    # A distribution's python lives in /usr among everything else: not copyable.
    if [ "$prefix" != /usr ] && [ -x "$prefix/bin/python3.13" ] && [ -f "$prefix/lib/python3.13/os.py" ]; then
      printf '%s\n' "$prefix"
      return 0
    fi
  done
  return 1
}

lambda_architecture() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x86_64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) return 1 ;;
  esac
}

# ------------------------------------------------------------ runtime image
# The image's /var/runtime/bootstrap: what the runtime interface emulator runs
# (it looks for /var/task/bootstrap, /opt/bootstrap, then this one). Code,
# layer and the runtime's boto3 in that order on the path, as in Lambda.
write_bootstrap() {
  cat >"$1" <<'BOOTSTRAP'
#!/bin/sh
export AWS_EXECUTION_ENV="${AWS_EXECUTION_ENV:-AWS_Lambda_python3.13}"
export PYTHONPATH="/var/task:/opt/python/lib/python3.13/site-packages:/opt/python:/var/runtime"
exec /var/lang/bin/python3.13 -m awslambdaric "${_HANDLER:-${AWS_LAMBDA_FUNCTION_HANDLER:?no handler}}"
BOOTSTRAP
  chmod 755 "$1"
}

# The image's configuration (docker import --change).
image_changes() {
  printf '%s\n' \
    'ENV LANG=C.UTF-8' \
    'ENV PATH=/var/lang/bin:/usr/local/bin:/usr/bin:/bin' \
    'ENV LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib' \
    'ENV LAMBDA_TASK_ROOT=/var/task' \
    'ENV LAMBDA_RUNTIME_DIR=/var/runtime' \
    'WORKDIR /var/task'
}

# copy_from_host ROOT FILE...: each file, symlinks resolved, at its own path under ROOT.
copy_from_host() {
  local root="$1" file
  shift
  for file in "$@"; do
    mkdir -p "$root$(dirname "$file")"
    cp -L "$file" "$root$file"
  done
}

# build_image TAG PREFIX WORKDIR: assembles the root filesystem and imports it as TAG.
build_image() {
  local tag="$1" prefix="$2" root="$3/rootfs"
  local python="$prefix/bin/python3.13" build_prefix tool path libc_dir lib missing
  local -a changes=() elf_files=() libraries=()

  mkdir -p "$root"/usr/{bin,lib,lib64,sbin} "$root"/{etc,opt,root,var/lang,var/runtime,var/task}
  mkdir -m 1777 "$root/tmp"
  # Paths as the host's ldd prints them (/lib64/ld-linux..., /lib/<triplet>/...)
  # land in usr/, whether or not the host has merged /usr.
  ln -s usr/bin "$root/bin"
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  ln -s usr/sbin "$root/sbin"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

  # CPython at /var/lang, without what a function never loads: tests, IDLE,
  # Tk, curses, readline, sqlite, the static library, headers and the host's
  # site-packages (pip, and any .pth file of the host's).
  tar -C "$prefix" --anchored \
    --exclude=./include --exclude=./share --exclude=./lib/pkgconfig \
    --exclude=./lib/python3.13/test --exclude=./lib/python3.13/idlelib \
    --exclude=./lib/python3.13/tkinter --exclude=./lib/python3.13/turtledemo \
    --exclude=./lib/python3.13/ensurepip --exclude='./lib/python3.13/config-3.13*' \
    --exclude='./lib/python3.13/site-packages/*' \
    --exclude='./lib/python3.13/lib-dynload/_test*' --exclude='./lib/python3.13/lib-dynload/_tkinter*' \
    --exclude='./lib/python3.13/lib-dynload/_ctypes_test*' --exclude='./lib/python3.13/lib-dynload/_xxtestfuzz*' \
    --exclude='./lib/python3.13/lib-dynload/xx*' --exclude='./lib/python3.13/lib-dynload/_curses*' \
    --exclude='./lib/python3.13/lib-dynload/readline*' --exclude='./lib/python3.13/lib-dynload/_sqlite3*' \
    -cf - . | tar -C "$root/var/lang" -xf -
  find "$root/var/lang/bin" -mindepth 1 -not -name python3.13 -delete
  ln -s python3.13 "$root/var/lang/bin/python3"
  ln -s python3.13 "$root/var/lang/bin/python"
  # The interpreter finds libpython through the prefix it was built for.
  build_prefix="$("$python" -c 'import sysconfig; print(sysconfig.get_config_var("prefix"))')"
  if [ "$build_prefix" != /var/lang ]; then
    mkdir -p "$root$(dirname "$build_prefix")"
    ln -s /var/lang "$root$build_prefix"
  fi

  # The runtime interface client and the runtime's boto3.
  if ! "$python" -m pip install --quiet --no-warn-script-location --only-binary=:all: \
    --target "$root/var/runtime" --constraint requirements/constraints.txt \
    "${RUNTIME_PACKAGES[@]}" boto3 botocore >"$3/pip.log" 2>&1; then
    cat "$3/pip.log" >&2
    return 1
  fi
  rm -rf "$root/var/runtime/bin"
  write_bootstrap "$root/var/runtime/bootstrap"

  # /bin/sh and what SAM's generated Dockerfile runs (mv, chmod; cp, rm for a second layer).
  for tool in dash mv chmod cp rm mkdir ls cat env ln; do
    path="$(command -v "$tool")" || {
      echo "build_image: $tool is not installed on this machine" >&2
      return 1
    }
    cp -L "$path" "$root/usr/bin/$tool"
  done
  ln -s dash "$root/usr/bin/sh"

  # Every shared library those load, as the host resolves it, and the loader.
  mapfile -t elf_files < <(find "$root/var" "$root/usr/bin" -type f \( -name '*.so' -o -name '*.so.*' -o -path '*/bin/*' \))
  missing="$(for path in "${elf_files[@]}"; do ldd "$path" 2>/dev/null || true; done | awk '$2 == "=>" && $3 == "not" {print $1}' | sort -u)"
  if [ -n "$missing" ]; then
    echo "build_image: shared libraries not found on this machine: $missing" >&2
    return 1
  fi
  mapfile -t libraries < <(
    for path in "${elf_files[@]}"; do ldd "$path" 2>/dev/null || true; done |
      awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(0x/ {print $1}' |
      sort -u | grep -v -F -e "$prefix/" -e "$root/"
  )
  # glibc's companions, which manylinux wheels in a layer may ask for, and
  # libgcc_s, which glibc loads itself when a thread is cancelled.
  libc_dir="$(dirname "$(printf '%s\n' "${libraries[@]}" | grep -m1 '/libc\.so\.6$')")"
  for lib in libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libresolv.so.2 libgcc_s.so.1; do
    if [ -e "$libc_dir/$lib" ]; then
      libraries+=("$libc_dir/$lib")
    fi
  done
  copy_from_host "$root" "${libraries[@]}"

  mapfile -t changes < <(image_changes)
  local -a change_args=()
  for path in "${changes[@]}"; do
    change_args+=(--change "$path")
  done
  tar -C "$root" --numeric-owner --owner=0 --group=0 -cf - . |
    docker import "${change_args[@]}" --message "newsclean: python3.13 Lambda-style runtime for sam local invoke" - "$tag" >/dev/null
}

# What the image is made of; its tag is a hash of this.
image_recipe() {
  local prefix="$1"
  declare -f write_bootstrap image_changes copy_from_host build_image
  printf '%s\n' "${RUNTIME_PACKAGES[@]}"
  grep -E '^(boto3|botocore)==' requirements/constraints.txt
  "$prefix/bin/python3.13" -c 'import sys, sysconfig; print(sys.version, sys.base_prefix, sysconfig.get_platform())'
}

# ---------------------------------------------------------------- helpers
# S3 side of the run, in Python (boto3, from the moto venv), written out at run
# time; S3_ENDPOINT, S3_INPUT_BUCKET and S3_OUTPUT_BUCKET in the environment:
#   gateway BRIDGE              the bridge's address on this host
#   free-port HOST              a port free on HOST
#   wait-s3                     until moto answers
#   setup EVENTS_DIR OUT_DIR    buckets, objects, events with moto's version ids
#   clear EVENT SNAPSHOT        deletes the outcomes an event names, lists the rest
#   verify EVENT EXPECT ANSWER VERSIONS SNAPSHOT
#                               checks the answer and the outcomes; prints what it found
write_helper() {
  cat >"$1" <<'PYTHON'
import fcntl
import json
import os
import socket
import struct
import sys
import time
from pathlib import Path
from urllib.parse import unquote_plus

ENV = {}


def s3():
    import boto3

    return boto3.client("s3", endpoint_url=ENV["endpoint"], region_name="us-east-1")


def gateway(bridge):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("256s", bridge.encode()[:15])
        answer = fcntl.ioctl(sock.fileno(), 0x8915, request)  # SIOCGIFADDR
    print(socket.inet_ntoa(answer[20:24]))


def free_port(host):
    with socket.socket() as sock:
        sock.bind((host, 0))
        print(sock.getsockname()[1])


def wait_s3():
    import urllib.request

    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(ENV["endpoint"] + "/moto-api/", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"moto does not answer at {ENV['endpoint']}")
            time.sleep(0.2)


def event_keys(event):
    """(bucket, key, version id or None, sequencer or None) of each object an event names, keys decoded."""
    if "Records" in event:
        return [
            (
                record["s3"]["bucket"]["name"],
                unquote_plus(record["s3"]["object"]["key"]),
                record["s3"]["object"].get("versionId"),
                record["s3"]["object"].get("sequencer"),
            )
            for record in event["Records"]
        ]
    if "tasks" in event:
        return [
            (
                task.get("s3Bucket") or task["s3BucketArn"].rsplit(":", 1)[1],
                unquote_plus(task["s3Key"]),
                task.get("s3VersionId"),
                None,
            )
            for task in event["tasks"]
        ]
    return []


def setup(objects_dir, events_dir, out_dir):
    client = s3()
    client.create_bucket(Bucket=ENV["input"])
    client.put_bucket_versioning(Bucket=ENV["input"], VersioningConfiguration={"Status": "Enabled"})
    client.create_bucket(Bucket=ENV["output"])
    versions = {}
    for path in sorted(Path(objects_dir).rglob("*")):
        if path.is_file():
            key = path.relative_to(objects_dir).as_posix()
            versions[key] = client.put_object(Bucket=ENV["input"], Key=key, Body=path.read_bytes())["VersionId"]
    out = Path(out_dir)
    (out / "versions.json").write_text(json.dumps(versions, ensure_ascii=False, indent=1))
    for path in sorted(Path(events_dir).glob("*.json")):
        event = json.loads(path.read_text())
        for record in event.get("Records", []):
            obj = record["s3"]["object"]
            key = unquote_plus(obj["key"])
            if key not in versions:
                raise SystemExit(f"{path.name} names {key!r}, which is not under {objects_dir}")
            # The committed events carry invented version ids; moto made real ones.
            obj["versionId"] = versions[key]
        (out / path.name).write_text(json.dumps(event, ensure_ascii=False, indent=1))


def outcome_key(key):
    return f"outcomes/{key}.json"


def listing(client):
    """Every object of the output bucket, with its ETag."""
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=ENV["output"])
    return {obj["Key"]: obj["ETag"] for page in pages for obj in page.get("Contents", [])}


def clear(event_file, snapshot_file):
    client = s3()
    for _bucket, key, _version, _sequencer in event_keys(json.loads(Path(event_file).read_text())):
        client.delete_object(Bucket=ENV["output"], Key=outcome_key(key))
    Path(snapshot_file).write_text(json.dumps(listing(client)))


def read_outcome(client, key):
    try:
        body = client.get_object(Bucket=ENV["output"], Key=outcome_key(key))["Body"].read()
    except client.exceptions.NoSuchKey:
        raise AssertionError(f"no {outcome_key(key)} in s3://{ENV['output']}") from None
    return json.loads(body)


def check_outcome(client, versions, expect, bucket, key, version, sequencer):
    """Checks key's outcome document against EXPECT; returns a description of it."""
    document = read_outcome(client, key)
    kind, _, reason = expect.partition(":")
    if kind not in ("rejected", "article"):
        kind = "article"  # a Batch Operations task that succeeds writes the article
    source = document.get("source") or {}
    problems = []
    if document.get("outcome") != kind:
        problems.append(f"outcome {document.get('outcome')!r}, expected {kind!r}")
    if reason and document.get("reason") != reason:
        problems.append(f"reason {document.get('reason')!r}, expected {reason!r}")
    if source.get("key") != key:
        problems.append(f"source.key {source.get('key')!r}, expected {key!r}")
    if source.get("bucket") not in (None, bucket):
        problems.append(f"source.bucket {source.get('bucket')!r}, expected {bucket!r}")
    # A task without a version id reads the latest: the only version here.
    expected_version = version or versions.get(key)
    if source.get("version_id") != expected_version:
        problems.append(f"source.version_id {source.get('version_id')!r}, expected {expected_version!r}")
    if sequencer and source.get("sequencer") != sequencer:
        problems.append(f"source.sequencer {source.get('sequencer')!r}, expected {sequencer!r}")
    if kind == "article" and not document.get("body"):
        problems.append("an article without body paragraphs")
    if problems:
        raise AssertionError(f"{outcome_key(key)}: " + "; ".join(problems))
    if kind == "article":
        return f"{outcome_key(key)}: article, {len(document['body'])} paragraphs, headline {document.get('headline')!r}"
    return f"{outcome_key(key)}: rejected ({document.get('reason')})"


def read_answer(answer_file):
    text = Path(answer_file).read_text().strip()
    if not text:
        raise AssertionError("sam local invoke printed no answer")
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(text.splitlines()[-1])


def verify(event_file, expect, answer_file, versions_file, snapshot_file):
    event = json.loads(Path(event_file).read_text())
    versions = json.loads(Path(versions_file).read_text())
    answer = read_answer(answer_file)
    if not isinstance(answer, dict) or "errorMessage" in answer:
        raise AssertionError(f"the function failed: {json.dumps(answer)[:600]}")
    client = s3()
    found = []
    refs = event_keys(event)
    if "tasks" in event:
        codes = {result.get("taskId"): result.get("resultCode") for result in answer.get("results", [])}
        for task in event["tasks"]:
            if codes.get(task["taskId"]) != expect:
                raise AssertionError(f"task {task['taskId']}: result {codes.get(task['taskId'])!r}, expected {expect!r}: {json.dumps(answer)[:600]}")
        found.append(f"{len(codes)} task(s) {expect}")
    elif expect == "ignored":
        counts = {name: answer.get(name) for name in ("articles", "rejected", "skipped")}
        if refs or any(counts.values()):
            raise AssertionError(f"expected nothing done, got {json.dumps(answer)}")
        before, after = json.loads(Path(snapshot_file).read_text()), listing(client)
        if after != before:
            changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
            raise AssertionError(f"expected nothing written, but the output bucket changed: {changed}")
        found.append(f"ignored, the output bucket unchanged ({len(after)} objects)")
    else:
        kind = expect.partition(":")[0]
        counted = answer.get("articles" if kind == "article" else "rejected")
        if counted != len(refs):
            raise AssertionError(f"answer counts {counted} {kind}(s) of {len(refs)}: {json.dumps(answer)}")
    for bucket, key, version, sequencer in refs:
        found.append(check_outcome(client, versions, expect, bucket, key, version, sequencer))
    print("; ".join(found))


def main(argv):
    ENV.update(endpoint=os.environ.get("S3_ENDPOINT", ""), input=os.environ.get("S3_INPUT_BUCKET", ""))
    ENV.update(output=os.environ.get("S3_OUTPUT_BUCKET", ""))
    command, args = argv[1], argv[2:]
    try:
        {"gateway": gateway, "free-port": free_port, "wait-s3": wait_s3, "setup": setup, "clear": clear, "verify": verify}[command](*args)
    except AssertionError as exc:
        print(exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
PYTHON
}

# ensure_moto_venv DIR PYTHON: a venv with moto's server, pinned by
# constraints.txt, reused while the interpreter and pins stay the same.
ensure_moto_venv() {
  local dir="$1" python="$2" stamp
  stamp="$("$python" -c 'import sys; print(sys.version)' | cksum) $(cksum <requirements/constraints.txt) ${MOTO_SERVER_PACKAGES[*]}"
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$stamp" ]; then
    return 0
  fi
  echo "installing ${MOTO_SERVER_PACKAGES[*]} into $dir"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  "$python" -m venv "$dir"
  if ! "$dir/bin/python" -m pip install --quiet --constraint requirements/constraints.txt \
    "${MOTO_SERVER_PACKAGES[@]}" >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    return 1
  fi
  printf '%s\n' "$stamp" >"$dir/.installed"
}

# Whether .aws-sam/build holds a build of the current sources (newer than all of them).
build_is_fresh() {
  local stamp="$BUILD_DIR/template.yaml"
  [ -f "$stamp" ] && [ -d "$BUILD_DIR/$1" ] && [ -x "$TOOLS_VENV/bin/sam" ] || return 1
  [ -z "$(find template.yaml functions shared requirements/constraints.txt -type f -newer "$stamp" \
    -not -path '*/__pycache__/*' -not -path '*.egg-info/*' -not -path '*/.*' -print -quit)" ]
}

# ------------------------------------------------------------------- run
work=""
moto_pid=""
run_image_id=""
container=""
child_pid=""
# What the script is doing, for the message when a step fails. Steps are
# called plainly, not as `step || ...`: bash ignores set -e inside a function
# called that way, and a half-done step must stop the run.
phase=""

# run_child SECONDS COMMAND...: COMMAND under `timeout`, waited for in a way
# that an interrupt does not have to wait out; cleanup stops it (timeout
# passes the signal on to everything COMMAND started).
run_child() {
  local status=0
  timeout "$@" &
  child_pid=$!
  wait "$child_pid" || status=$?
  child_pid=""
  return "$status"
}

# Images built on top of this run's image (SAM builds one per invocation,
# the function's layer added), newest first.
images_built_on_run_image() {
  local id parent
  docker images --all --quiet --no-trunc --filter "since=$run_image_id" | while read -r id; do
    parent="$id"
    while parent="$(docker image inspect --format '{{.Parent}}' "$parent" 2>/dev/null)" && [ -n "$parent" ]; do
      if [ "$parent" = "$run_image_id" ]; then
        printf '%s\n' "$id"
        break
      fi
    done
  done
}

cleanup() {
  local status=$? ids id
  set +e
  trap - EXIT INT TERM
  if [ "$status" -ne 0 ] && [ -n "$phase" ]; then
    echo "sam-local-invoke: FAIL while $phase (status $status)" >&2
  fi
  if [ -n "$child_pid" ]; then
    kill -TERM "$child_pid" 2>/dev/null
    wait "$child_pid" 2>/dev/null
  fi
  if [ -n "$container" ]; then
    docker rm --force "$container" >/dev/null 2>&1
  fi
  if [ -n "$run_image_id" ]; then
    # Containers of this run's image or of one built on it: SAM's, if it
    # left any (it removes them itself when an invocation ends normally).
    ids="$(docker ps --all --quiet --no-trunc --filter "ancestor=$run_image_id")"
    for id in $ids; do
      docker rm --force "$id" >/dev/null
    done
    for id in $(images_built_on_run_image); do
      docker rmi "$id" >/dev/null 2>&1
    done
    # Gone already when the images built on it took it with them (it has no tag).
    if docker image inspect "$run_image_id" >/dev/null 2>&1; then
      docker rmi "$run_image_id" >/dev/null
    fi
  fi
  if [ -n "$moto_pid" ]; then
    kill "$moto_pid" 2>/dev/null
    wait "$moto_pid" 2>/dev/null
  fi
  [ -n "$work" ] && rm -rf "$work"
  exit "$status"
}

helper() {
  S3_ENDPOINT="${endpoint:-}" S3_INPUT_BUCKET="$INPUT_BUCKET" S3_OUTPUT_BUCKET="$OUTPUT_BUCKET" \
    "$moto_venv/bin/python" "$work/helper.py" "$@"
}

started=$SECONDS

step "prerequisites"
command -v docker >/dev/null || skip "no docker command on this machine"
timeout 20 docker info >/dev/null 2>&1 || skip "the Docker daemon does not answer (docker info)"
prefix="$(find_python313_prefix)" ||
  skip "no python3.13 installed under its own prefix was found (set PYTHON313=/path/to/python3.13)"
python="$prefix/bin/python3.13"
architecture="$(lambda_architecture)" || skip "no Lambda architecture matches this machine ($(uname -m))"
case "$architecture" in
  x86_64) layer=NewscleanLayerX8664 ;;
  arm64) layer=NewscleanLayerArm64 ;;
esac
echo "docker $(docker version --format '{{.Server.Version}}'), $python, $architecture"

trap cleanup EXIT
trap 'echo "sam-local-invoke: interrupted" >&2; exit 130' INT
trap 'echo "sam-local-invoke: terminated" >&2; exit 143' TERM
work="$(mktemp -d "${TMPDIR:-/tmp}/sam-local-invoke.XXXXXX")"
mkdir -p "$work/events" "$work/out" "$work/layer-cache"

step "sam build ($architecture)"
phase="getting a fresh sam build"
if build_is_fresh "$layer"; then
  echo "reusing $BUILD_DIR: newer than template.yaml, functions/, shared/ and the pins"
else
  echo "$BUILD_DIR is missing or older than the sources: running scripts/check-template.sh"
  run_child 1800 bash scripts/check-template.sh
  build_is_fresh "$layer" || fail "scripts/check-template.sh left no build for $layer in $BUILD_DIR"
fi
# A copy: another build may replace .aws-sam/build while the invocations run.
cp -a "$BUILD_DIR" "$work/build"

step "runtime image"
phase="building the runtime image"
tag="$IMAGE_REPOSITORY:$(image_recipe "$prefix" | sha256sum | cut -c1-16)"
if ! $rebuild_image && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "reusing $tag"
else
  echo "building $tag from $prefix"
  image_started=$SECONDS
  build_image "$tag" "$prefix" "$work"
  rm -rf "$work/rootfs"
  echo "built $tag in $((SECONDS - image_started)) s, $(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MB", $1 / 1e6}')"
  # Earlier recipes' images are of no further use (one in use stays).
  for old in $(docker images --format '{{.Repository}}:{{.Tag}}' "$IMAGE_REPOSITORY"); do
    [ "$old" = "$tag" ] || docker rmi "$old" >/dev/null 2>&1 || true
  done
fi

step "S3: moto"
phase="starting moto"
moto_venv="$CACHE_DIR/moto-server-venv"
write_helper "$work/helper.py"
ensure_moto_venv "$moto_venv" "$python"
# Listening on the bridge's gateway only: the function containers reach it there, the network does not.
gateway="$(docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}')"
if [ -z "$gateway" ]; then
  bridge="$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}')"
  gateway="$(helper gateway "${bridge:-docker0}")" || fail "no address found for Docker's bridge ${bridge:-docker0}"
fi
port="$(helper free-port "$gateway")"
endpoint="http://$gateway:$port"
"$moto_venv/bin/moto_server" -H "$gateway" -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
helper wait-s3 || {
  cat "$work/moto.log" >&2
  fail "moto's server did not start"
}
helper setup "$ROOT/events/objects" "$ROOT/events" "$work/events"
echo "moto at $endpoint: s3://$INPUT_BUCKET (versioned, events/objects/ uploaded), s3://$OUTPUT_BUCKET"
cat >"$work/env.json" <<JSON
{"Parameters": {"INPUT_BUCKET": "$INPUT_BUCKET", "OUTPUT_BUCKET": "$OUTPUT_BUCKET"}}
JSON

# The template's variables come from env.json; the endpoint is no variable of
# the template's (SAM passes only those), so it goes into this run's image.
phase="making this run's image"
container="$(docker create "$tag" /bin/true)"
run_image_id="$(docker commit --change "ENV AWS_ENDPOINT_URL_S3=$endpoint" --change 'CMD []' "$container")"
docker rm "$container" >/dev/null
container=""

step "sam local invoke"
phase="invoking the functions"
results=()
failed=0
declare -A expected=()
for entry in "${EXPECTATIONS[@]}"; do
  read -r name _ <<<"$entry"
  expected[$name]=1
done
for path in events/*.json; do
  name="$(basename "$path")"
  if [ -z "${expected[$name]:-}" ]; then
    results+=("FAIL $name: no expectation for it in scripts/sam-local-invoke.sh (EXPECTATIONS)")
    failed=$((failed + 1))
  fi
done
for entry in "${EXPECTATIONS[@]}"; do
  read -r name function expect <<<"$entry"
  event="$work/events/$name"
  if [ ! -f "$event" ]; then
    results+=("FAIL $name: events/$name does not exist")
    failed=$((failed + 1))
    continue
  fi
  echo "-- $name -> $function (expect $expect)"
  helper clear "$event" "$work/out/$name.before"
  invoke_started=$SECONDS
  invoke_status=0
  # AWS_ENDPOINT_URL is for SAM itself, which asks STS for the account id:
  # moto answers, instead of AWS refusing the fake credentials after retries.
  AWS_ENDPOINT_URL="$endpoint" run_child "$INVOKE_TIMEOUT" "$TOOLS_VENV/bin/sam" local invoke "$function" \
    --template-file "$work/build/template.yaml" \
    --event "$event" \
    --env-vars "$work/env.json" \
    --parameter-overrides "Architecture=$architecture" \
    --invoke-image "$run_image_id" --skip-pull-image \
    --layer-cache-basedir "$work/layer-cache" \
    >"$work/out/$name.answer" 2>"$work/out/$name.log" || invoke_status=$?
  took=$((SECONDS - invoke_started))
  if [ "$invoke_status" -ne 0 ]; then
    detail="sam local invoke exited with status $invoke_status"
  elif detail="$(helper verify "$event" "$expect" "$work/out/$name.answer" "$work/events/versions.json" \
    "$work/out/$name.before" 2>&1)"; then
    results+=("PASS $name ($function, ${took} s): $detail")
    echo "   PASS: $detail"
    continue
  fi
  results+=("FAIL $name ($function, ${took} s): $detail")
  failed=$((failed + 1))
  echo "   FAIL: $detail"
  echo "   sam local invoke's output (last 40 lines):"
  tail -n 40 "$work/out/$name.log" | sed 's/^/   | /'
  sed 's/^/   answer: /' "$work/out/$name.answer"
  echo
done

phase=""
step "summary"
printf '%s\n' "${results[@]}"
if [ "$failed" -eq 0 ]; then
  echo "sam local invoke: PASS, ${#results[@]} events in $((SECONDS - started)) s"
  exit 0
fi
echo "sam local invoke: FAIL, $failed of ${#results[@]} failed"
exit 1
