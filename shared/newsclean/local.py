"""Run the real Lambda handler on local files, against in-process S3 and SQS.

``run_local`` starts moto, creates an input and an output bucket, points the
input bucket's event notifications at an SQS queue, uploads the files, and
feeds every notification S3 emitted to ``functions/clean_article/app.py`` —
the same handler Lambda runs, loaded by file path with its configuration set
in the environment first (this runner is the edge). Then it copies the output
bucket to a directory, keeping keys.

The handler lives outside the package, so this needs a repository checkout.
boto3 and moto are imported here, never by the core.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import mimetypes
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote_plus

import boto3
from moto import mock_aws

INPUT_BUCKET = "newsclean-input-local"
OUTPUT_BUCKET = "newsclean-output-local"
QUEUE_NAME = "newsclean-input-events"
# moto accepts any region; us-east-1 is the one where CreateBucket needs no location.
REGION = "us-east-1"
HANDLER_PATH = Path("functions/clean_article/app.py")
SAMPLES_PATH = Path("events/objects")
SERVICE_NAME = "clean-article-local"


class LocalRunError(Exception):
    """The run cannot start: no inputs, no handler, clashing keys."""


@dataclass(frozen=True, slots=True)
class LocalContext:
    """The fields of Lambda's context object that the handler and Powertools read."""

    aws_request_id: str = "local"
    function_name: str = SERVICE_NAME
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:123456789012:function:{SERVICE_NAME}"


@dataclass(frozen=True, slots=True)
class InputFile:
    key: str
    path: Path


@dataclass(slots=True)
class RunSummary:
    objects: int = 0
    articles: int = 0
    skipped: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    output_files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, result: dict[str, Any]) -> None:
        """Fold in one handler invocation's summary."""
        self.articles += result["articles"]
        self.skipped += result["skipped"]
        self.rejections.update(result["rejections_by_reason"])


def default_inputs(cwd: Path | None = None) -> list[Path]:
    samples = (cwd or Path.cwd()) / SAMPLES_PATH
    if not samples.is_dir():
        raise LocalRunError(
            f"no PATH given and {SAMPLES_PATH}/ is not in {cwd or Path.cwd()}: "
            "run from the repository root, or name the files or folders to process"
        )
    return [samples]


def collect_inputs(paths: Sequence[Path]) -> list[InputFile]:
    """Every file under ``paths``; a folder's files are keyed relative to it, a file by its name.

    Hidden files and folders (a leading dot) are left out.
    """
    found: dict[str, InputFile] = {}
    for root in paths:
        if root.is_file():
            candidates = [(root.name, root)]
        elif root.is_dir():
            candidates = [(p.relative_to(root).as_posix(), p) for p in sorted(root.rglob("*")) if p.is_file()]
        else:
            raise LocalRunError(f"{root}: no such file or directory")
        for key, path in candidates:
            if any(part.startswith(".") for part in key.split("/")):
                continue
            if key in found:
                raise LocalRunError(f"two inputs would have the same key {key!r}: {found[key].path} and {path}")
            found[key] = InputFile(key, path)
    if not found:
        raise LocalRunError("no input files found in " + ", ".join(str(p) for p in paths))
    return list(found.values())


def find_handler(cwd: Path | None = None) -> Path:
    """``functions/clean_article/app.py`` in the working directory or a parent, else beside this package."""
    start = (cwd or Path.cwd()).resolve()
    package_checkout = Path(__file__).resolve().parents[2]
    for base in (start, *start.parents, package_checkout):
        if (base / HANDLER_PATH).is_file():
            return base / HANDLER_PATH
    raise LocalRunError(
        f"run-local needs a newsclean repository checkout: {HANDLER_PATH} was found neither in "
        f"{start} or its parents nor beside the installed package ({package_checkout})"
    )


def load_handler(path: Path) -> ModuleType:
    """Import the handler module from its file, as Lambda would (it runs its cold-start code)."""
    spec = importlib.util.spec_from_file_location("clean_article_app", path)
    if spec is None or spec.loader is None:
        raise LocalRunError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def handler_environment(*, max_input_bytes: int | None, verbose: bool) -> dict[str, str]:
    """The configuration the handler reads at cold start, as a deployment would set it."""
    env = {
        "AWS_DEFAULT_REGION": REGION,
        "OUTPUT_BUCKET": OUTPUT_BUCKET,
        "ENABLE_TRACING": "false",
        "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
        "POWERTOOLS_METRICS_NAMESPACE": "newsclean-local",
        "POWERTOOLS_LOG_LEVEL": "INFO" if verbose else "WARNING",
        "POWERTOOLS_METRICS_DISABLED": "false" if verbose else "true",
    }
    if max_input_bytes is not None:
        env["MAX_INPUT_BYTES"] = str(max_input_bytes)
    return env


@contextlib.contextmanager
def patched_environ(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_local(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    handler_path: Path | None = None,
    max_input_bytes: int | None = None,
    verbose: bool = False,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] = lambda items, total: items,
) -> RunSummary:
    """Upload ``paths`` to a moto bucket, run the handler on S3's notifications, copy outputs to ``out_dir``.

    The handler's logs and metrics go to stderr (warnings only, unless
    ``verbose``), leaving stdout to the caller.
    """
    started = time.perf_counter()
    files = collect_inputs(paths)
    handler_file = handler_path or find_handler()
    summary = RunSummary(objects=len(files))
    env = handler_environment(max_input_bytes=max_input_bytes, verbose=verbose)
    with patched_environ(env), mock_aws(), contextlib.redirect_stdout(sys.stderr):
        s3 = boto3.client("s3", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        queue_url = create_buckets_and_queue(s3, sqs)
        app = load_handler(handler_file)
        for item in files:
            upload(s3, item)
        events = receive_events(sqs, queue_url)
        check_every_upload_notified(events, len(files))
        for number, event in enumerate(progress(events, len(events)), start=1):
            try:
                summary.add(app.lambda_handler(event, LocalContext(aws_request_id=f"local-{number}")))
            except Exception as exc:  # noqa: BLE001 — reported per event, the run goes on
                summary.errors.append(f"{event_keys(event)}: {type(exc).__name__}: {exc}")
        summary.output_files = copy_bucket(s3, OUTPUT_BUCKET, out_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def create_buckets_and_queue(s3: Any, sqs: Any) -> str:
    s3.create_bucket(Bucket=INPUT_BUCKET)
    s3.create_bucket(Bucket=OUTPUT_BUCKET)
    queue_url = sqs.create_queue(QueueName=QUEUE_NAME)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=INPUT_BUCKET,
        NotificationConfiguration={"QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]},
    )
    return queue_url


def upload(s3: Any, item: InputFile) -> None:
    content_type, encoding = mimetypes.guess_type(item.path.name)
    if encoding == "gzip":
        content_type = "application/gzip"
    s3.put_object(
        Bucket=INPUT_BUCKET,
        Key=item.key,
        Body=item.path.read_bytes(),
        ContentType=content_type or "binary/octet-stream",
    )


def receive_events(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    """Every S3 notification in the queue, in order: the s3:TestEvent, then one per upload."""
    events: list[dict[str, Any]] = []
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            events.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return events


def check_every_upload_notified(events: list[dict[str, Any]], uploads: int) -> None:
    notified = sum(len(event.get("Records", [])) for event in events)
    if notified != uploads:
        raise LocalRunError(f"S3 sent {notified} notifications for {uploads} uploads")


def event_keys(event: dict[str, Any]) -> str:
    keys = [unquote_plus(record["s3"]["object"]["key"]) for record in event.get("Records", [])]
    return ", ".join(keys) or str(event.get("Event", "event"))


def copy_bucket(s3: Any, bucket: str, out_dir: Path) -> list[Path]:
    """Write each object of ``bucket`` to ``out_dir/<key>``; keys that would leave ``out_dir`` are refused."""
    root = out_dir.resolve()
    written: list[Path] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            target = (root / entry["Key"]).resolve()
            if not target.is_relative_to(root):
                raise LocalRunError(f"output key {entry['Key']!r} would be written outside {out_dir}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(s3.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read())
            written.append(target)
    return written
