"""The one small S3 adapter: read an object's bytes, look at an output's stamp, write a JSON document if unchanged.

Errors come out typed, so that callers never look at error codes or messages:

* ``S3TransientError`` — throttling, 5xx, timeouts, dropped connections. The
  Lambda handler lets it escape so that Lambda retries the event.
* ``S3PermanentError`` — the object cannot be read however often we try: it
  was deleted before we got to it, we may not read it, it is archived, or it
  is over the size limit (``ObjectTooLarge``). The handler turns it into a
  rejection record.
* ``WriteConflict`` — a conditional write found the output object changed
  since it was looked at (another invocation wrote it): look again, decide again.
* Any other botocore error is re-raised unchanged: we do not know what it
  means, so it is not ours to label permanent (the event is retried, then
  lands wherever the function's failure destination points).

A client is never created at import time: the handler builds one at cold
start with ``make_s3_client`` and passes it in.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ConnectionError, HTTPClientError, IncompleteReadError

from newsclean.model import RejectReason

# Error codes S3 returns when it wants us to slow down or try again later.
TRANSIENT_CODES = frozenset(
    {
        "SlowDown",
        "Throttling",
        "ThrottlingException",
        "RequestThrottled",
        "TooManyRequests",
        "TooManyRequestsException",
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalError",
        "ServiceUnavailable",
        "OperationAborted",
    }
)
# Low-level failures: connect/read timeouts, resets, a body cut short.
TRANSIENT_EXCEPTIONS = (ConnectionError, HTTPClientError, IncompleteReadError)


class ReadFailure(enum.StrEnum):
    """Why an object that exists in an event could not be read, for good."""

    OBJECT_MISSING = "object_missing"  # deleted (or never there) by the time we read it
    ACCESS_DENIED = "access_denied"
    ARCHIVED = "archived"  # Glacier / Deep Archive: needs a restore before it can be read


PERMANENT_CODES: dict[str, ReadFailure] = {
    "NoSuchKey": ReadFailure.OBJECT_MISSING,
    "NoSuchVersion": ReadFailure.OBJECT_MISSING,
    "NoSuchBucket": ReadFailure.OBJECT_MISSING,
    "AccessDenied": ReadFailure.ACCESS_DENIED,
    "InvalidObjectState": ReadFailure.ARCHIVED,
}


class S3Error(Exception):
    """Base class of the adapter's errors."""


class S3TransientError(S3Error):
    """Worth retrying: S3 was busy or the network failed. Chained to the botocore error."""


class S3PermanentError(S3Error):
    """The object cannot be read; retrying will not help."""

    def __init__(self, reason: ReadFailure | RejectReason, message: str, *, size: int | None = None) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
        self.size = size


class WriteConflict(S3Error):
    """A conditional write failed: the output object is not (or no longer) the one it was conditioned on."""


# What S3 answers a conditional write whose condition does not hold: 412 when the object is not the
# one named (If-Match) or exists (If-None-Match), 409 when another write to the key was under way,
# 404 when If-Match names an object deleted since.
CONFLICT_CODES = frozenset({"PreconditionFailed", "ConditionalRequestConflict", "NoSuchKey"})


class ObjectTooLarge(S3PermanentError):
    """The object is bigger than the configured limit; its body was never read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(RejectReason.TOO_LARGE, f"object is {size} bytes, over the {limit}-byte limit", size=size)
        self.limit = limit


@dataclass(frozen=True, slots=True)
class S3Object:
    data: bytes
    etag: str  # without the quotes S3 puts around it, as S3 events spell it
    version_id: str | None
    size: int
    content_type: str | None
    last_modified: str | None = None  # ISO 8601 UTC to the second, as S3's header gives it


@dataclass(frozen=True, slots=True)
class StoredOutput:
    """An output object as a HEAD sees it: its ETag (for a conditional write) and its user metadata."""

    etag: str
    metadata: dict[str, str]


def make_s3_client(
    *, region: str | None = None, connect_timeout: float = 5, read_timeout: float = 30, max_attempts: int = 3
) -> Any:
    """An S3 client with explicit timeouts and the SDK's standard retry mode.

    Short timeouts keep a stuck request from eating the function's whole
    timeout; the standard mode already retries throttling and 5xx a few times
    with backoff before we see an error at all. It is botocore's own client,
    the one ``boto3.client("s3")`` wraps: importing boto3 and its default
    session on top costs a cold start ~20 ms and adds nothing the adapter uses.
    """
    config = Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retries={"mode": "standard", "max_attempts": max_attempts},
    )
    return botocore.session.get_session().create_client("s3", region_name=region, config=config)


class S3Store:
    """Reads objects (up to ``max_object_bytes``) and writes JSON documents."""

    def __init__(self, client: Any, *, max_object_bytes: int) -> None:
        self.client = client
        self.max_object_bytes = max_object_bytes

    def read(self, bucket: str, key: str, version_id: str | None = None) -> S3Object:
        """The object's bytes and metadata, or a typed error.

        The size is checked on GetObject's ContentLength header before any of
        the body is read (the stream is then closed unread): the same check
        as a HEAD request, in one round trip and with no window for the object
        to change between a HEAD and a GET.
        """
        params = {"Bucket": bucket, "Key": key}
        if version_id:
            params["VersionId"] = version_id
        with translated_errors(permanent=True):
            response = self.client.get_object(**params)
            size = int(response["ContentLength"])
            if size > self.max_object_bytes:
                response["Body"].close()
                raise ObjectTooLarge(size, self.max_object_bytes)
            data = response["Body"].read()
        return S3Object(
            data=data,
            etag=response.get("ETag", "").strip('"'),
            version_id=response.get("VersionId") or version_id,
            size=size,
            content_type=response.get("ContentType"),
            last_modified=iso_utc(response.get("LastModified")),
        )

    def look(self, bucket: str, key: str) -> StoredOutput | None:
        """The output object at ``key`` (ETag and metadata), or None when there is none."""
        try:
            with translated_errors(permanent=False):
                response = self.client.head_object(Bucket=bucket, Key=key)
        except ClientError as exc:
            if error_code(exc) in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return StoredOutput(etag=response["ETag"], metadata=dict(response.get("Metadata") or {}))

    def write_json_if(
        self, bucket: str, key: str, document: Mapping[str, Any], *, metadata: dict[str, str], replacing: str | None
    ) -> None:
        """Store ``document`` at ``key`` only if the object there is still the one with ETag ``replacing``,
        or, with ``replacing=None``, only if there is none: S3's compare-and-swap (conditional writes).

        ``WriteConflict`` when the condition does not hold; otherwise as ``write_json``.
        """
        condition = {"IfMatch": replacing} if replacing else {"IfNoneMatch": "*"}
        try:
            self.write_json(bucket, key, document, metadata=metadata, **condition)
        except ClientError as exc:
            if error_code(exc) in CONFLICT_CODES:
                raise WriteConflict(f"S3 {error_code(exc)} writing s3://{bucket}/{key}") from exc
            raise

    def write_json(
        self,
        bucket: str,
        key: str,
        document: Mapping[str, Any],
        *,
        metadata: dict[str, str] | None = None,
        **condition: str,
    ) -> None:
        """Store ``document`` as UTF-8 JSON at ``key``, replacing what was there (unless ``condition`` says).

        A failure here is never the input object's fault, so only transient
        errors are translated; the rest (a missing or forbidden output bucket)
        is a configuration problem and is raised as botocore raised it.
        """
        body = json_bytes(document)
        with translated_errors(permanent=False):
            self.client.put_object(
                Bucket=bucket,
                Key=key,
                Body=body,
                ContentType="application/json; charset=utf-8",
                Metadata=metadata or {},
                **condition,
            )


# Compact: the readers are programs, and indenting a 10 MB article's JSON cost ~150 MB more.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# Items of a long list encoded at a time.
LIST_BATCH = 1000


def json_bytes(document: Mapping[str, Any]) -> bytes:
    """``json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()``, byte for byte,
    encoded a member at a time and a long list ``LIST_BATCH`` items at a time.

    The one-shot encoder holds the whole document as str pieces (4 bytes a character once one
    emoji is among them), then their join, then the bytes: ~170 MB at its peak for the 22 MB
    written for a 10 MB text dump (190,000 removed blocks). This holds the UTF-8 pieces and
    their join.
    """
    encode = _ENCODER.encode
    pieces: list[bytes] = []
    for key, value in document.items():
        pieces += (b"," if pieces else b"{", encode(key).encode(), b":")
        if isinstance(value, list) and len(value) > LIST_BATCH:
            pieces += _list_pieces(value, encode)
        else:
            pieces.append(encode(value).encode())
    pieces.append(b"}" if pieces else b"{}")
    return b"".join(pieces)


def _list_pieces(items: list[Any], encode: Callable[[Any], str]) -> Iterator[bytes]:
    yield b"["
    for start in range(0, len(items), LIST_BATCH):
        batch = encode(items[start : start + LIST_BATCH])
        yield (b"," if start else b"") + batch[1:-1].encode()
    yield b"]"


@contextmanager
def translated_errors(*, permanent: bool) -> Iterator[None]:
    """Turn botocore errors into ``S3TransientError`` / ``S3PermanentError``; re-raise the rest."""
    try:
        yield
    except ClientError as exc:
        code = error_code(exc)
        if is_transient(exc):
            raise S3TransientError(f"S3 {code}: {exc}") from exc
        if permanent and code in PERMANENT_CODES:
            raise S3PermanentError(PERMANENT_CODES[code], f"S3 {code}: {error_message(exc)}") from exc
        raise
    except TRANSIENT_EXCEPTIONS as exc:
        raise S3TransientError(f"{type(exc).__name__}: {exc}") from exc


def iso_utc(moment: datetime | None) -> str | None:
    """``2024-05-06T07:08:09Z``: one spelling, so that two of them compare as strings do."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_aws_error(exc: BaseException) -> bool:
    """Whether ``exc`` came from botocore (an error S3 answered, or one on the way to it)."""
    return isinstance(exc, ClientError | BotoCoreError)


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def error_message(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Message", "")) or str(exc)


def is_transient(exc: ClientError) -> bool:
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
    return error_code(exc) in TRANSIENT_CODES or status >= 500 or status == 429
