"""One S3 object in, one JSON document out: an article, or a rejection record.

This is the whole job of the Lambda handler once the event is parsed, kept
here so that other entry points (a batch handler, a replay script) do the
same thing. Transient S3 errors and bugs propagate; the caller decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsclean import CleanerConfig, RejectedInput, clean
from newsclean.aws.records import article_key, rejection_key, rejection_record
from newsclean.aws.s3 import S3PermanentError, S3Store


@dataclass(frozen=True, slots=True)
class ObjectRef:
    bucket: str
    key: str
    version_id: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What was written for one object. ``reason`` is None when it was an article."""

    output_key: str
    reason: str | None = None
    message: str = ""
    blocks_removed: int = 0

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
    store.write_json(output_bucket, output_key, located.to_dict())
    return Outcome(output_key=output_key, blocks_removed=len(article.removed))


def write_rejection(store: S3Store, output_bucket: str, record: dict) -> Outcome:
    output_key = rejection_key(record["key"])
    store.write_json(output_bucket, output_key, record)
    return Outcome(output_key=output_key, reason=record["reason"], message=record["message"])
