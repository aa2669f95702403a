"""The S3 adapter on its own: what it returns, and how it sorts botocore's errors."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError
from botocore.stub import Stubber

from newsclean import RejectReason
from newsclean.aws.s3 import ObjectTooLarge, ReadFailure, S3PermanentError, S3Store, S3TransientError, json_bytes
from tests.conftest import INPUT_BUCKET, OUTPUT_BUCKET, REGION


@pytest.fixture
def stubbed() -> Any:
    """A real client whose responses are queued by hand: nothing is sent anywhere."""
    client = boto3.client("s3", region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stubber:
        yield client, stubber


def test_read_returns_bytes_and_metadata(s3: Any) -> None:
    put = s3.put_object(Bucket=INPUT_BUCKET, Key="a.html", Body=b"<p>hello</p>", ContentType="text/html")
    store = S3Store(s3, max_object_bytes=1000)

    obj = store.read(INPUT_BUCKET, "a.html")

    assert obj.data == b"<p>hello</p>"
    assert obj.etag == put["ETag"].strip('"')
    assert obj.version_id == put["VersionId"]
    assert obj.size == 12
    assert obj.content_type == "text/html"


def test_read_asks_for_the_version_in_the_event(s3: Any) -> None:
    first = s3.put_object(Bucket=INPUT_BUCKET, Key="a.txt", Body=b"first")
    s3.put_object(Bucket=INPUT_BUCKET, Key="a.txt", Body=b"second")

    obj = S3Store(s3, max_object_bytes=1000).read(INPUT_BUCKET, "a.txt", version_id=first["VersionId"])

    assert obj.data == b"first"


def test_object_over_the_limit_is_refused_without_reading_its_body(s3: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    s3.put_object(Bucket=INPUT_BUCKET, Key="big.txt", Body=b"x" * 5000)
    store = S3Store(s3, max_object_bytes=4096)
    bodies: list[Any] = []
    get_object = s3.get_object

    def spy(**kwargs: Any) -> Any:
        response = get_object(**kwargs)
        bodies.append(response["Body"])
        monkeypatch.setattr(response["Body"], "read", lambda *a: pytest.fail("body was read"))
        return response

    monkeypatch.setattr(s3, "get_object", spy)

    with pytest.raises(ObjectTooLarge) as raised:
        store.read(INPUT_BUCKET, "big.txt")

    assert raised.value.reason is RejectReason.TOO_LARGE
    assert (raised.value.size, raised.value.limit) == (5000, 4096)
    assert isinstance(raised.value, S3PermanentError)


@pytest.mark.parametrize(
    ("code", "status", "reason"),
    [
        ("NoSuchKey", 404, ReadFailure.OBJECT_MISSING),
        ("NoSuchVersion", 404, ReadFailure.OBJECT_MISSING),
        ("AccessDenied", 403, ReadFailure.ACCESS_DENIED),
        ("InvalidObjectState", 403, ReadFailure.ARCHIVED),
    ],
)
def test_permanent_read_errors(stubbed: Any, code: str, status: int, reason: ReadFailure) -> None:
    client, stubber = stubbed
    stubber.add_client_error("get_object", service_error_code=code, http_status_code=status)

    with pytest.raises(S3PermanentError) as raised:
        S3Store(client, max_object_bytes=1000).read(INPUT_BUCKET, "a.txt")

    assert raised.value.reason is reason
    assert code in raised.value.message


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("SlowDown", 503),
        ("InternalError", 500),
        ("RequestTimeout", 400),
        ("Throttling", 400),
        ("WeirdGatewayError", 502),
    ],
)
def test_transient_read_errors(stubbed: Any, code: str, status: int) -> None:
    client, stubber = stubbed
    stubber.add_client_error("get_object", service_error_code=code, http_status_code=status)

    with pytest.raises(S3TransientError) as raised:
        S3Store(client, max_object_bytes=1000).read(INPUT_BUCKET, "a.txt")

    assert isinstance(raised.value.__cause__, ClientError)


@pytest.mark.parametrize(
    "error",
    [
        EndpointConnectionError(endpoint_url="https://example.invalid"),
        ConnectTimeoutError(endpoint_url="https://example.invalid"),
    ],
    ids=["EndpointConnectionError", "ConnectTimeoutError"],
)
def test_connection_errors_are_transient(s3: Any, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def fail(**kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(s3, "get_object", fail)

    with pytest.raises(S3TransientError):
        S3Store(s3, max_object_bytes=1000).read(INPUT_BUCKET, "a.txt")


def test_write_json_stores_utf8_json(s3: Any) -> None:
    S3Store(s3, max_object_bytes=1000).write_json(OUTPUT_BUCKET, "a.txt.json", {"headline": "Café Marée"})

    stored = s3.get_object(Bucket=OUTPUT_BUCKET, Key="a.txt.json")
    assert json.loads(stored["Body"].read().decode("utf-8")) == {"headline": "Café Marée"}
    assert stored["ContentType"].startswith("application/json")


def test_write_errors_are_never_labelled_permanent(stubbed: Any) -> None:
    client, stubber = stubbed
    stubber.add_client_error("put_object", service_error_code="AccessDenied", http_status_code=403)
    stubber.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)
    store = S3Store(client, max_object_bytes=1000)

    with pytest.raises(ClientError):  # a forbidden output bucket is a deployment problem: raised as is
        store.write_json(OUTPUT_BUCKET, "a.json", {})
    with pytest.raises(S3TransientError):
        store.write_json(OUTPUT_BUCKET, "a.json", {})


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"a": []},
        {"body": ["Café ☕ 😀", "x"] * 1500, "n": 1.5, "none": None, "nested": {"k": [1, 2]}},
        {"removed": [{"index": i, "text": f"line {i}"} for i in range(1000)]},
        {"removed": [{"index": i, "text": f"line {i}"} for i in range(2001)], "source": {"size": 3}},
    ],
)
def test_json_bytes_are_the_one_shot_encoding(document: dict[str, Any]) -> None:
    assert json_bytes(document) == json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
