"""The sample events in events/: AWS's shape, true to the objects they name, and handled as documented."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any
from urllib.parse import unquote_plus

import pytest

from tests.conftest import EVENTS, OUTPUT_BUCKET, SAMPLES, Context, LoadApp, output_keys

EXAMPLE_BUCKET = "newsclean-input-example"
# event file -> reason code, or None for an article
EXPECTED = {
    "text-dump.json": None,
    "html-page.json": None,
    "gzip.json": None,
    "key-with-special-characters.json": None,
    "bad-object.json": "binary",
}


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def test_every_record_event_is_listed() -> None:
    with_records = {path.name for path in EVENTS.glob("*.json") if "Records" in json.loads(path.read_text())}
    assert with_records == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_event_has_the_documented_shape_and_matches_its_object(name: str) -> None:
    (record,) = load_event(name)["Records"]
    assert record["eventVersion"] == "2.1"
    assert record["eventSource"] == "aws:s3"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["awsRegion"]
    s3 = record["s3"]
    assert s3["bucket"]["name"] == EXAMPLE_BUCKET
    assert s3["bucket"]["arn"] == f"arn:aws:s3:::{EXAMPLE_BUCKET}"
    obj = s3["object"]
    assert " " not in obj["key"]
    assert obj["versionId"] and obj["sequencer"]
    data = (SAMPLES / unquote_plus(obj["key"])).read_bytes()
    assert obj["size"] == len(data)
    assert obj["eTag"] == hashlib.md5(data).hexdigest()


def test_special_characters_event_encodes_like_s3() -> None:
    key = load_event("key-with-special-characters.json")["Records"][0]["s3"]["object"]["key"]
    assert "+%2B+" in key and "%28" in key and "%C3%A9" in key
    assert unquote_plus(key) == "2024/Café Marée + lifeboat crew (gallery) %28v2%29.txt"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_handler_on_sample_event(load_app: LoadApp, s3: Any, context: Context, name: str) -> None:
    app = load_app(INPUT_BUCKET=EXAMPLE_BUCKET)
    event = load_event(name)
    obj = event["Records"][0]["s3"]["object"]
    key = unquote_plus(obj["key"])
    s3.create_bucket(Bucket=EXAMPLE_BUCKET)
    s3.put_object(Bucket=EXAMPLE_BUCKET, Key=key, Body=(SAMPLES / key).read_bytes())
    replayed = copy.deepcopy(event)
    del replayed["Records"][0]["s3"]["object"]["versionId"]  # moto makes up its own version ids

    app.lambda_handler(replayed, context)

    reason = EXPECTED[name]
    expected_key = f"outcomes/{key}.json"
    assert output_keys(s3) == [expected_key]
    document = json.loads(s3.get_object(Bucket=OUTPUT_BUCKET, Key=expected_key)["Body"].read())
    assert document["outcome"] == ("article" if reason is None else "rejected")
    if reason is None:
        assert document["body"] and document["source"]["key"] == key
        assert document["source"]["etag"] == obj["eTag"]
    else:
        assert document["reason"] == reason


def test_sample_objects_are_all_named_by_an_event() -> None:
    named = {unquote_plus(load_event(name)["Records"][0]["s3"]["object"]["key"]) for name in EXPECTED}
    on_disk = {path.relative_to(SAMPLES).as_posix() for path in SAMPLES.rglob("*") if path.is_file()}
    assert on_disk == named
