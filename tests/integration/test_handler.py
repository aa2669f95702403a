"""The Lambda handler against moto: what lands in the output bucket, what is raised, what is logged."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from newsclean.aws.s3 import S3TransientError
from newsclean.aws.settings import ConfigurationError
from tests.conftest import (
    EVENTS,
    INPUT_BUCKET,
    OUTPUT_BUCKET,
    Context,
    LoadApp,
    PutObject,
    outcome,
    output_keys,
    s3_event,
    sample,
)
from tests.schemas import rejection_validator

TEXT_KEY = "2024/harbour-bridge-reopens.txt"
PNG_KEY = "bad/masthead.png"
SPECIAL_KEY = "2024/Café Marée + lifeboat crew (gallery) %28v2%29.txt"


def client_error(code: str, status: int, operation: str = "GetObject") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": f"simulated {code}"}, "ResponseMetadata": {"HTTPStatusCode": status}},
        operation,
    )


def failing(exc: Exception) -> Any:
    def call(**kwargs: Any) -> Any:
        raise exc

    return call


def test_article_is_written_at_its_outcome_key_with_its_source(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    body = sample(TEXT_KEY)
    event = put_object(TEXT_KEY, body)

    result = app.lambda_handler(event, context)

    assert result == {"articles": 1, "rejected": 0, "skipped": 0, "stale": 0, "rejections_by_reason": {}}
    assert output_keys(s3) == [f"outcomes/{TEXT_KEY}.json"]
    document = outcome(s3, TEXT_KEY)
    record = event["Records"][0]["s3"]["object"]
    assert document["schema_version"] == "2.1" and document["outcome"] == "article"
    assert document["source"]["sequencer"] == record["sequencer"]
    assert document["source"]["last_modified"].endswith("Z")
    assert document["source"]["bucket"] == INPUT_BUCKET
    assert document["source"]["key"] == TEXT_KEY
    assert document["source"]["version_id"] == record["versionId"]
    assert document["source"]["etag"] == record["eTag"]
    assert document["source"]["size"] == len(body)
    assert any("swing bridge reopened" in paragraph for paragraph in document["body"])


def test_bad_object_gets_a_rejection_record(app: ModuleType, s3: Any, put_object: PutObject, context: Context) -> None:
    body = sample(PNG_KEY)
    event = put_object(PNG_KEY, body)

    result = app.lambda_handler(event, context)

    assert result["rejected"] == 1 and result["rejections_by_reason"] == {"binary": 1}
    assert output_keys(s3) == [f"outcomes/{PNG_KEY}.json"]
    record = outcome(s3, PNG_KEY)
    assert record["outcome"] == "rejected" and record["reason"] == "binary"
    assert record["message"]
    assert record["source"]["bucket"] == INPUT_BUCKET
    assert record["source"]["key"] == PNG_KEY
    assert record["source"]["version_id"] == event["Records"][0]["s3"]["object"]["versionId"]
    assert record["source"]["sequencer"] == event["Records"][0]["s3"]["object"]["sequencer"]
    assert record["source"]["size"] == len(body)
    assert record["schema_version"] == "2.1"
    rejection_validator().validate(record)


def test_key_is_url_decoded_from_the_event(app: ModuleType, s3: Any, put_object: PutObject, context: Context) -> None:
    event = put_object(SPECIAL_KEY, sample(SPECIAL_KEY))
    encoded = event["Records"][0]["s3"]["object"]["key"]
    assert "+%2B+" in encoded and "%28gallery%29" in encoded and "%2528v2%2529" in encoded and "Caf%C3%A9" in encoded

    app.lambda_handler(event, context)

    assert output_keys(s3) == [f"outcomes/{SPECIAL_KEY}.json"]
    assert outcome(s3, SPECIAL_KEY)["source"]["key"] == SPECIAL_KEY


def test_oversize_object_is_rejected_as_too_large(
    load_app: LoadApp, s3: Any, put_object: PutObject, context: Context
) -> None:
    app = load_app(MAX_INPUT_BYTES="1000")
    body = sample(TEXT_KEY)
    event = put_object(TEXT_KEY, body)

    app.lambda_handler(event, context)

    record = outcome(s3, TEXT_KEY)
    assert record["reason"] == "too_large"
    assert record["source"]["size"] == len(body)
    assert record["max_input_bytes"] == 1000
    assert output_keys(s3) == [f"outcomes/{TEXT_KEY}.json"]


def test_redelivered_event_overwrites_the_single_output(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY))

    app.lambda_handler(event, context)
    first = outcome(s3, TEXT_KEY)
    app.lambda_handler(event, context)

    assert output_keys(s3) == [f"outcomes/{TEXT_KEY}.json"]
    assert outcome(s3, TEXT_KEY) == first


@pytest.mark.parametrize(
    "error",
    [
        client_error("SlowDown", 503),
        client_error("InternalError", 500),
        client_error("ServiceUnavailable", 503),
        EndpointConnectionError(endpoint_url="https://s3.us-east-1.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://s3.us-east-1.amazonaws.com"),
    ],
    ids=["SlowDown", "InternalError", "ServiceUnavailable", "EndpointConnectionError", "ReadTimeoutError"],
)
def test_transient_s3_error_is_raised_for_lambda_to_retry(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY))
    monkeypatch.setattr(app.HANDLER.store.client, "get_object", failing(error))

    with pytest.raises(S3TransientError) as raised:
        app.lambda_handler(event, context)

    assert raised.value.__cause__ is error
    assert output_keys(s3) == []


def test_unknown_s3_error_is_raised_unchanged(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY))
    error = client_error("InvalidArgument", 400)
    monkeypatch.setattr(app.HANDLER.store.client, "get_object", failing(error))

    with pytest.raises(ClientError) as raised:
        app.lambda_handler(event, context)

    assert raised.value is error
    assert output_keys(s3) == []


def test_object_deleted_before_read_gets_a_rejection_record(app: ModuleType, s3: Any, context: Context) -> None:
    event = s3_event("2024/already-gone.txt", size=120, etag="0" * 32)

    app.lambda_handler(event, context)

    record = outcome(s3, "2024/already-gone.txt")
    assert record["reason"] == "object_missing"
    assert "NoSuchKey" in record["message"]


def test_deleted_version_gets_a_rejection_record(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY))
    version_id = event["Records"][0]["s3"]["object"]["versionId"]
    s3.delete_object(Bucket=INPUT_BUCKET, Key=TEXT_KEY, VersionId=version_id)

    app.lambda_handler(event, context)

    record = outcome(s3, TEXT_KEY)
    assert record["reason"] == "object_missing"
    assert record["source"]["version_id"] == version_id


def test_archived_object_gets_a_rejection_record(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY), StorageClass="GLACIER")

    app.lambda_handler(event, context)

    assert outcome(s3, TEXT_KEY)["reason"] == "archived"


def test_access_denied_gets_a_rejection_record(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = put_object(TEXT_KEY, sample(TEXT_KEY))
    monkeypatch.setattr(app.HANDLER.store.client, "get_object", failing(client_error("AccessDenied", 403)))

    result = app.lambda_handler(event, context)

    assert result["rejections_by_reason"] == {"access_denied": 1}
    assert outcome(s3, TEXT_KEY)["reason"] == "access_denied"


def test_s3_test_event_is_ignored(app: ModuleType, s3: Any, context: Context) -> None:
    event = json.loads((EVENTS / "test-event.json").read_text())

    result = app.lambda_handler(event, context)

    assert result == {"articles": 0, "rejected": 0, "skipped": 0, "stale": 0, "rejections_by_reason": {}}
    assert output_keys(s3) == []


def test_folder_placeholder_is_skipped(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = put_object("2024/", b"")
    monkeypatch.setattr(app.HANDLER.store.client, "get_object", failing(AssertionError("a folder must not be read")))

    result = app.lambda_handler(event, context)

    assert result["skipped"] == 1
    assert output_keys(s3) == []


def test_event_from_the_output_bucket_is_refused(app: ModuleType, s3: Any, context: Context) -> None:
    s3.put_object(Bucket=OUTPUT_BUCKET, Key="loop.txt", Body=sample(TEXT_KEY))
    event = s3_event("loop.txt", bucket=OUTPUT_BUCKET)

    with pytest.raises(ConfigurationError, match="is OUTPUT_BUCKET"):
        app.lambda_handler(event, context)

    assert output_keys(s3) == ["loop.txt"]


def test_cold_start_fails_without_input_bucket(load_app: LoadApp) -> None:
    with pytest.raises(Exception, match="INPUT_BUCKET is not set") as raised:
        load_app(INPUT_BUCKET=None)
    assert type(raised.value).__name__ == "ConfigurationError"


def test_cold_start_fails_without_output_bucket(load_app: LoadApp) -> None:
    with pytest.raises(Exception, match="OUTPUT_BUCKET is not set") as raised:
        load_app(OUTPUT_BUCKET=None)
    assert type(raised.value).__name__ == "ConfigurationError"


def test_cold_start_fails_when_input_bucket_is_the_output_bucket(load_app: LoadApp) -> None:
    with pytest.raises(Exception, match="recursive trigger") as raised:
        load_app(INPUT_BUCKET=OUTPUT_BUCKET)
    assert type(raised.value).__name__ == "ConfigurationError"


def test_metrics_and_warning_log_are_emitted(
    capsys: pytest.CaptureFixture[str], load_app: LoadApp, s3: Any, put_object: PutObject, context: Context
) -> None:
    app = load_app()  # after capsys, so the logger writes where capsys reads
    event = put_object(TEXT_KEY, sample(TEXT_KEY))
    event["Records"] += put_object(PNG_KEY, sample(PNG_KEY))["Records"]
    capsys.readouterr()

    app.lambda_handler(event, context)

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    emf = [line for line in lines if "_aws" in line]
    logs = [line for line in lines if "_aws" not in line]
    main_blob = next(line for line in emf if "ArticlesWritten" in line)
    assert main_blob["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "newsclean-test"
    assert main_blob["ArticlesWritten"] == [1.0]
    assert main_blob["BlocksRemoved"][0] > 0
    assert main_blob["Rejections"] == [1.0]
    assert main_blob["RecordsReceived"] == [2.0]
    by_reason = next(line for line in emf if "reason" in line)
    assert by_reason["reason"] == "binary" and by_reason["Rejections"] == [1.0]
    assert ["reason", "service"] in [sorted(d) for d in by_reason["_aws"]["CloudWatchMetrics"][0]["Dimensions"]]
    warning = next(line for line in logs if line["level"] == "WARNING")
    assert warning["bucket"] == INPUT_BUCKET and warning["key"] == PNG_KEY and warning["reason"] == "binary"
    written = next(line for line in logs if line["message"] == "Article written")
    assert written["key"] == TEXT_KEY


class SpyTracer:
    created = 0

    def __init__(self) -> None:
        SpyTracer.created += 1

    def capture_lambda_handler(self, handler: Any) -> Any:
        handler.traced = True
        return handler


@pytest.mark.parametrize(("setting", "created"), [(None, 0), ("false", 0), ("true", 1), ("TRUE", 1)])
def test_tracer_is_created_only_when_enabled(
    load_app: LoadApp, monkeypatch: pytest.MonkeyPatch, setting: str | None, created: int
) -> None:
    import aws_lambda_powertools

    monkeypatch.setattr(aws_lambda_powertools, "Tracer", SpyTracer)
    monkeypatch.setattr(SpyTracer, "created", 0)

    app = load_app(ENABLE_TRACING=setting)

    assert SpyTracer.created == created
    assert getattr(app.lambda_handler, "traced", False) is bool(created)


def test_enabled_tracing_without_the_xray_sdk_fails_clearly(load_app: LoadApp) -> None:
    pytest.importorskip("aws_lambda_powertools.tracing")
    try:
        import aws_xray_sdk  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        pytest.skip("aws-xray-sdk is installed here")
    with pytest.raises(Exception, match="aws-xray-sdk") as raised:
        load_app(ENABLE_TRACING="true")
    assert type(raised.value).__name__ == "ConfigurationError"
