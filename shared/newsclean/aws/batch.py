"""S3 Batch Operations: the invocation a LambdaInvoke job sends, each task run as an upload, and the answer.

A job created with ``aws s3control create-job --operation LambdaInvoke`` calls
the function synchronously (one task per call in practice; the schema allows a
list) and reads a result code per task from the answer. Two invocation
schemas exist; the job's ``InvocationSchemaVersion`` picks one::

    1.0  {"invocationSchemaVersion": "1.0", "invocationId": "...",
          "job": {"id": "..."},
          "tasks": [{"taskId": "...", "s3Key": "2024/caf%C3%A9+menu.txt",
                     "s3VersionId": "..." or null, "s3BucketArn": "arn:aws:s3:::bucket"}]}
    2.0  {"invocationSchemaVersion": "2.0", "invocationId": "...",
          "job": {"id": "...", "userArguments": {"name": "value"}},
          "tasks": [{"taskId": "...", "s3Key": "...", "s3VersionId": ... or null,
                     "s3Bucket": "bucket"}]}

``s3Key`` arrives URL-encoded, as it is written in the manifest (a space as
``+``): it is decoded here with ``unquote_plus``, as the handler of upload
events decodes its keys. The answer::

    {"invocationSchemaVersion": <same>, "treatMissingKeysAs": "PermanentFailure",
     "invocationId": <same>,
     "results": [{"taskId": ..., "resultCode": "Succeeded" | "TemporaryFailure"
                  | "PermanentFailure", "resultString": "..."}]}

``resultString`` goes into the job's completion report. Each task runs
``clean_object``, the job of the upload handler, so a backfilled object gets
exactly the output an upload of it would get. Result codes:

* ``Succeeded``: the article was written (or the key is a folder placeholder,
  skipped as the upload handler skips it, or the key's outcome already comes
  from a newer version than the task's: ``skipped: stale``).
* ``PermanentFailure``: the input was rejected; its rejection record is still
  written, and the result string gives the reason code and message. A 2.0 job
  can pass ``userArguments: {"rejectedAs": "Succeeded"}`` to count rejections
  as successes (a job fails once more than half of its tasks have failed, so a
  bucket where most objects are not pages needs this or a filtered manifest).
* ``TemporaryFailure``: S3 was busy or unreachable (``S3TransientError``);
  Batch Operations retries the task.
* ``PermanentFailure`` with ``refused (configuration)``: the task names a
  bucket other than INPUT_BUCKET; nothing is read or written.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from newsclean import CleanerConfig
from newsclean.aws.job import ObjectRef, Outcome, clean_object
from newsclean.aws.s3 import S3Store, S3TransientError
from newsclean.aws.settings import Buckets

SCHEMA_VERSIONS = frozenset({"1.0", "2.0"})
# Our own cap, to keep completion reports readable; rejection messages are short anyway.
MAX_RESULT_STRING = 1000


class ResultCode(enum.StrEnum):
    SUCCEEDED = "Succeeded"
    TEMPORARY_FAILURE = "TemporaryFailure"
    PERMANENT_FAILURE = "PermanentFailure"


class InvalidInvocation(ValueError):
    """The event is not a Batch Operations invocation in a schema we know; no answer can be built."""


class InvalidUserArguments(ValueError):
    """The job passed userArguments this function does not understand."""


@dataclass(frozen=True, slots=True)
class BatchTask:
    task_id: str
    ref: ObjectRef


@dataclass(frozen=True, slots=True)
class BatchInvocation:
    schema_version: str
    invocation_id: str
    job_id: str
    tasks: tuple[BatchTask, ...]
    user_arguments: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How the job wants outcomes reported; set from a 2.0 job's userArguments."""

    rejected_as: ResultCode = ResultCode.PERMANENT_FAILURE


@dataclass(frozen=True, slots=True)
class TaskResult:
    task_id: str
    code: ResultCode
    message: str
    outcome: Outcome | None = None  # what was written, when something was
    refused: bool = False  # the task named a bucket this function does not clean

    def to_dict(self) -> dict[str, str]:
        return {"taskId": self.task_id, "resultCode": self.code.value, "resultString": self.message}


def parse_invocation(event: Mapping[str, Any]) -> BatchInvocation:
    """The invocation, its keys decoded; ``InvalidInvocation`` when it is not one we can answer."""
    version = event.get("invocationSchemaVersion")
    if version not in SCHEMA_VERSIONS:
        raise InvalidInvocation(f"invocationSchemaVersion {version!r} is not one of {sorted(SCHEMA_VERSIONS)}")
    try:
        job = event["job"]
        tasks = tuple(parse_task(task) for task in event["tasks"])
        return BatchInvocation(
            schema_version=version,
            invocation_id=str(event["invocationId"]),
            job_id=str(job["id"]),
            tasks=tasks,
            user_arguments=dict(job.get("userArguments") or {}),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InvalidInvocation(f"not an S3 Batch Operations invocation: missing or malformed {exc}") from exc


def parse_task(task: Mapping[str, Any]) -> BatchTask:
    """One task: 2.0 names the bucket (``s3Bucket``), 1.0 gives its ARN (``s3BucketArn``)."""
    bucket = task.get("s3Bucket") or bucket_from_arn(task["s3BucketArn"])
    ref = ObjectRef(bucket=bucket, key=unquote_plus(task["s3Key"]), version_id=task.get("s3VersionId") or None)
    return BatchTask(task_id=str(task["taskId"]), ref=ref)


def bucket_from_arn(arn: str) -> str:
    """``arn:aws:s3:::name`` -> ``name``; the bucket is the ARN's last field in every partition."""
    if not arn.startswith("arn:") or arn.count(":") < 5:
        raise InvalidInvocation(f"s3BucketArn {arn!r} is not an S3 bucket ARN")
    return arn.rsplit(":", 1)[1]


def batch_options(user_arguments: Mapping[str, str]) -> BatchOptions:
    """The options a job's userArguments ask for. An unknown name is an error, not ignored: it is a typo."""
    unknown = sorted(set(user_arguments) - {"rejectedAs"})
    if unknown:
        raise InvalidUserArguments(f"unknown userArguments {unknown}; the only one is 'rejectedAs'")
    rejected_as = user_arguments.get("rejectedAs", ResultCode.PERMANENT_FAILURE.value)
    if rejected_as not in (ResultCode.PERMANENT_FAILURE, ResultCode.SUCCEEDED):
        raise InvalidUserArguments(f"rejectedAs must be PermanentFailure or Succeeded, not {rejected_as!r}")
    return BatchOptions(rejected_as=ResultCode(rejected_as))


def run_task(
    store: S3Store, task: BatchTask, *, buckets: Buckets, config: CleanerConfig, options: BatchOptions
) -> TaskResult:
    """Clean the task's object as an upload of it would be cleaned, and say how it went.

    Bugs and unclassified AWS errors propagate: the caller decides (the
    handler logs them and reports the task as a permanent failure).
    """
    ref = task.ref
    refusal = buckets.refusal(ref.bucket)
    if refusal is not None:
        message = f"refused (configuration): {refusal}"
        return TaskResult(task_id=task.task_id, code=ResultCode.PERMANENT_FAILURE, message=message, refused=True)
    if ref.key.endswith("/"):
        return result(task, ResultCode.SUCCEEDED, "skipped: folder placeholder")
    output_bucket = buckets.output
    try:
        outcome = clean_object(store, ref, output_bucket=output_bucket, config=config)
    except S3TransientError as exc:
        return result(task, ResultCode.TEMPORARY_FAILURE, f"transient S3 error: {exc}")
    if outcome.stale:
        message = f"skipped: stale, s3://{output_bucket}/{outcome.output_key} comes from a newer version"
        return result(task, ResultCode.SUCCEEDED, message, outcome)
    if outcome.rejected:
        message = f"rejected {outcome.reason}: {outcome.message} (record s3://{output_bucket}/{outcome.output_key})"
        return result(task, options.rejected_as, message, outcome)
    return result(task, ResultCode.SUCCEEDED, f"article s3://{output_bucket}/{outcome.output_key}", outcome)


def failed_task(task: BatchTask, code: ResultCode, error: BaseException) -> TaskResult:
    """The result of a task that raised: its code, and the error's type and message for the report."""
    return result(task, code, f"error {type(error).__name__}: {error}")


def result(task: BatchTask, code: ResultCode, message: str, outcome: Outcome | None = None) -> TaskResult:
    if len(message) > MAX_RESULT_STRING:
        message = message[: MAX_RESULT_STRING - 1] + "…"
    return TaskResult(task_id=task.task_id, code=code, message=message, outcome=outcome)


def batch_response(invocation: BatchInvocation, results: Iterable[TaskResult]) -> dict[str, Any]:
    """The answer Batch Operations reads. A task with no result counts as a permanent failure."""
    return {
        "invocationSchemaVersion": invocation.schema_version,
        "treatMissingKeysAs": ResultCode.PERMANENT_FAILURE.value,
        "invocationId": invocation.invocation_id,
        "results": [item.to_dict() for item in results],
    }
