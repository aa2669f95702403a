"""Run the handler exactly as `sam build` left it, against moto.

Called by scripts/check-template.sh with python3.13 from a throwaway venv that
holds only moto and boto3 (the Lambda runtime's boto3 stands in for the real
one). It proves that the deployable artifact, not the repository's shared/,
works:

1. every built layer holds runtime packages only (no boto3, moto, pytest...)
   and native code for its own architecture only;
2. a bare interpreter that sees nothing but the layer and the function
   directory can import the layer's packages;
3. the built upload handler, importing newsclean from the layer, turns an
   uploaded page in a versioned input bucket into ``outcomes/<key>.json`` in the
   output bucket;
4. the built Batch Operations handler answers a schema 2.0 invocation for
   the same object with ``Succeeded`` and writes the same document.

Not collected by pytest (the name does not start with ``test_``): it needs the
build output and python3.13.

    python smoke_built_artifact.py --build-dir .aws-sam/build --layer NewscleanLayerX8664
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

FUNCTION_ID = "CleanArticleFunction"
BATCH_FUNCTION_ID = "BatchCleanFunction"
# ELF e_machine of each layer's native code.
LAYER_MACHINES = {"NewscleanLayerArm64": 183, "NewscleanLayerX8664": 62}  # EM_AARCH64, EM_X86_64
# Runtime provides boto3; the rest are test and local-runner tools.
FORBIDDEN_IN_LAYER = ("boto3", "botocore", "s3transfer", "moto", "pytest", "_pytest", "hypothesis", "tqdm")
# What the layer must resolve by itself: the package and its runtime deps.
LAYER_IMPORTS = ("newsclean", "selectolax.lexbor", "charset_normalizer", "aws_lambda_powertools.logging")

SAMPLE = Path(__file__).with_name("sample_article.txt")
# S3 events carry URL-encoded keys; '+', spaces and parentheses test the decoding.
SAMPLE_KEY = "smoke/2025/03/footbridge repairs (draft)+v2.txt"
INPUT_BUCKET = "smoke-input"
OUTPUT_BUCKET = "smoke-output"
OUTCOME_KEY = f"outcomes/{SAMPLE_KEY}.json"


class SmokeFailure(AssertionError):
    """The built artifact is not what would work when deployed."""


@dataclass(frozen=True)
class FakeContext:
    """The attributes of a Lambda context that Powertools' logger reads."""

    function_name: str = "clean-article-smoke"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:clean-article-smoke"
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    build_dir = args.build_dir.resolve()
    for layer_id, machine in LAYER_MACHINES.items():
        check_layer_contents(build_dir / layer_id / "python", machine)
    layer_dir = build_dir / args.layer / "python"
    function_dir = build_dir / FUNCTION_ID
    check_isolated_imports(layer_dir, function_dir)
    check_tracing_resolves(layer_dir)
    document = run_handler(layer_dir, function_dir, build_dir / BATCH_FUNCTION_ID)
    print(
        f"smoke: {OUTCOME_KEY} written by both handlers, {len(document['body'])} body paragraphs, "
        f"headline {document.get('headline')!r}"
    )
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=Path(".aws-sam/build"))
    parser.add_argument("--layer", choices=sorted(LAYER_MACHINES), required=True, help="the layer built for this host")
    return parser.parse_args(argv)


def check_layer_contents(site_dir: Path, machine: int) -> None:
    if not (site_dir / "newsclean").is_dir():
        raise SmokeFailure(f"{site_dir} holds no newsclean package")
    names = {entry.name.split("-")[0].lower() for entry in site_dir.iterdir()}
    forbidden = sorted(names.intersection(FORBIDDEN_IN_LAYER))
    if forbidden:
        raise SmokeFailure(f"{site_dir} must hold runtime packages only, found {forbidden}")
    native = [path for path in site_dir.rglob("*.so*") if is_shared_object(path)]
    if not native:
        raise SmokeFailure(f"{site_dir} has no native code: selectolax's wheel is missing")
    wrong = [str(path.relative_to(site_dir)) for path in native if elf_machine(path) != machine]
    if wrong:
        raise SmokeFailure(f"{site_dir} has native code for another architecture: {wrong}")


def is_shared_object(path: Path) -> bool:
    return path.is_file() and (path.name.endswith(".so") or ".so." in path.name)


def elf_machine(path: Path) -> int | None:
    header = path.read_bytes()[:20]
    if header[:4] != b"\x7fELF":
        return None
    return int.from_bytes(header[18:20], "little")


def check_isolated_imports(layer_dir: Path, function_dir: Path) -> None:
    """Import the layer's packages in an interpreter that sees no site-packages."""
    script = "import importlib, sys; sys.path[:0] = sys.argv[1:3]; [importlib.import_module(m) for m in sys.argv[3:]]"
    command = [sys.executable, "-I", "-S", "-c", script, str(function_dir), str(layer_dir), *LAYER_IMPORTS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SmokeFailure(f"the layer alone cannot import {LAYER_IMPORTS}:\n{result.stderr}")


def check_tracing_resolves(layer_dir: Path) -> None:
    """ENABLE_TRACING=true needs the X-Ray SDK from the layer, patching the runtime's botocore
    (played here by this venv's)."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import aws_xray_sdk.core, wrapt; "
        "from aws_xray_sdk.core import patch; patch(['botocore']); print(aws_xray_sdk.__file__)"
    )
    result = subprocess.run([sys.executable, "-c", script, str(layer_dir)], capture_output=True, text=True, check=False)
    origin = Path(result.stdout.strip() or "/").resolve()
    if result.returncode != 0 or not origin.is_relative_to(layer_dir):
        raise SmokeFailure(f"the layer cannot provide tracing (aws_xray_sdk from {origin}):\n{result.stderr}")


def run_handler(layer_dir: Path, function_dir: Path, batch_dir: Path) -> dict[str, Any]:
    # Lambda puts the function code first, then the layer; both go before the
    # venv's site-packages so nothing installed here can stand in for them.
    sys.path[:0] = [str(function_dir), str(layer_dir)]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "INPUT_BUCKET": INPUT_BUCKET,
            "OUTPUT_BUCKET": OUTPUT_BUCKET,
            "POWERTOOLS_SERVICE_NAME": "newsclean",
            "POWERTOOLS_METRICS_NAMESPACE": "NewsClean",
            "LOG_LEVEL": "WARNING",
            "ENABLE_TRACING": "false",
        }
    )
    import boto3
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3")
        uploaded = create_buckets_and_upload(s3)
        import app  # after mock_aws starts: the handler makes its S3 client at import

        check_origins(app, layer_dir, function_dir)
        summary = app.lambda_handler(put_event(uploaded), FakeContext())
        if summary.get("articles") != 1:
            raise SmokeFailure(f"handler did not write one article: {summary}")
        body = s3.get_object(Bucket=OUTPUT_BUCKET, Key=OUTCOME_KEY)["Body"].read()
        s3.delete_object(Bucket=OUTPUT_BUCKET, Key=OUTCOME_KEY)
        run_batch_handler(batch_dir, layer_dir, uploaded)
        document = json.loads(body)
        # A task has no event, so no sequencer; the rest is the same document.
        rewritten = json.loads(s3.get_object(Bucket=OUTPUT_BUCKET, Key=OUTCOME_KEY)["Body"].read())
        if rewritten != {**document, "source": {**document["source"], "sequencer": None}}:
            raise SmokeFailure("the Batch Operations handler wrote another document than the upload handler")
    if not document.get("body"):
        raise SmokeFailure(f"article has an empty body: {document}")
    return document


def run_batch_handler(batch_dir: Path, layer_dir: Path, uploaded: dict[str, Any]) -> None:
    """The built Batch Operations handler (also a module named app) on a schema 2.0 task for the sample."""
    spec = importlib.util.spec_from_file_location("batch_app", batch_dir / "app.py")
    if spec is None or spec.loader is None:
        raise SmokeFailure(f"no Batch Operations handler in {batch_dir}")
    batch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(batch)
    check_origins(batch, layer_dir, batch_dir)
    invocation = {
        "invocationSchemaVersion": "2.0",
        "invocationId": "c21va2UtaW52b2NhdGlvbg",
        "job": {"id": "00000000-0000-4000-8000-00000000b0b0", "userArguments": {}},
        "tasks": [
            {
                "taskId": "c21va2UtdGFzaw",
                "s3Key": quote_plus(SAMPLE_KEY, safe="/"),
                "s3VersionId": uploaded["VersionId"],
                "s3Bucket": INPUT_BUCKET,
            }
        ],
    }
    answer = batch.lambda_handler(invocation, FakeContext())
    codes = [result["resultCode"] for result in answer.get("results", [])]
    if codes != ["Succeeded"]:
        raise SmokeFailure(f"Batch Operations handler did not succeed: {answer}")


def create_buckets_and_upload(s3: Any) -> dict[str, Any]:
    for bucket in (INPUT_BUCKET, OUTPUT_BUCKET):
        s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=INPUT_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    return s3.put_object(Bucket=INPUT_BUCKET, Key=SAMPLE_KEY, Body=SAMPLE.read_bytes())


def check_origins(handler: Any, layer_dir: Path, function_dir: Path) -> None:
    """The handler came from its function directory, newsclean and its dependencies from the layer."""
    expected = [(handler, function_dir)]
    # Imported here, not looked up: the handler loads the HTML parser and the charset guesser when a page needs them.
    expected += [(importlib.import_module(module.split(".")[0]), layer_dir) for module in LAYER_IMPORTS]
    for module, directory in expected:
        origin = Path(module.__file__ or "").resolve()
        if not origin.is_relative_to(directory):
            raise SmokeFailure(f"{module.__name__} was imported from {origin}, not from {directory}")


def put_event(uploaded: dict[str, Any]) -> dict[str, Any]:
    """The S3 ObjectCreated:Put notification for the object just uploaded, shaped as S3 sends it."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": "2025-03-03T10:00:00.000Z",
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:SMOKETEST"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": "SMOKE", "x-amz-id-2": "SMOKE"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "smoke",
                    "bucket": {
                        "name": INPUT_BUCKET,
                        "ownerIdentity": {"principalId": "SMOKETEST"},
                        "arn": f"arn:aws:s3:::{INPUT_BUCKET}",
                    },
                    "object": {
                        "key": quote_plus(SAMPLE_KEY, safe="/"),
                        "size": SAMPLE.stat().st_size,
                        "eTag": uploaded["ETag"].strip('"'),
                        "versionId": uploaded["VersionId"],
                        "sequencer": "0065E0A0B0C0D0E0F0",
                    },
                },
            }
        ]
    }


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SmokeFailure as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
