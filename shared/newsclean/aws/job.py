"""One S3 object in, one JSON document out: its article or its rejection record, at its one outcome key.

This is the whole job of the Lambda handlers once the event is parsed, kept
here so that every entry point (the upload handler, the Batch Operations
handler, run-local) does the same thing. Transient S3 errors and bugs
propagate; the caller decides.

An input key has exactly one outcome object (``records.outcome_key``), and
the newest version of the input wins, whatever order events arrive in and
however many invocations run at once. Each outcome carries the stamp of the
source version it was made from (version id, event sequencer, Last-Modified;
``records.SourceStamp``). A write is a compare-and-swap on S3's conditional
writes: look at the outcome in place (HEAD), and replace it only if ours comes
from the same or a newer version, with ``If-Match`` on the ETag seen (or
``If-None-Match: *`` when there was none). If another invocation wrote in
between, S3 refuses the write and we look again. An outcome from an older
version than the one in place is not written: the event is reported
``stale``. A version that S3 no longer has (deleted since its event) never
replaces an outcome: it gets ``object_missing`` only when the key has none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from newsclean import CleanerConfig, RejectedInput, clean
from newsclean.aws.records import (
    FailureReason,
    OutcomeKind,
    SourceStamp,
    outcome_key,
    rejection_record,
    version_label,
)
from newsclean.aws.s3 import (
    ReadFailure,
    S3PermanentError,
    S3Store,
    S3TransientError,
    WriteConflict,
    is_aws_error,
)
from newsclean.aws.settings import ConfigurationError

# Conditional writes lost to other invocations before this one gives up and lets Lambda retry;
# each loss means another writer of the same key finished in between, so a few is already rare.
MAX_WRITE_CONFLICTS = 5


@dataclass(frozen=True, slots=True)
class ObjectRef:
    """An object named by an event or a task: bucket, key, and the version and sequencer when given."""

    bucket: str
    key: str
    version_id: str | None = None
    sequencer: str | None = None


class OutcomeStatus(enum.StrEnum):
    WRITTEN = "written"  # this invocation's outcome is the key's outcome now
    STALE = "stale"  # the key's outcome comes from a newer version; nothing was written


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one object. ``reason`` is None when it was an article."""

    output_key: str
    reason: str | None = None
    message: str = ""
    blocks_removed: int = 0
    status: OutcomeStatus = OutcomeStatus.WRITTEN

    @property
    def rejected(self) -> bool:
        return self.reason is not None

    @property
    def stale(self) -> bool:
        return self.status is OutcomeStatus.STALE


def clean_object(store: S3Store, ref: ObjectRef, *, output_bucket: str, config: CleanerConfig) -> Outcome:
    """Read ``ref``, clean it, and make its article (or rejection record) the key's outcome if no newer one is."""
    output_key = outcome_key(ref.key)
    try:
        obj = store.read(ref.bucket, ref.key, version_id=ref.version_id)
    except S3PermanentError as exc:
        stamp = SourceStamp(version_id=version_label(ref.version_id), sequencer=ref.sequencer)
        record = rejection_record(
            exc.reason,
            exc.message,
            bucket=ref.bucket,
            key=ref.key,
            version_id=ref.version_id,
            size=exc.size,
            max_input_bytes=config.max_input_bytes,
            stamp=stamp,
        )
        # A version S3 no longer has is older than whatever outcome the key has: it only fills a gap.
        only_if_none = exc.reason is ReadFailure.OBJECT_MISSING
        return write_newest(store, output_bucket, output_key, record, stamp, OutcomeKind.REJECTED, only_if_none)
    stamp = SourceStamp(
        version_id=version_label(obj.version_id), sequencer=ref.sequencer, last_modified=obj.last_modified
    )
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
            stamp=stamp,
        )
        return write_newest(store, output_bucket, output_key, record, stamp, OutcomeKind.REJECTED)
    located = article.with_origin(
        bucket=ref.bucket,
        key=ref.key,
        version_id=obj.version_id,
        etag=obj.etag,
        sequencer=ref.sequencer,
        last_modified=obj.last_modified,
    )
    outcome = write_newest(store, output_bucket, output_key, located.to_dict(), stamp, OutcomeKind.ARTICLE)
    return Outcome(output_key=output_key, blocks_removed=len(article.removed), status=outcome.status)


def write_newest(
    store: S3Store,
    bucket: str,
    key: str,
    document: dict[str, Any],
    stamp: SourceStamp,
    kind: OutcomeKind,
    only_if_none: bool = False,
) -> Outcome:
    """Make ``document`` the outcome at ``key`` unless the one there comes from a newer source version.

    A compare-and-swap: look, decide, write on the condition that nothing changed since the look.
    ``S3TransientError`` after ``MAX_WRITE_CONFLICTS`` lost races, so that Lambda retries later.
    """
    reason = document.get("reason") if kind is OutcomeKind.REJECTED else None
    written = Outcome(output_key=key, reason=reason, message=document.get("message", "") if reason else "")
    stale = Outcome(output_key=key, reason=written.reason, message=written.message, status=OutcomeStatus.STALE)
    for _ in range(MAX_WRITE_CONFLICTS):
        current = store.look(bucket, key)
        if current is not None and (only_if_none or not stamp.supersedes(SourceStamp.of_metadata(current.metadata))):
            return stale
        try:
            store.write_json_if(
                bucket, key, document, metadata=stamp.metadata(kind), replacing=current.etag if current else None
            )
        except WriteConflict:
            continue
        return written
    raise S3TransientError(f"s3://{bucket}/{key}: {MAX_WRITE_CONFLICTS} conditional writes lost to other writers")


def failure_reason(exc: BaseException) -> FailureReason:
    """The reason code of an exception that fails an invocation."""
    if isinstance(exc, S3TransientError):
        return FailureReason.S3_TRANSIENT
    if isinstance(exc, ConfigurationError):
        return FailureReason.CONFIGURATION
    if is_aws_error(exc):
        return FailureReason.S3_ERROR
    return FailureReason.CRASH
