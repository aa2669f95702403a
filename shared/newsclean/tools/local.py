"""Run the real Lambda handler on local files, against in-process S3 and SQS.

``run_local`` starts moto, creates a versioned input bucket and an output
bucket, points the input bucket's event notifications at an SQS queue, uploads
the files, and feeds every notification S3 emitted to
``functions/clean_article/app.py`` — the same handler Lambda runs, loaded by
file path with its configuration set in the environment first (this runner is
the edge). moto's notifications carry neither the version id nor the
sequencer, so the runner adds both, as S3 would, from its uploads. Then it
copies the output bucket to a directory, keeping keys: ``DIR/outcomes/...``,
the bucket's layout. An outcome whose key cannot be a file there (two keys
where one is the other's folder, a name too long for the file system) is
reported and left out, never half-written.

It invokes the handler as S3 does, asynchronously: an invocation that raises
is retried twice (at the back of the queue, as Lambda retries after a delay),
then a record of Lambda's on-failure destination shape goes to a second SQS
queue, and from there to ``DIR/failed/<key>.json``. With a ``FaultPlan``, S3
reads, writes and deletes fail with ``SlowDown`` before reaching S3, an
invocation crashes after reading its object, S3 delivers some events a
second time, and some keys are uploaded again while the run goes on, the old
version's event then delivered once more after the new one's — each decided
from the seed, the event and the attempt, so a run is reproducible. The
summary counts every uploaded key's outcome from what is in the output bucket
and the failure queue: for the newest version of each key, its article, its
rejection or its failure record, exactly one, and none lost.

The handler is the packaged one (``newsclean.aws.upload_handler``), the code
``functions/clean_article/app.py`` binds for Lambda, so this runs from any
folder on an installed package. boto3 and moto are imported here, never by
the core.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import mimetypes
import os
import sys
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote_plus

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws

from newsclean.aws.job import failure_reason
from newsclean.aws.records import outcome_key, sequencer_order
from newsclean.tools.logs import LOG_FILE, release_powertools_loggers

INPUT_BUCKET = "newsclean-input-local"
OUTPUT_BUCKET = "newsclean-output-local"
QUEUE_NAME = "newsclean-input-events"
FAILED_QUEUE_NAME = "newsclean-failed-events"
FAILED_PREFIX = "failed/"
# Lambda retries a failed asynchronous invocation twice (the template's MaximumRetryAttempts).
MAX_RETRIES = 2
# Uploads between two receives of their notifications: moto looks through the whole queue at
# each receive, so a queue of 20,000 notifications would make the run quadratic.
RECEIVE_EVERY = 10
# moto accepts any region; us-east-1 is the one where CreateBucket needs no location.
REGION = "us-east-1"
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


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """Which S3 calls fail, which invocations crash and which events S3 delivers twice.

    Each decision is a hash of the seed and of where it is asked (event, attempt, call),
    true with probability ``rate``: the same seed gives the same faults on every run.
    """

    rate: float = 0.0
    seed: int = 0

    def strikes(self, *where: object) -> bool:
        if self.rate <= 0:
            return False
        return self._draw(*where) < self.rate * 2**64

    def pick(self, count: int, *where: object) -> int:
        """One of ``range(count)``, the same for the same seed and place."""
        return self._draw(*where) % count

    def _draw(self, *where: object) -> int:
        digest = hashlib.blake2b(repr((self.seed, *where)).encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")


class InjectedCrash(RuntimeError):
    """The invocation died after reading its object, as out of memory or a timeout would end it."""


@dataclass(slots=True)
class RunSummary:
    objects: int = 0
    articles: int = 0
    skipped: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # sent to the on-failure destination, by reason
    lost: list[str] = field(default_factory=list)  # keys whose newest version has no outcome at all
    duplicated: list[str] = field(default_factory=list)  # keys with more than one outcome
    outdated: list[str] = field(default_factory=list)  # keys whose outcome is an older version's
    unwritable: list[str] = field(default_factory=list)  # "key: why" of outcomes that cannot be files in DIR
    overwritten: list[str] = field(default_factory=list)  # keys uploaded again during the run
    newest: dict[str, str | None] = field(default_factory=dict)  # key -> version id of its latest upload
    late: int = 0  # old versions' events delivered again after the new version's
    errors: list[str] = field(default_factory=list)  # "key: ErrorType: message" of each failure record
    invocations: int = 0
    retries: int = 0
    redelivered: int = 0
    faults: Counter[str] = field(default_factory=Counter)  # injected: read, write, delete, crash
    output_files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    invoking_seconds: float = 0.0
    log_file: Path | None = None  # the handler's structured log lines and metrics

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def throughput(self) -> float:
        """Objects per second while the handler ran (uploads and copies left out)."""
        return self.objects / self.invoking_seconds if self.invoking_seconds else 0.0


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


@dataclass(frozen=True, slots=True)
class LocalFunction:
    """The function run-local invokes: its handler, and its S3 adapter (for injected faults)."""

    lambda_handler: Callable[[Any, Any], Any]
    store: Any = None


def local_function(handler_path: Path | None = None) -> LocalFunction:
    """The packaged upload handler, built as at a cold start; or the module at ``handler_path``."""
    if handler_path is None:
        from newsclean.aws.upload_handler import UploadHandler

        handler = UploadHandler.from_environment()
        return LocalFunction(handler.lambda_handler, handler.store)
    module = load_handler(handler_path)
    return LocalFunction(module.lambda_handler, getattr(getattr(module, "HANDLER", None), "store", None))


def load_handler(path: Path) -> ModuleType:
    """Import the handler module from its file, as Lambda would (it runs its cold-start code)."""
    spec = importlib.util.spec_from_file_location("clean_article_app", path)
    if spec is None or spec.loader is None:
        raise LocalRunError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def handler_environment(*, max_input_bytes: int | None, log_level: str | None = None) -> dict[str, str]:
    """The configuration the handler reads at cold start, as a deployment would set it."""
    env = {
        "AWS_DEFAULT_REGION": REGION,
        "INPUT_BUCKET": INPUT_BUCKET,
        "OUTPUT_BUCKET": OUTPUT_BUCKET,
        "ENABLE_TRACING": "false",
        "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
        "POWERTOOLS_METRICS_NAMESPACE": "newsclean-local",
        "POWERTOOLS_LOG_LEVEL": log_level or "INFO",
        "POWERTOOLS_METRICS_DISABLED": "false",
    }
    if max_input_bytes is not None:
        env["MAX_INPUT_BYTES"] = str(max_input_bytes)
    return env


class Tee:
    """A text stream writing to two: the log file, and stderr for ``--verbose``."""

    def __init__(self, *streams: Any) -> None:
        self._streams = streams

    def write(self, text: str) -> int:
        for stream in self._streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self._streams:
            stream.flush()


@contextlib.contextmanager
def handler_loggers_released() -> Iterator[None]:
    """Detach, after the run, the stream handlers Powertools gave the handler's loggers.

    Powertools configures a service's ``logging.Logger`` once per process and keeps the stream
    it saw first: this run's log file, closed once the run ends. A second run in the same
    process (tests, a notebook) must get a logger of its own stream.
    """
    try:
        yield
    finally:
        release_powertools_loggers()


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
    faults: FaultPlan = FaultPlan(),
    log_level: str | None = None,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] = lambda items, total: items,
) -> RunSummary:
    """Upload ``paths`` to a moto bucket, run the handler on S3's notifications, copy outcomes to ``out_dir``.

    The handler's structured log lines (INFO and up; ``log_level`` overrides) and its EMF
    metrics go to ``out_dir/run-local.log.jsonl``, and to stderr as well when ``verbose``,
    leaving stdout to the caller.
    """
    started = time.perf_counter()
    files = collect_inputs(paths)
    summary = RunSummary(objects=len(files))
    env = handler_environment(max_input_bytes=max_input_bytes, log_level=log_level)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary.log_file = out_dir / LOG_FILE
    with (
        summary.log_file.open("w", encoding="utf-8") as log,
        patched_environ(env),
        mock_aws(),
        contextlib.redirect_stdout(Tee(log, sys.stderr) if verbose else log),
        handler_loggers_released(),
    ):
        s3 = boto3.client("s3", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        bucket = InputBucket.create(s3, sqs)
        destination = FailureDestination.create(sqs)
        function = local_function(handler_path)
        events = bucket.receive_events()  # the s3:TestEvent
        for number, item in enumerate(files, start=1):
            bucket.upload(item.key, item.path.read_bytes(), item.path.name)
            if number % RECEIVE_EVERY == 0 or number == len(files):
                events += bucket.receive_events()
        check_every_upload_notified(events, len(files))
        invoking = time.perf_counter()
        overwrite = Overwriter(bucket, files, faults, summary)
        invoke_asynchronously(function, events, destination, faults, summary, progress, overwrite)
        summary.invoking_seconds = time.perf_counter() - invoking
        copied = copy_bucket(s3, OUTPUT_BUCKET, out_dir)
        failed = destination.write_records(out_dir)
        summary.output_files = list(copied.written.values()) + list(failed.values())
        summary.newest = dict(bucket.newest)
        account_outcomes(summary, bucket.newest, out_dir, copied, failed)
    summary.seconds = time.perf_counter() - started
    return summary


# ------------------------------------------------------------------ Lambda's asynchronous invocation


@dataclass(frozen=True, slots=True)
class Delivery:
    """One asynchronous invocation of an event: its number in S3's order, the attempt, a second delivery."""

    number: int
    event: dict[str, Any]
    attempt: int = 1
    duplicate: bool = False

    @property
    def request_id(self) -> str:
        return f"local-{self.number}" + ("-again" if self.duplicate else "")


class FaultyS3:
    """The handler's S3 client, with the plan's faults: ``SlowDown`` before a read, a look or a write
    reaches S3 (as S3 answers when throttling, having done nothing), and ``InjectedCrash`` after a
    read. The runner says which delivery is running; a duplicate delivery gets no faults, so that an
    event that already succeeded cannot land in the failure destination as well."""

    def __init__(self, client: Any, plan: FaultPlan, counts: Counter[str]) -> None:
        self._client = client
        self._plan = plan
        self._counts = counts
        self.delivery: Delivery | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def _strikes(self, what: str) -> bool:
        delivery = self.delivery
        if delivery is None or delivery.duplicate or not self._plan.strikes(delivery.number, delivery.attempt, what):
            return False
        self._counts[what] += 1
        return True

    def _throttle(self, what: str, operation: str) -> None:
        if self._strikes(what):
            error = {"Code": "SlowDown", "Message": "injected: reduce your request rate"}
            raise ClientError({"Error": error, "ResponseMetadata": {"HTTPStatusCode": 503}}, operation)

    def get_object(self, **params: Any) -> Any:
        self._throttle("read", "GetObject")
        response = self._client.get_object(**params)
        if self._strikes("crash"):
            raise InjectedCrash("injected: the invocation died after reading its object")
        return response

    def head_object(self, **params: Any) -> Any:
        self._throttle("look", "HeadObject")
        return self._client.head_object(**params)

    def put_object(self, **params: Any) -> Any:
        self._throttle("write", "PutObject")
        return self._client.put_object(**params)


def invoke_asynchronously(
    function: LocalFunction,
    events: list[dict[str, Any]],
    destination: FailureDestination,
    plan: FaultPlan,
    summary: RunSummary,
    progress: Callable[[Iterable[Any], int], Iterable[Any]],
    overwrite: Overwriter | None = None,
) -> None:
    """Every event through the handler with Lambda's retries; what fails them all goes to ``destination``.

    With ``overwrite``, a key whose event has just been handled may be uploaded again: the new
    version's event joins the queue, and the old one may be delivered once more after it.
    """
    faulty = install_faults(function, plan, summary.faults)
    pending = deque(Delivery(number, event) for number, event in enumerate(events, start=1))
    numbers = iter(range(len(events) + 1, 2**62))
    for delivery in progress(drained(pending), len(events)):
        if faulty is not None:
            faulty.delivery = delivery
        summary.invocations += 1
        try:
            result = function.lambda_handler(delivery.event, LocalContext(aws_request_id=delivery.request_id))
        except Exception as exc:  # noqa: BLE001 — Lambda's part: retry, then the failure destination
            if delivery.attempt <= MAX_RETRIES:
                pending.append(replace(delivery, attempt=delivery.attempt + 1))
                summary.retries += 1
            else:
                destination.send(delivery, exc)
                summary.failures[str(failure_reason(exc))] += 1
                summary.errors.append(f"{event_keys(delivery.event)}: {type(exc).__name__}: {exc}")
            continue
        summary.skipped += result.get("skipped", 0) if isinstance(result, dict) else 0
        if not delivery.duplicate and plan.strikes(delivery.number, "deliver again"):
            pending.append(Delivery(delivery.number, delivery.event, duplicate=True))
            summary.redelivered += 1
        if overwrite is not None and not delivery.duplicate:
            for event in overwrite.after(delivery):
                pending.append(Delivery(next(numbers), event, duplicate=event is delivery.event))


class Overwriter:
    """Uploads a key again while the run goes on, as a scraper refreshing a page would.

    After an event's first successful delivery, with the plan's probability, its key gets a
    new version (another input's bytes, so that an article can become a rejection and the
    reverse), and the old version's event is then delivered once more, after the new one's,
    as a redelivery days later would arrive.
    """

    def __init__(self, bucket: InputBucket, files: list[InputFile], plan: FaultPlan, summary: RunSummary) -> None:
        self._bucket = bucket
        self._files = files
        self._plan = plan
        self._summary = summary

    def after(self, delivery: Delivery) -> list[dict[str, Any]]:
        if self._plan.rate <= 0 or not self._plan.strikes(delivery.number, "overwrite"):
            return []
        keys = [unquote_plus(record["s3"]["object"]["key"]) for record in delivery.event.get("Records", [])]
        if len(keys) != 1:
            return []
        other = self._files[self._plan.pick(len(self._files), delivery.number, "other")]
        self._bucket.upload(keys[0], other.path.read_bytes(), other.path.name)
        events = self._bucket.receive_events()
        self._summary.overwritten.append(keys[0])
        events.append(delivery.event)  # the old version's event again, after the new one's
        self._summary.late += 1
        return events


def install_faults(function: LocalFunction, plan: FaultPlan, counts: Counter[str]) -> FaultyS3 | None:
    store = function.store
    if plan.rate <= 0 or store is None:
        return None
    faulty = FaultyS3(store.client, plan, counts)
    store.client = faulty
    return faulty


def drained(pending: deque[Delivery]) -> Iterator[Delivery]:
    while pending:
        yield pending.popleft()


@dataclass(frozen=True, slots=True)
class FailureDestination:
    """Lambda's on-failure destination for asynchronous invocations: an SQS queue, here in moto."""

    sqs: Any
    queue_url: str

    @classmethod
    def create(cls, sqs: Any) -> FailureDestination:
        return cls(sqs, sqs.create_queue(QueueName=FAILED_QUEUE_NAME)["QueueUrl"])

    def send(self, delivery: Delivery, exc: Exception) -> None:
        self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=json.dumps(failure_record(delivery, exc)))

    def write_records(self, out_dir: Path) -> dict[str, Path]:
        """Each record in the queue to ``out_dir/failed/<key>.json``, one per key of its event: of two
        records for one key (two versions failed), the newer version's."""
        newest: dict[str, tuple[str, str]] = {}
        for body in receive_bodies(self.sqs, self.queue_url):
            for key, sequencer in event_sequencers(json.loads(body).get("requestPayload", {})):
                if key not in newest or sequencer_order(sequencer) >= sequencer_order(newest[key][0]):
                    newest[key] = (sequencer, body)
        written: dict[str, Path] = {}
        for key, (_, body) in newest.items():
            target = inside(out_dir, f"{FAILED_PREFIX}{key}.json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(json.loads(body), indent=2, ensure_ascii=False), encoding="utf-8")
            written[key] = target
        return written


def event_sequencers(event: Any) -> list[tuple[str, str]]:
    """``(key, sequencer)`` of each record of an S3 event ("" for a record without a sequencer)."""
    records = event.get("Records") if isinstance(event, dict) else None
    pairs = []
    for record in records if isinstance(records, list) else []:
        obj = record.get("s3", {}).get("object", {}) if isinstance(record, dict) else {}
        pairs.append((unquote_plus(str(obj.get("key", ""))), str(obj.get("sequencer") or "")))
    return pairs


def failure_record(delivery: Delivery, exc: Exception) -> dict[str, Any]:
    """What Lambda sends to an on-failure destination once an event's retries are exhausted."""
    return {
        "version": "1.0",
        "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "requestContext": {
            "requestId": delivery.request_id,
            "functionArn": f"{LocalContext().invoked_function_arn}:$LATEST",
            "condition": "RetriesExhausted",
            "approximateInvokeCount": delivery.attempt,
        },
        "requestPayload": delivery.event,
        "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
        "responsePayload": {
            "errorMessage": str(exc),
            "errorType": type(exc).__name__,
            "requestId": delivery.request_id,
            "stackTrace": traceback.format_tb(exc.__traceback__)[-5:],
        },
    }


# ------------------------------------------------------------------ outcomes


def account_outcomes(
    summary: RunSummary, newest: dict[str, str | None], out_dir: Path, copied: CopiedOutputs, failed: dict[str, Path]
) -> None:
    """What became of each key's newest version, from the output bucket and the failure records:
    exactly one of its article, its rejection or its failure record.

    An outcome from an older version counts only beside a failure record of the newest
    (``outdated`` otherwise). Files of this layout left in ``out_dir`` by an earlier run for a
    key that has no such outcome now are removed.
    """
    for key, version in newest.items():
        output = outcome_key(key)
        document = copied.documents.get(output)
        record_path = failed.get(key)
        failed_newest = record_path is not None and failed_version(record_path) == version
        current = document is not None and document.get("version_id") == version
        if document is None:
            inside(out_dir, output).unlink(missing_ok=True)
        if record_path is None:
            inside(out_dir, f"{FAILED_PREFIX}{key}.json").unlink(missing_ok=True)
        if current and failed_newest:
            summary.duplicated.append(key)
        elif failed_newest:
            continue
        elif document is None:
            summary.lost.append(key)
        elif not current:
            summary.outdated.append(key)
        elif document["outcome"] == "article":
            summary.articles += 1
        else:
            summary.rejections[str(document.get("reason"))] += 1
    summary.unwritable = [f"{key}: {why}" for key, why in sorted(copied.unwritable.items())]


def failed_version(record_path: Path) -> str | None:
    """The version id in the S3 event of a failure record (None for an unversioned object)."""
    payload = json.loads(record_path.read_text(encoding="utf-8")).get("requestPayload", {})
    for record in payload.get("Records", []):
        return record.get("s3", {}).get("object", {}).get("versionId")
    return None


def inside(root: Path, relative: str) -> Path:
    """``root/relative``, refused when the key would lead outside ``root``."""
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise LocalRunError(f"output key {relative!r} would be written outside {root}")
    return target


class InputBucket:
    """The versioned input bucket in moto, its notification queue, and what S3 would add to each event.

    moto's notifications name neither the version nor the sequencer, so each upload's version
    id and a sequencer (hexadecimal, growing with every upload, as S3's do for one key) are
    written into its event when the event is received.
    """

    def __init__(self, s3: Any, sqs: Any, queue_url: str) -> None:
        self.s3 = s3
        self.sqs = sqs
        self.queue_url = queue_url
        self.newest: dict[str, str | None] = {}  # key -> version id of its latest upload
        self._unnotified: dict[str, deque[tuple[str | None, str]]] = {}
        self._uploads = 0

    @classmethod
    def create(cls, s3: Any, sqs: Any) -> InputBucket:
        s3.create_bucket(Bucket=INPUT_BUCKET)
        s3.put_bucket_versioning(Bucket=INPUT_BUCKET, VersioningConfiguration={"Status": "Enabled"})
        s3.create_bucket(Bucket=OUTPUT_BUCKET)
        queue_url = sqs.create_queue(QueueName=QUEUE_NAME)["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]
        configuration = {
            "QueueConfigurations": [{"QueueArn": attributes["QueueArn"], "Events": ["s3:ObjectCreated:*"]}]
        }
        s3.put_bucket_notification_configuration(Bucket=INPUT_BUCKET, NotificationConfiguration=configuration)
        return cls(s3, sqs, queue_url)

    def upload(self, key: str, body: bytes, filename: str) -> None:
        content_type, encoding = mimetypes.guess_type(filename)
        if encoding == "gzip":
            content_type = "application/gzip"
        response = self.s3.put_object(
            Bucket=INPUT_BUCKET, Key=key, Body=body, ContentType=content_type or "binary/octet-stream"
        )
        self._uploads += 1
        version = response.get("VersionId")
        self.newest[key] = version
        self._unnotified.setdefault(key, deque()).append((version, f"{self._uploads:016X}"))

    def receive_events(self) -> list[dict[str, Any]]:
        """Every S3 notification waiting in the queue, in order, with its version id and sequencer."""
        events = receive_events(self.sqs, self.queue_url)
        for event in events:
            for record in event.get("Records", []):
                obj = record["s3"]["object"]
                version, sequencer = self._unnotified[unquote_plus(obj["key"])].popleft()
                obj.update({"versionId": version, "sequencer": sequencer})
        return events


def receive_events(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    """Every S3 notification waiting in the queue, in order."""
    return [json.loads(body) for body in receive_bodies(sqs, queue_url)]


def receive_bodies(sqs: Any, queue_url: str) -> Iterator[str]:
    """The body of every message in the queue, each batch deleted once read."""
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        yield from (message["Body"] for message in messages)
        entries = [{"Id": str(n), "ReceiptHandle": message["ReceiptHandle"]} for n, message in enumerate(messages)]
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)


def check_every_upload_notified(events: list[dict[str, Any]], uploads: int) -> None:
    notified = sum(len(event.get("Records", [])) for event in events)
    if notified != uploads:
        raise LocalRunError(f"S3 sent {notified} notifications for {uploads} uploads")


def event_keys(event: dict[str, Any]) -> str:
    keys = [unquote_plus(record["s3"]["object"]["key"]) for record in event.get("Records", [])]
    return ", ".join(keys) or str(event.get("Event", "event"))


@dataclass(slots=True)
class CopiedOutputs:
    written: dict[str, Path] = field(default_factory=dict)  # output key -> file
    unwritable: dict[str, str] = field(default_factory=dict)  # input key -> why its outcome is not a file
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # outcome key -> outcome, reason, version


def copy_bucket(s3: Any, bucket: str, out_dir: Path) -> CopiedOutputs:
    """Write each object of ``bucket`` to ``out_dir/<key>``, and note what each outcome is.

    Keys that cannot all be files (``a.json`` beside ``a.json/b.json``: one would be a file and a
    folder) are all left out, as is a key the file system refuses (a name over its limit); each is
    reported, never half-written. Keys that would leave ``out_dir`` are refused.
    """
    copied = CopiedOutputs()
    keys = [
        entry["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for entry in page.get("Contents", [])
    ]
    clashing = folder_clashes(keys)
    for key in keys:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        document = json.loads(body)
        source_key = document["source"]["key"]
        copied.documents[key] = {
            "outcome": document["outcome"],
            "reason": document.get("reason"),
            "version_id": document["source"]["version_id"],
        }
        if key in clashing:
            copied.unwritable[source_key] = f"{key} and another outcome cannot both be files (a file and a folder)"
            continue
        target = inside(out_dir, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        except OSError as exc:
            copied.unwritable[source_key] = f"{key} cannot be a file here: {exc.strerror or exc}"
            continue
        copied.written[key] = target
    return copied


def folder_clashes(keys: Iterable[str]) -> set[str]:
    """The keys that are another key's folder, and those keys: they cannot all be files."""
    names = set(keys)
    clashing: set[str] = set()
    for key in names:
        parts = key.split("/")
        for end in range(1, len(parts)):
            folder = "/".join(parts[:end])
            if folder in names:
                clashing.update((folder, key))
    return clashing
