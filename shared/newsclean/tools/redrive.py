"""Replay the S3 events that failed every retry, from the on-failure queue back into the function.

When an asynchronous invocation fails its two retries (or waits too long),
Lambda's on-failure destination puts one record in the SQS queue; its body is
JSON of this shape::

    {"version": "1.0", "timestamp": "2024-03-12T07:52:41.118Z",
     "requestContext": {"requestId": "...", "functionArn": "arn:aws:lambda:...:function:NAME:$LATEST",
                        "condition": "RetriesExhausted" | "EventAgeExceeded" | ...,
                        "approximateInvokeCount": 3},
     "requestPayload": {... the original S3 event ...},
     "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
     "responsePayload": {"errorType": "...", "errorMessage": "...", ...}}

(``responseContext`` and ``responsePayload`` are missing when the function
never ran, e.g. for ``EventAgeExceeded``.) ``redrive`` receives the records,
hands each original payload to an invoker, and deletes a message only once
its invoker returned; a message it could not parse or re-invoke stays in the
queue and is made visible again at the end of the run. A dry run only lists.

The invoker is a callable, so the same loop serves a Lambda function
(``lambda_invoker``: ``Invoke`` with ``InvocationType=Event``, as S3 invoked
it, so the function's retries and failure destination apply again), the
handler run in this process (``handler_invoker``), and tests. boto3 clients
are passed in; nothing here creates one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

# SQS hands out at most 10 messages per receive.
SQS_BATCH = 10


class NotAFailureRecord(ValueError):
    """The message body is not a Lambda destination record with a request payload."""


class InvokeFailed(Exception):
    """The payload could not be handed back to the function; its message stays in the queue."""


@dataclass(frozen=True, slots=True)
class FailureRecord:
    request_id: str
    function_arn: str
    condition: str
    invoke_count: int
    payload: dict[str, Any]  # the original event, exactly as the function first received it
    error: str = ""  # "ErrorType: message" from the last attempt, when the function ran

    def keys(self) -> list[str]:
        """The decoded object keys of the S3 event in the payload (none for another event)."""
        records = self.payload.get("Records")
        if not isinstance(records, list):
            return []
        return [
            unquote_plus(str(record.get("s3", {}).get("object", {}).get("key", "")))
            for record in records
            if isinstance(record, dict)
        ]

    def describe(self) -> str:
        keys = ", ".join(self.keys()) or "(no S3 object)"
        error = f"; last error {self.error}" if self.error else ""
        return f"{keys} [{self.condition} after {self.invoke_count} attempts, request {self.request_id}{error}]"


Invoker = Callable[[FailureRecord], None]


def parse_record(body: str) -> FailureRecord:
    """The destination record in an SQS message body, or ``NotAFailureRecord``."""
    try:
        document = json.loads(body)
        context = document["requestContext"]
        payload = document["requestPayload"]
        record = FailureRecord(
            request_id=str(context["requestId"]),
            function_arn=str(context["functionArn"]),
            condition=str(context.get("condition", "")),
            invoke_count=int(context.get("approximateInvokeCount", 0)),
            payload=payload,
            error=last_error(document.get("responsePayload")),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotAFailureRecord(f"not a Lambda destination record: {type(exc).__name__}: {exc}") from exc
    if not isinstance(payload, dict):
        raise NotAFailureRecord("requestPayload is not a JSON object")
    return record


def last_error(response: Any) -> str:
    if not isinstance(response, Mapping):
        return ""
    kind, message = response.get("errorType", ""), response.get("errorMessage", "")
    return f"{kind}: {message}" if kind or message else ""


def lambda_invoker(client: Any, function: str | None = None) -> Invoker:
    """Invoke ``function`` (default: the function named in each record) asynchronously with the payload.

    ``client`` is a boto3 Lambda client. Lambda answers 202 once it has
    queued the event; anything else, or an error, is ``InvokeFailed``.
    """
    from botocore.exceptions import BotoCoreError, ClientError

    def invoke(record: FailureRecord) -> None:
        name = function or record.function_arn
        try:
            response = client.invoke(
                FunctionName=name, InvocationType="Event", Payload=json.dumps(record.payload).encode("utf-8")
            )
        except (ClientError, BotoCoreError) as exc:
            raise InvokeFailed(f"invoking {name}: {exc}") from exc
        status, error = response.get("StatusCode"), response.get("FunctionError", "")
        if status != 202 or error:
            raise InvokeFailed(f"invoking {name}: status {status} {error}".rstrip())

    return invoke


def handler_invoker(handler: Callable[[dict[str, Any], Any], Any], context: Any) -> Invoker:
    """Run the Lambda handler in this process on the payload; whatever it raises is ``InvokeFailed``."""

    def invoke(record: FailureRecord) -> None:
        try:
            handler(record.payload, context)
        except Exception as exc:  # the handler's own failure, reported per message, message kept
            raise InvokeFailed(f"handler raised {type(exc).__name__}: {exc}") from exc

    return invoke


@dataclass(slots=True)
class RedriveSummary:
    received: int = 0
    redriven: int = 0
    listed: int = 0  # dry run: records that would be redriven
    failed: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.unreadable


@dataclass(frozen=True, slots=True)
class QueueReader:
    """Receives each message of a queue once per run, hiding it while the run works on it."""

    sqs: Any
    queue_url: str
    wait_seconds: int = 1
    visibility_timeout: int = 300

    def messages(self, limit: int | None) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        while limit is None or len(seen) < limit:
            wanted = SQS_BATCH if limit is None else min(SQS_BATCH, limit - len(seen))
            batch = self.sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=wanted,
                WaitTimeSeconds=self.wait_seconds,
                VisibilityTimeout=self.visibility_timeout,
            ).get("Messages", [])
            fresh = [message for message in batch if message["MessageId"] not in seen]
            if not fresh:
                return
            for message in fresh:
                seen.add(message["MessageId"])
                yield message

    def delete(self, message: Mapping[str, Any]) -> None:
        self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])

    def release(self, messages: list[Mapping[str, Any]]) -> None:
        """Make messages visible again now, rather than when their visibility timeout runs out."""
        for start in range(0, len(messages), SQS_BATCH):
            entries = [
                {"Id": str(n), "ReceiptHandle": message["ReceiptHandle"], "VisibilityTimeout": 0}
                for n, message in enumerate(messages[start : start + SQS_BATCH])
            ]
            self.sqs.change_message_visibility_batch(QueueUrl=self.queue_url, Entries=entries)


def redrive(
    reader: QueueReader,
    invoke: Invoker,
    *,
    dry_run: bool = False,
    max_messages: int | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> RedriveSummary:
    """Hand every failure record's payload to ``invoke``; delete a message only after ``invoke`` returned."""
    summary = RedriveSummary()
    kept: list[Mapping[str, Any]] = []
    for message in reader.messages(max_messages):
        summary.received += 1
        if not redrive_one(reader, invoke, message, summary, dry_run=dry_run, report=report):
            kept.append(message)
    if kept:
        reader.release(kept)
    return summary


def redrive_one(
    reader: QueueReader,
    invoke: Invoker,
    message: Mapping[str, Any],
    summary: RedriveSummary,
    *,
    dry_run: bool,
    report: Callable[[str], None],
) -> bool:
    """Handle one message; True when it was deleted."""
    try:
        record = parse_record(message["Body"])
    except NotAFailureRecord as exc:
        summary.unreadable.append(f"message {message['MessageId']}: {exc}")
        report(f"unreadable  message {message['MessageId']}: {exc}")
        return False
    if dry_run:
        summary.listed += 1
        report(f"would redrive  {record.describe()}")
        return False
    try:
        invoke(record)
    except InvokeFailed as exc:
        summary.failed.append(f"{record.describe()}: {exc}")
        report(f"failed  {record.describe()}: {exc}")
        return False
    reader.delete(message)
    summary.redriven += 1
    report(f"redriven  {record.describe()}")
    return True


def region_of_queue(queue_url: str) -> str | None:
    """``https://sqs.eu-west-1.amazonaws.com/123/name`` -> ``eu-west-1``; None for other URLs."""
    host = queue_url.split("://", 1)[-1].split("/", 1)[0]
    parts = host.split(".")
    if len(parts) >= 4 and parts[0] == "sqs" and parts[2] == "amazonaws":
        return parts[1]
    return None
