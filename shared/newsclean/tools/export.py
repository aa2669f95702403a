"""Articles into one dataset file: JSON Lines (plain, gzip, zstd) or Parquet.

``newsclean export SOURCE --out FILE`` reads the outcome documents of a
run-local folder or of the output bucket (``s3://bucket/prefix``), keeps the
articles, and writes one row per article in the shape dataset tools read as
they are (``datasets.load_dataset("json" | "parquet")``, datatrove's
JsonlReader and ParquetReader, Dolma)::

    {"id": "...", "text": "...", "source": "newsclean", "added": "...", "created": "...",
     "metadata": {"headline": ..., "published": ..., ...}}

``id`` is stable: derived from the source object's bucket, key and version,
so the same object always gets the same id and a new version a new one.
``text`` is the article's plain text, or its Markdown with ``--markdown``.
``source``, ``added`` and ``created`` are Dolma's document fields (``source``
is mandatory there; datatrove files the three under metadata): the corpus's
name (``--source-name``, "newsclean" by default), when the page reached the
input bucket (its object's last-modified time) and when it was published;
a time that is not known is left out of a JSON Lines row (Dolma reads both
as strings) and null in Parquet.
Rejection records are counted and left out. The format follows the output
file's name: ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst`` (the ``zstandard``
package) or ``.parquet`` (``pyarrow``); both come with the ``export`` extra,
never with the Lambda layer. Objects are read concurrently; the rows keep the
order of the objects' keys.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# The fields of an article that go into a row's metadata, as the article names them.
METADATA_FIELDS = (
    "headline",
    "standfirst",
    "byline",
    "authors",
    "agency",
    "dateline",
    "published",
    "language",
    "schema_version",
)
# What a row's metadata says of the source object: its address, bucket, key and version.
SOURCE_FIELDS = {"url": "url", "source_bucket": "bucket", "source_key": "key", "source_version": "version_id"}
FORMATS = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet")
# The corpus's name in a row's ``source`` (Dolma's mandatory field), unless the export names another.
DEFAULT_SOURCE_NAME = "newsclean"
# How many objects are read at once from S3.
DEFAULT_WORKERS = 16


class ExportError(Exception):
    """The export cannot start: an unknown format, a missing source, a missing extra."""


@dataclass
class ExportSummary:
    articles: int = 0
    rejected: int = 0
    unreadable: int = 0


def row_id(source: dict[str, Any]) -> str:
    """A stable id for the article of one S3 object version: the same bucket, key and version
    always give the same id (a local file: its name)."""
    parts = (source.get("bucket") or "", source.get("key") or source.get("name") or "", source.get("version_id") or "")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def article_row(document: dict[str, Any], *, markdown: bool, source_name: str = DEFAULT_SOURCE_NAME) -> dict[str, Any]:
    """One dataset row of an article document."""
    source = document.get("source") or {}
    metadata = {name: document.get(name) for name in METADATA_FIELDS}
    metadata.update({name: source.get(field) for name, field in SOURCE_FIELDS.items()})
    metadata["authors"] = list(metadata["authors"] or [])
    row = {"id": row_id(source), "text": document["markdown"] if markdown else document["text"], "source": source_name}
    # Dolma reads added and created as strings: a time nobody knows is left out, not null.
    for field, value in (("added", source.get("last_modified")), ("created", document.get("published"))):
        if value:
            row[field] = value
    row["metadata"] = metadata
    return row


def export(
    documents: Iterable[dict[str, Any] | None],
    out: Path,
    *,
    markdown: bool = False,
    source_name: str = DEFAULT_SOURCE_NAME,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items,
) -> ExportSummary:
    """Write the articles among ``documents`` (None: an object that could not be read) to ``out``."""
    summary = ExportSummary()

    def rows() -> Iterator[dict[str, Any]]:
        for document in progress(documents):
            if document is None:
                summary.unreadable += 1
            elif document.get("outcome") == "article":
                summary.articles += 1
                yield article_row(document, markdown=markdown, source_name=source_name)
            else:
                summary.rejected += 1

    writer = _writer_for(out)
    writer(rows(), out)
    return summary


def _writer_for(out: Path) -> Callable[[Iterable[dict[str, Any]], Path], None]:
    name = out.name.lower()
    if name.endswith(".parquet"):
        return _write_parquet
    if name.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst")):
        return _write_jsonl
    raise ExportError(f"{out.name}: the output's name says its format, one of {', '.join(FORMATS)}")


def _write_jsonl(rows: Iterable[dict[str, Any]], out: Path) -> None:
    with _open_for_writing(out) as stream:
        for row in rows:
            stream.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))


def _open_for_writing(out: Path) -> gzip.GzipFile | IO[bytes]:
    name = out.name.lower()
    if name.endswith(".gz"):
        return gzip.open(out, "wb")
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError as missing:
            raise ExportError('.jsonl.zst needs the zstandard package: pip install "newsclean[export]"') from missing
        return zstandard.ZstdCompressor().stream_writer(out.open("wb"), closefd=True)
    return out.open("wb")


def _write_parquet(rows: Iterable[dict[str, Any]], out: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as missing:
        raise ExportError('.parquet needs pyarrow: pip install "newsclean[export]"') from missing
    names = (*METADATA_FIELDS, *SOURCE_FIELDS)
    metadata_type = pa.struct(
        [pa.field(name, pa.list_(pa.string()) if name == "authors" else pa.string()) for name in names]
    )
    schema = pa.schema(
        [pa.field(name, pa.string()) for name in ("id", "text", "source", "added", "created")]
        + [pa.field("metadata", metadata_type)]
    )
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


# Rows written to Parquet at a time (a row group each): memory stays bounded whatever the count.
PARQUET_BATCH_ROWS = 10_000


def local_documents(folder: Path) -> tuple[int, Iterator[dict[str, Any] | None]]:
    """The outcome documents under a run-local folder (its outcomes/ and outcomes-by-hash/), in
    key order, with their count."""
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder")
    paths = sorted(
        path
        for sub in ("outcomes", "outcomes-by-hash")
        if (folder / sub).is_dir()
        for path in (folder / sub).rglob("*.json")
    )
    return len(paths), (_read_json(path.read_bytes) for path in paths)


def s3_documents(
    url: str, *, client: Any = None, workers: int = DEFAULT_WORKERS
) -> tuple[int, Iterator[dict[str, Any] | None]]:
    """The outcome documents under ``s3://bucket/prefix``, read ``workers`` at a time, in key order."""
    bucket, _, prefix = url.removeprefix("s3://").partition("/")
    if not bucket:
        raise ExportError(f"{url}: expected s3://bucket/prefix")
    if client is None:
        import boto3  # only for an S3 source

        client = boto3.client("s3")
    paginator = client.get_paginator("list_objects_v2")
    keys = [
        item["Key"]
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
        for item in page.get("Contents", [])
        if item["Key"].endswith(".json")
    ]

    from botocore.exceptions import BotoCoreError, ClientError

    def read(key: str) -> dict[str, Any] | None:
        try:
            return _read_json(lambda: client.get_object(Bucket=bucket, Key=key)["Body"].read())
        except (BotoCoreError, ClientError):
            return None  # counted unreadable; the export goes on

    def documents() -> Iterator[dict[str, Any] | None]:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(read, keys)

    return len(keys), documents()


def _read_json(read: Callable[[], bytes]) -> dict[str, Any] | None:
    """The JSON object ``read`` gives, or None for one that cannot be read or is no object."""
    try:
        document = json.loads(read())
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None
