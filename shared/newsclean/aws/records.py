"""Where outputs go, what orders them, and the rejection record written for an input that is not an article.

Shared by the Lambda handlers, the local runner and the CLI, so that every
path writes the same document to the same place.

The output bucket's layout (README, "Where every object ends"):

    outcomes/<input key>.json          the one outcome of each input key: an article or a rejection record
    outcomes-by-hash/<sha256>.json     the same, for an input key too long for the line above
    batch-operations/                  Batch Operations' manifests, inventory and reports (tools' files)

No input key can name another key's outcome or a tool's file: every outcome
starts with ``outcomes/`` and ends with ``.json``, one key gives one name,
and ``outcomes-by-hash/`` and ``batch-operations/`` are not under ``outcomes/``.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from typing import Any

from newsclean.model import SCHEMA_VERSION

OUTCOME_PREFIX = "outcomes/"
HASHED_OUTCOME_PREFIX = "outcomes-by-hash/"
OUTCOME_SUFFIX = ".json"
# S3 refuses a key of more than 1,024 bytes (UTF-8).
MAX_KEY_BYTES = 1024


class OutcomeKind(enum.StrEnum):
    """What an outcome document is; also its ``outcome`` field and the ``outcome`` metadata of its object."""

    ARTICLE = "article"
    REJECTED = "rejected"


class FailureReason(enum.StrEnum):
    """Why an invocation failed. Lambda retries it twice, then sends the event to the on-failure
    destination; the handler logs each failed attempt with this code and counts it by it."""

    S3_TRANSIENT = "s3_transient"  # throttling, 5xx, a dropped connection: a retry may well succeed
    S3_ERROR = "s3_error"  # another S3 error, e.g. the output bucket refused the write
    CONFIGURATION = "configuration"  # deployed or triggered wrongly: no retry will help
    CRASH = "crash"  # any other exception: a bug (or, in run-local, an injected crash)


def outcome_key(input_key: str) -> str:
    """The output key of ``input_key``'s outcome, article or rejection; never over S3's 1,024 bytes.

    A key whose plain outcome key would pass the limit gets a hashed one; the document inside
    names the input key in full (``source.key``).
    """
    plain = f"{OUTCOME_PREFIX}{input_key}{OUTCOME_SUFFIX}"
    if len(plain.encode("utf-8", "surrogatepass")) <= MAX_KEY_BYTES:
        return plain
    digest = hashlib.sha256(input_key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{HASHED_OUTCOME_PREFIX}{digest}{OUTCOME_SUFFIX}"


@dataclass(frozen=True, slots=True)
class SourceStamp:
    """Which version of an input an outcome was made from, and by which event: what orders two outcomes.

    Stored with each outcome, in its document (``source``) and in its object's metadata, so
    that a writer can tell from a HEAD whether its outcome is newer than the one in place.
    """

    version_id: str | None = None
    sequencer: str | None = None
    last_modified: str | None = None  # ISO 8601 UTC, as S3 answered the read

    def metadata(self, kind: OutcomeKind) -> dict[str, str]:
        """User metadata of the outcome's object (ASCII: version ids, hex and ISO dates are)."""
        fields = {
            "outcome": kind.value,
            "source-version-id": self.version_id,
            "source-sequencer": self.sequencer,
            "source-last-modified": self.last_modified,
        }
        return {name: value for name, value in fields.items() if value}

    @classmethod
    def of_metadata(cls, metadata: dict[str, str]) -> SourceStamp:
        return cls(
            version_id=metadata.get("source-version-id") or None,
            sequencer=metadata.get("source-sequencer") or None,
            last_modified=metadata.get("source-last-modified") or None,
        )

    def supersedes(self, other: SourceStamp) -> bool:
        """Whether an outcome of this stamp may replace one of ``other``: the same source version or a newer one.

        In order: the same version id is the same version (a redelivery, or a backfill after a
        cleaner change); two sequencers decide as S3 says they do; else the later Last-Modified
        (one second's grain) wins, a tie counting as the same version. With nothing to compare,
        the newer write wins, as it did before outcomes were ordered.
        """
        if self.version_id and self.version_id == other.version_id:
            return True
        if self.sequencer and other.sequencer:
            return sequencer_order(self.sequencer) >= sequencer_order(other.sequencer)
        if self.last_modified and other.last_modified:
            return self.last_modified >= other.last_modified
        return True


def sequencer_order(sequencer: str) -> str:
    """A sequencer made comparable with another of the same key by plain string comparison.

    S3's sequencers are hexadecimal strings of varying length, compared (its documentation of
    the event message structure says) after right-padding the shorter with zeros. Padding
    both to a width no sequencer reaches does that; upper case keeps hex digits in order.
    """
    return sequencer.upper().ljust(64, "0")


def version_label(version_id: str | None) -> str | None:
    """S3's version id, or None for an unversioned object ("null" is how S3 spells that)."""
    return None if version_id in (None, "", "null") else version_id


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
    stamp: SourceStamp = SourceStamp(),
) -> dict[str, Any]:
    """The JSON document saying why an input did not become an article.

    ``reason`` is a ``RejectReason`` (the cleaner refused the bytes) or a
    ``ReadFailure`` (S3 would not give them to us); its value is the code.
    ``size`` is the object's size in bytes when it is known. Its ``source``
    has the article's ``source`` fields that can be known without cleaning.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "outcome": OutcomeKind.REJECTED.value,
        "reason": reason.value,
        "message": message,
        "max_input_bytes": max_input_bytes,
        "source": {
            "bucket": bucket,
            "key": key,
            "version_id": version_id,
            "etag": etag,
            "sequencer": stamp.sequencer,
            "last_modified": stamp.last_modified,
            "size": size,
        },
    }
