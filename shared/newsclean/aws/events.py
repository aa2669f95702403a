"""S3 event notifications in: what happened, and to which object.

A typed view of the few fields the handler reads, parsed here rather than with
Powertools' event data classes: importing those loads a class for every event
source Lambda has, ~40 ms of each cold start for a few fields. The shape (S3
event message structure, eventVersion 2.x)::

    {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                  "s3": {"bucket": {"name": "..."},
                         "object": {"key": "caf%C3%A9+menu.txt", "versionId": "...",
                                    "sequencer": "0055AED6DCD90281E5"}}}]}

The key arrives URL-encoded (a space as ``+``) and is decoded here. Anything
that is not a well-formed S3 notification is a ``ConfigurationError``: another
trigger is wired to the function, and its event must wait in the failure
destination, not be half-read or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from newsclean.aws.job import ObjectRef
from newsclean.aws.settings import ConfigurationError

# S3 sends a hexadecimal sequencer; a version id is printable ASCII (it goes into metadata).
_SEQUENCER = re.compile(r"[0-9A-Fa-f]{1,64}")
_VERSION_ID = re.compile(r"[!-~]{1,1024}")


@dataclass(frozen=True, slots=True)
class EventRecord:
    event_name: str  # "ObjectCreated:Put", "ObjectRemoved:Delete"...
    ref: ObjectRef

    @classmethod
    def of(cls, record: Any) -> EventRecord:
        """The record's event and object; ``ConfigurationError`` naming the first field that is wrong."""
        if not isinstance(record, Mapping) or record.get("eventSource") != "aws:s3":
            raise ConfigurationError("not an S3 notification: a record is not from aws:s3")
        event_name = record.get("eventName")
        s3 = record.get("s3")
        bucket = s3.get("bucket") if isinstance(s3, Mapping) else None
        obj = s3.get("object") if isinstance(s3, Mapping) else None
        if not isinstance(event_name, str) or not event_name:
            raise ConfigurationError("an S3 record has no eventName")
        if not isinstance(bucket, Mapping) or not _text(bucket.get("name")):
            raise ConfigurationError("an S3 record has no s3.bucket.name")
        if not isinstance(obj, Mapping) or not _text(obj.get("key")):
            raise ConfigurationError("an S3 record has no s3.object.key")
        version_id = _optional(obj, "versionId", _VERSION_ID)
        sequencer = _optional(obj, "sequencer", _SEQUENCER)
        ref = ObjectRef(bucket["name"], unquote_plus(obj["key"]), version_id, sequencer)
        return cls(event_name=event_name, ref=ref)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _optional(obj: Mapping[str, Any], name: str, shape: re.Pattern[str]) -> str | None:
    """An optional field: absent, null or empty is None; anything but a string of its shape is an error."""
    value = obj.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not shape.fullmatch(value):
        raise ConfigurationError(f"an S3 record's s3.object.{name} is not one S3 sends: {str(value)[:80]!r}")
    return value
