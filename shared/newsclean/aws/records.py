"""Where outputs go, and the rejection record written for an input that is not an article.

Shared by the Lambda handler, the local runner and the CLI, so that every
path writes the same document to the same place.
"""

from __future__ import annotations

import enum
from typing import Any

# The rejection record's own shape version; it changes only with that shape.
REJECTION_SCHEMA_VERSION = "1.0"
REJECTED_PREFIX = "rejected/"


class FailureReason(enum.StrEnum):
    """Why an invocation failed. Lambda retries it twice, then sends the event to the on-failure
    destination; the handler logs each failed attempt with this code and counts it by it."""

    S3_TRANSIENT = "s3_transient"  # throttling, 5xx, a dropped connection: a retry may well succeed
    S3_ERROR = "s3_error"  # another S3 error, e.g. the output bucket refused the write
    CONFIGURATION = "configuration"  # deployed or triggered wrongly: no retry will help
    CRASH = "crash"  # any other exception: a bug (or, in run-local, an injected crash)


def article_key(input_key: str) -> str:
    """The output key of the article made from ``input_key``; a redelivery overwrites it."""
    return f"{input_key}.json"


def rejection_key(input_key: str) -> str:
    """The output key of the rejection record for ``input_key``."""
    return f"{REJECTED_PREFIX}{input_key}.json"


def rejection_record(
    reason: enum.Enum,
    message: str,
    *,
    key: str,
    bucket: str | None = None,
    version_id: str | None = None,
    etag: str | None = None,
    size: int | None = None,
    max_input_bytes: int | None = None,
) -> dict[str, Any]:
    """The JSON document saying why an input did not become an article.

    ``reason`` is a ``RejectReason`` (the cleaner refused the bytes) or a
    ``ReadFailure`` (S3 would not give them to us); its value is the code.
    ``size`` is the object's size in bytes when it is known.
    """
    return {
        "schema_version": REJECTION_SCHEMA_VERSION,
        "reason": reason.value,
        "message": message,
        "bucket": bucket,
        "key": key,
        "version_id": version_id,
        "etag": etag,
        "size": size,
        "max_input_bytes": max_input_bytes,
    }
