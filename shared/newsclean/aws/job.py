"""One S3 object in, one JSON document out: an article, or a rejection record.

This is the whole job of the Lambda handler once the event is parsed, kept
here so that other entry points (a batch handler, a replay script) do the
same thing. Transient S3 errors and bugs propagate; the caller decides.

An object has one outcome. A key can be uploaded again with other content (a
page where an image was, or the reverse), and S3 may deliver an event twice,
so before an outcome is written, the other kind left by an earlier run is
deleted: a failure in between leaves no outcome, and a retry, never two.
Each outcome is one PutObject, so it is never seen half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsclean import CleanerConfig, RejectedInput, clean
from newsclean.aws.records import FailureReason, article_key, rejection_key, rejection_record
from newsclean.aws.s3 import OutputNotDeletable, S3PermanentError, S3Store, S3TransientError, is_aws_error
from newsclean.aws.settings import ConfigurationError


@dataclass(frozen=True, slots=True)
class ObjectRef:
    bucket: str
    key: str
    version_id: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What was written for one object. ``reason`` is None when it was an article.

    ``stale_kept`` names an outcome of the other kind that S3 would not let us delete.
    """

    output_key: str
    reason: str | None = None
    message: str = ""
    blocks_removed: int = 0
    stale_kept: str | None = None

    @property
    def rejected(self) -> bool:
        return self.reason is not None


def clean_object(store: S3Store, ref: ObjectRef, *, output_bucket: str, config: CleanerConfig) -> Outcome:
    """Read ``ref``, clean it and write the article (or the rejection record) to ``output_bucket``."""
    try:
        obj = store.read(ref.bucket, ref.key, version_id=ref.version_id)
    except S3PermanentError as exc:
        record = rejection_record(
            exc.reason,
            exc.message,
            bucket=ref.bucket,
            key=ref.key,
            version_id=ref.version_id,
            size=exc.size,
            max_input_bytes=config.max_input_bytes,
        )
        return write_rejection(store, output_bucket, record)
    try:
        article = clean(obj.data, name=ref.key, content_type=obj.content_type, config=config)
    except RejectedInput as exc:
        record = rejection_record(
            exc.reason,
            exc.message,
            bucket=ref.bucket,
            key=ref.key,
            version_id=obj.version_id,
            etag=obj.etag,
            size=obj.size,
            max_input_bytes=config.max_input_bytes,
        )
        return write_rejection(store, output_bucket, record)
    located = article.with_origin(bucket=ref.bucket, key=ref.key, version_id=obj.version_id, etag=obj.etag)
    output_key = article_key(ref.key)
    stale = write_outcome(store, output_bucket, output_key, located.to_dict(), stale_key=rejection_key(ref.key))
    return Outcome(output_key=output_key, blocks_removed=len(article.removed), stale_kept=stale)


def write_rejection(store: S3Store, output_bucket: str, record: dict[str, Any]) -> Outcome:
    output_key = rejection_key(record["key"])
    stale = write_outcome(store, output_bucket, output_key, record, stale_key=article_key(record["key"]))
    return Outcome(output_key=output_key, reason=record["reason"], message=record["message"], stale_kept=stale)


def write_outcome(store: S3Store, bucket: str, key: str, document: dict[str, Any], *, stale_key: str) -> str | None:
    """Delete the other kind of outcome at ``stale_key``, then write ``document`` at ``key``.

    Returns ``stale_key`` when S3 refused the delete (no ``s3:DeleteObject``): the new outcome is
    written all the same, and the caller reports the one left behind.
    """
    kept = None
    try:
        store.delete(bucket, stale_key)
    except OutputNotDeletable:
        kept = stale_key
    store.write_json(bucket, key, document)
    return kept


def failure_reason(exc: BaseException) -> FailureReason:
    """The reason code of an exception that fails an invocation."""
    if isinstance(exc, S3TransientError):
        return FailureReason.S3_TRANSIENT
    if isinstance(exc, ConfigurationError):
        return FailureReason.CONFIGURATION
    if is_aws_error(exc):
        return FailureReason.S3_ERROR
    return FailureReason.CRASH
