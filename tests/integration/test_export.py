"""newsclean export: articles of a run-local folder or of the output bucket into one dataset file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import zstandard

from newsclean import clean
from newsclean.aws.records import rejection_record
from newsclean.model import RejectReason
from newsclean.tools import cli
from newsclean.tools.export import ExportError, export, local_documents, row_id, s3_documents
from tests.conftest import OUTPUT_BUCKET

PAGE = """Ferry returns to Skerrin after its winter refit
By Ida Brook
The Skerrin ferry carried its first passengers of the year on Monday after three months in dry dock at Porthaven.
Harbour staff said the new engine was quieter and would cut the crossing time by almost ten minutes each way.
"""


def article_document(key: str, version: str) -> dict[str, Any]:
    article = clean(PAGE.encode(), name=key).with_origin(
        bucket="newsclean-input", key=key, version_id=version, last_modified="2024-03-05T10:32:00+00:00"
    )
    return article.to_dict()


def run_local_folder(root: Path) -> Path:
    """A folder as run-local leaves it: two articles and a rejection record under outcomes/."""
    outcomes = root / "outcomes" / "2024"
    outcomes.mkdir(parents=True)
    (outcomes / "ferry.txt.json").write_text(json.dumps(article_document("2024/ferry.txt", "v1")))
    (outcomes / "ferry-2.txt.json").write_text(json.dumps(article_document("2024/ferry-2.txt", "v7")))
    rejected = rejection_record(RejectReason.BINARY, "an image", key="2024/logo.png", size=10, max_input_bytes=100)
    (outcomes / "logo.png.json").write_text(json.dumps(rejected))
    return root


def read_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    elif path.name.endswith(".zst"):
        raw = zstandard.ZstdDecompressor().stream_reader(raw).read()
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


@pytest.mark.parametrize("name", ["rows.jsonl", "rows.jsonl.gz", "rows.jsonl.zst", "rows.parquet"])
def test_a_round_trip_through_each_format(tmp_path: Path, name: str) -> None:
    total, documents = local_documents(run_local_folder(tmp_path / "run"))
    summary = export(documents, tmp_path / name)
    assert (total, summary.articles, summary.rejected, summary.unreadable) == (3, 2, 1, 0)
    rows = read_rows(tmp_path / name)
    expected = article_document("2024/ferry-2.txt", "v7")
    assert [row["metadata"]["source_key"] for row in rows] == ["2024/ferry-2.txt", "2024/ferry.txt"]
    first = rows[0]
    assert first["id"] == row_id({"bucket": "newsclean-input", "key": "2024/ferry-2.txt", "version_id": "v7"})
    assert first["text"] == expected["text"]
    assert first["metadata"]["headline"] == expected["headline"]
    assert first["metadata"]["authors"] == ["Ida Brook"]
    assert first["metadata"]["source_version"] == "v7"
    assert (first["source"], first["added"], first.get("created")) == ("newsclean", "2024-03-05T10:32:00+00:00", None)
    assert "created" not in first or name.endswith(".parquet")  # unknown: left out of JSON Lines


@pytest.mark.parametrize("name", ["rows.jsonl.gz", "rows.parquet"])
def test_rows_are_what_dolma_and_datatrove_read(tmp_path: Path, name: str) -> None:
    # Dolma's documents: id, text and source are mandatory strings, added and created optional
    # strings, metadata a mapping. datatrove's readers take text and id and file every other
    # field under metadata, so nothing may shadow them.
    _, documents = local_documents(run_local_folder(tmp_path / "run"))
    export(documents, tmp_path / name, source_name="harbour-news")
    for row in read_rows(tmp_path / name):
        assert all(isinstance(row[field], str) and row[field] for field in ("id", "text", "source"))
        # Dolma reads added and created as strings: a JSON Lines row leaves an unknown time out
        # (Parquet, which Dolma does not read, has a column for each, null where unknown).
        times = {field: row[field] for field in ("added", "created") if field in row}
        if name.endswith(".parquet"):
            assert times == {"added": "2024-03-05T10:32:00+00:00", "created": None}
        else:
            assert times == {"added": "2024-03-05T10:32:00+00:00"}
        assert isinstance(row["metadata"], dict)
        assert row["source"] == "harbour-news"
        assert not {"text", "id", "media"} & set(row["metadata"])


def test_the_command_names_the_corpus(tmp_path: Path) -> None:
    folder = run_local_folder(tmp_path / "run")
    status = cli.main(["export", str(folder), "--out", str(tmp_path / "rows.jsonl"), "--source-name", "skerrin"])
    assert status == 0
    assert {row["source"] for row in read_rows(tmp_path / "rows.jsonl")} == {"skerrin"}


def test_ids_are_stable_per_object_version() -> None:
    source = {"bucket": "b", "key": "2024/ferry.txt", "version_id": "v1"}
    assert row_id(source) == row_id(dict(source))
    assert row_id(source) != row_id({**source, "version_id": "v2"})
    assert row_id(source) != row_id({**source, "key": "2024/ferry-2.txt"})


def test_markdown_instead_of_plain_text(tmp_path: Path) -> None:
    _, documents = local_documents(run_local_folder(tmp_path / "run"))
    export(documents, tmp_path / "rows.jsonl", markdown=True)
    first = read_rows(tmp_path / "rows.jsonl")[0]
    assert first["text"].startswith("# Ferry returns to Skerrin after its winter refit\n")


def test_an_unknown_format_and_a_missing_folder_stop_the_export(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export(iter([]), tmp_path / "rows.csv")
    with pytest.raises(ExportError):
        local_documents(tmp_path / "nowhere")


def test_the_command_reports_unreadable_objects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = run_local_folder(tmp_path / "run")
    (folder / "outcomes" / "2024" / "torn.txt.json").write_text('{"outcome": "arti')
    status = cli.main(["export", str(folder), "--out", str(tmp_path / "rows.jsonl")])
    assert status == 1
    assert "2 articles from 4 objects (1 rejection records left out, 1 unreadable)" in capsys.readouterr().err
    assert len(read_rows(tmp_path / "rows.jsonl")) == 2


def test_the_output_bucket_as_source(s3: Any, tmp_path: Path) -> None:
    for key, version in (("2024/ferry.txt", "v1"), ("2024/ferry-2.txt", "v7")):
        s3.put_object(Bucket=OUTPUT_BUCKET, Key=f"outcomes/{key}.json", Body=json.dumps(article_document(key, version)))
    s3.put_object(Bucket=OUTPUT_BUCKET, Key="batch-operations/report.csv", Body=b"not an outcome")
    total, documents = s3_documents(f"s3://{OUTPUT_BUCKET}/outcomes/", client=s3, workers=4)
    summary = export(documents, tmp_path / "rows.parquet")
    assert (total, summary.articles) == (2, 2)
    assert [row["metadata"]["source_version"] for row in read_rows(tmp_path / "rows.parquet")] == ["v7", "v1"]
