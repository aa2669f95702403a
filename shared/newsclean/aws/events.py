"""S3 event notifications in: what happened, and to which object.

A typed view of the few fields the handler reads, parsed here rather than with
Powertools' event data classes: importing those loads a class for every event
source Lambda has, ~40 ms of each cold start for four fields. The shape (S3
event message structure, eventVersion 2.x)::

    {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                  "s3": {"bucket": {"name": "..."},
                         "object": {"key": "caf%C3%A9+menu.txt", "versionId": "..."}}}]}

The key arrives URL-encoded (a space as ``+``) and is decoded here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from newsclean.aws.job import ObjectRef


@dataclass(frozen=True, slots=True)
class EventRecord:
    event_name: str  # "ObjectCreated:Put", "ObjectRemoved:Delete"...
    ref: ObjectRef

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> EventRecord:
        """The record's event and object; ``KeyError`` when a field S3 always sends is missing."""
        s3 = record["s3"]
        obj = s3["object"]
        ref = ObjectRef(s3["bucket"]["name"], unquote_plus(obj["key"]), obj.get("versionId"))
        return cls(event_name=record["eventName"], ref=ref)
