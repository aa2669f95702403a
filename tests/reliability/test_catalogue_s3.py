"""The S3 side of the hostile-input catalogue: the real handler against moto.

Keys S3 spells oddly, objects gone or locked away, events that are not what the
function expects, and an output bucket that refuses a write. Each ends as one
outcome: an article, a rejection record, a skip (folder placeholders, test events),
or a failed invocation that Lambda retries and then sends to the on-failure
destination — and each rejection and failure is a log line and a metric with its
reason code.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest
from botocore.exceptions import ClientError

from newsclean.aws.records import outcome_key
from newsclean.aws.s3 import S3TransientError
from newsclean.aws.settings import ConfigurationError
from tests.conftest import INPUT_BUCKET, OUTPUT_BUCKET, Context, LoadApp, PutObject, outcome, output_keys, s3_event
from tests.reliability import pages

ARTICLE = pages.text_dump().encode()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
KEY = "2024/night-ferry.txt"


def client_error(code: str, status: int, operation: str) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, operation
    )


def raising(exc: Exception) -> Any:
    def call(**kwargs: Any) -> Any:
        raise exc

    return call


def emitted(capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The handler's JSON log lines and its EMF metric blobs, from stdout."""
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    return [line for line in lines if "_aws" not in line], [line for line in lines if "_aws" in line]


def counted_by_reason(blobs: list[dict[str, Any]], metric: str) -> dict[str, float]:
    return {blob["reason"]: sum(blob[metric]) for blob in blobs if "reason" in blob and metric in blob}


def loud(load_app: LoadApp, capsys: pytest.CaptureFixture[str]) -> ModuleType:
    """The handler, loaded inside the test (after capsys starts) so that its logs and metrics are captured."""
    app = load_app()
    capsys.readouterr()
    return app


# ------------------------------------------------------------------ keys


@pytest.mark.parametrize(
    "key",
    [
        "2024/night ferry returns.txt",
        "2024/night+ferry+returns.txt",
        "2024/ferry %28v2%29 100%.txt",
        "2024/färja ⛴ 渡し船 — Ytterö.txt",
        "a+b c%2Bd/é/ü?#&=.txt",
    ],
    ids=["spaces", "plus", "percent", "unicode", "all-at-once"],
)
def test_odd_keys_are_decoded_and_kept(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, key: str
) -> None:
    app.lambda_handler(put_object(key, ARTICLE), context)

    assert output_keys(s3) == [outcome_key(key)]
    assert outcome(s3, key)["source"]["key"] == key


def test_folder_placeholder_with_a_trailing_slash_is_skipped(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    result = app.lambda_handler(put_object("2024/ferries/", b""), context)
    assert result["skipped"] == 1
    assert output_keys(s3) == []


# ------------------------------------------------------------------ objects S3 will not give us


def test_object_deleted_before_it_is_read(
    load_app: LoadApp, s3: Any, put_object: PutObject, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    app = loud(load_app, capsys)
    event = put_object(KEY, ARTICLE)
    s3.delete_object(Bucket=INPUT_BUCKET, Key=KEY, VersionId=event["Records"][0]["s3"]["object"]["versionId"])

    app.lambda_handler(event, context)

    assert outcome(s3, KEY)["reason"] == "object_missing"
    logs, blobs = emitted(capsys)
    assert any(line["level"] == "WARNING" and line["reason"] == "object_missing" for line in logs)
    assert counted_by_reason(blobs, "Rejections") == {"object_missing": 1}


def test_access_denied(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = put_object(KEY, ARTICLE)
    monkeypatch.setattr(app.HANDLER.store.client, "get_object", raising(client_error("AccessDenied", 403, "GetObject")))

    app.lambda_handler(event, context)

    assert outcome(s3, KEY)["reason"] == "access_denied"


def test_oversize_object_is_rejected_without_reading_its_body(
    load_app: LoadApp, s3: Any, put_object: PutObject, context: Context
) -> None:
    app = load_app(MAX_INPUT_BYTES="512")
    app.lambda_handler(put_object(KEY, ARTICLE), context)

    record = outcome(s3, KEY)
    assert (record["reason"], record["source"]["size"], record["max_input_bytes"]) == ("too_large", len(ARTICLE), 512)


@pytest.mark.parametrize("storage_class", ["GLACIER", "DEEP_ARCHIVE"])
def test_object_in_an_archive_storage_class(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, storage_class: str
) -> None:
    app.lambda_handler(put_object(KEY, ARTICLE, StorageClass=storage_class), context)
    assert outcome(s3, KEY)["reason"] == "archived"


# ------------------------------------------------------------------ events


def test_s3_test_event_is_ignored(
    load_app: LoadApp, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    app = loud(load_app, capsys)
    event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2024-03-12T07:46:03Z", "Bucket": INPUT_BUCKET}

    result = app.lambda_handler(event, context)

    assert (result["articles"], result["rejected"], result["skipped"]) == (0, 0, 0)
    assert output_keys(s3) == []
    assert counted_by_reason(emitted(capsys)[1], "Failures") == {}


def test_object_removed_event_is_skipped(app: ModuleType, s3: Any, context: Context) -> None:
    result = app.lambda_handler(s3_event(KEY, event_name="ObjectRemoved:Delete"), context)
    assert result["skipped"] == 1
    assert output_keys(s3) == []


NOT_S3_EVENTS = {
    "sqs message": {"Records": [{"eventSource": "aws:sqs", "messageId": "1", "body": "{}"}]},
    "eventbridge s3 event": {
        "source": "aws.s3",
        "detail-type": "Object Created",
        "detail": {"bucket": {"name": INPUT_BUCKET}, "object": {"key": KEY}},
    },
    "empty object": {},
    "list": [{"s3": {"object": {"key": KEY}}}],
    "string": "s3://bucket/key",
}
_RECORD = s3_event(KEY)["Records"][0]
MALFORMED_S3_RECORDS = {
    "no s3 object": {**_RECORD, "s3": None},
    "s3 is a list": {**_RECORD, "s3": []},
    "no bucket name": {**_RECORD, "s3": {**_RECORD["s3"], "bucket": {}}},
    "no object": {**_RECORD, "s3": {"bucket": _RECORD["s3"]["bucket"]}},
    "null eventName": {**_RECORD, "eventName": None},
    "key is a number": {**_RECORD, "s3": {**_RECORD["s3"], "object": {"key": 42}}},
    "key is empty": {**_RECORD, "s3": {**_RECORD["s3"], "object": {"key": ""}}},
    "sequencer not hex": {**_RECORD, "s3": {**_RECORD["s3"], "object": {"key": "k", "sequencer": "zz"}}},
    "version id not text": {**_RECORD, "s3": {**_RECORD["s3"], "object": {"key": "k", "versionId": ["v"]}}},
    "record is a string": "aws:s3",
}


@pytest.mark.parametrize("event", NOT_S3_EVENTS.values(), ids=NOT_S3_EVENTS.keys())
def test_an_event_that_is_not_an_s3_notification_fails_as_configuration(
    load_app: LoadApp, s3: Any, context: Context, capsys: pytest.CaptureFixture[str], event: Any
) -> None:
    """It fails, so Lambda keeps it in the on-failure destination, rather than dropping it."""
    app = loud(load_app, capsys)
    with pytest.raises(ConfigurationError, match="S3 notification"):
        app.lambda_handler(event, context)

    assert output_keys(s3) == []
    logs, blobs = emitted(capsys)
    failed = [line for line in logs if line["message"] == "Invocation failed"]
    assert [(line["level"], line["reason"]) for line in failed] == [("ERROR", "configuration")]
    assert counted_by_reason(blobs, "Failures") == {"configuration": 1}


@pytest.mark.parametrize("record", MALFORMED_S3_RECORDS.values(), ids=MALFORMED_S3_RECORDS.keys())
def test_a_malformed_s3_record_fails_as_configuration(
    load_app: LoadApp, s3: Any, context: Context, capsys: pytest.CaptureFixture[str], record: Any
) -> None:
    app = loud(load_app, capsys)
    # A good record first: nothing of an event with a bad record is read or written.
    s3.put_object(Bucket=INPUT_BUCKET, Key=KEY, Body=ARTICLE)
    with pytest.raises(ConfigurationError):
        app.lambda_handler({"Records": [_RECORD, record]}, context)

    assert output_keys(s3) == []
    logs, blobs = emitted(capsys)
    assert [line["reason"] for line in logs if line["message"] == "Invocation failed"] == ["configuration"]
    assert counted_by_reason(blobs, "Failures") == {"configuration": 1}


def test_an_event_with_no_records_is_logged_and_counted(
    load_app: LoadApp, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    app = loud(load_app, capsys)

    result = app.lambda_handler({"Records": []}, context)

    assert (result["articles"], result["rejected"], result["skipped"]) == (0, 0, 0)
    logs, blobs = emitted(capsys)
    assert [line["level"] for line in logs if line["message"] == "Event has no records"] == ["WARNING"]
    assert sum(sum(blob.get("EmptyEvents", [])) for blob in blobs) == 1


@pytest.mark.parametrize("bucket", ["someone-elses-bucket", OUTPUT_BUCKET])
def test_an_event_for_another_bucket_is_refused_and_touches_no_outcome(
    load_app: LoadApp, s3: Any, put_object: PutObject, context: Context, capsys: pytest.CaptureFixture[str], bucket: str
) -> None:
    app = loud(load_app, capsys)
    app.lambda_handler(put_object(KEY, ARTICLE), context)
    before = outcome(s3, KEY)
    capsys.readouterr()

    with pytest.raises(ConfigurationError, match="refused"):
        app.lambda_handler(s3_event(KEY, bucket=bucket, sequencer="FFFFFFFFFFFFFFFFFF"), context)

    assert output_keys(s3) == [outcome_key(KEY)] and outcome(s3, KEY) == before
    logs, blobs = emitted(capsys)
    assert [line["reason"] for line in logs if line["message"] == "Invocation failed"] == ["configuration"]
    assert counted_by_reason(blobs, "Failures") == {"configuration": 1}


# ------------------------------------------------------------------ writes that fail


@pytest.mark.parametrize(
    "error",
    [
        client_error("NoSuchBucket", 404, "PutObject"),
        client_error("AccessDenied", 403, "PutObject"),
    ],
    ids=["output-bucket-gone", "write-denied"],
)
def test_a_failing_write_to_the_output_bucket_fails_the_invocation(
    load_app: LoadApp,
    s3: Any,
    put_object: PutObject,
    context: Context,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: ClientError,
) -> None:
    app = loud(load_app, capsys)
    event = put_object(KEY, ARTICLE)
    monkeypatch.setattr(app.HANDLER.store.client, "put_object", raising(error))

    with pytest.raises(ClientError):
        app.lambda_handler(event, context)

    assert output_keys(s3) == []
    logs, blobs = emitted(capsys)
    failed = next(line for line in logs if line["message"] == "Invocation failed")
    assert (failed["reason"], failed["key"], failed["error_type"]) == ("s3_error", KEY, "ClientError")
    assert counted_by_reason(blobs, "Failures") == {"s3_error": 1}


def test_a_throttled_write_fails_then_its_retry_writes_one_article(
    load_app: LoadApp,
    s3: Any,
    put_object: PutObject,
    context: Context,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = loud(load_app, capsys)
    event = put_object(KEY, ARTICLE)
    with monkeypatch.context() as patch:
        patch.setattr(app.HANDLER.store.client, "put_object", raising(client_error("SlowDown", 503, "PutObject")))
        with pytest.raises(S3TransientError):
            app.lambda_handler(event, context)
    assert counted_by_reason(emitted(capsys)[1], "Failures") == {"s3_transient": 1}

    app.lambda_handler(event, context)  # Lambda's retry

    assert output_keys(s3) == [outcome_key(KEY)]


def test_a_crash_in_the_cleaner_fails_the_invocation_as_a_crash(
    load_app: LoadApp,
    s3: Any,
    put_object: PutObject,
    context: Context,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = loud(load_app, capsys)
    import newsclean.aws.job

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError("simulated")

    monkeypatch.setattr(newsclean.aws.job, "clean", broken)
    with pytest.raises(MemoryError):
        app.lambda_handler(put_object(KEY, ARTICLE), context)

    assert output_keys(s3) == []
    assert counted_by_reason(emitted(capsys)[1], "Failures") == {"crash": 1}


# ------------------------------------------------------------------ one outcome per key


@pytest.mark.parametrize(("first", "then", "left"), [(PNG, ARTICLE, "article"), (ARTICLE, PNG, "rejected")])
def test_uploading_a_key_again_replaces_its_outcome_of_the_other_kind(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, first: bytes, then: bytes, left: str
) -> None:
    app.lambda_handler(put_object(KEY, first), context)
    app.lambda_handler(put_object(KEY, then), context)

    assert output_keys(s3) == [outcome_key(KEY)]
    assert outcome(s3, KEY)["outcome"] == left


def test_a_redelivered_event_leaves_one_identical_output(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    event = put_object(KEY, ARTICLE)
    app.lambda_handler(event, context)
    first = outcome(s3, KEY)

    app.lambda_handler(event, context)

    assert output_keys(s3) == [outcome_key(KEY)]
    assert outcome(s3, KEY) == first
