"""Fixtures shared by the integration and e2e tests: fake AWS credentials, moto buckets, the handler.

Nothing here reaches the network: moto answers every AWS call in-process, and
the credentials and region are dummies set for each test. boto3 and moto are
imported inside the fixtures, so the unit tests never load them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote_plus

import pytest

from newsclean.aws.records import outcome_key
from newsclean.tools.logs import release_powertools_loggers

REPO = Path(__file__).resolve().parents[1]
HANDLER = REPO / "functions" / "clean_article" / "app.py"
EVENTS = REPO / "events"
SAMPLES = EVENTS / "objects"
REGION = "us-east-1"
INPUT_BUCKET = "newsclean-input-test"
OUTPUT_BUCKET = "newsclean-output-test"
TEST_SERVICE = "clean-article-test"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dummy credentials and a region; no profile or config file of the machine is read."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))


@pytest.fixture
def s3(aws_env: None) -> Iterator[Any]:
    """A moto S3 client with a versioned input bucket and an output bucket."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=INPUT_BUCKET)
        client.put_bucket_versioning(Bucket=INPUT_BUCKET, VersioningConfiguration={"Status": "Enabled"})
        client.create_bucket(Bucket=OUTPUT_BUCKET)
        yield client


@pytest.fixture(autouse=True)
def fresh_powertools_loggers() -> Iterator[None]:
    """Let each test's Logger() bind to that test's stdout.

    Powertools configures the logging.Logger of a service once per process and
    keeps the stream it saw first; after a test, that stream is closed.
    """
    yield
    release_powertools_loggers()


LoadApp = Callable[..., ModuleType]


@pytest.fixture
def load_app(s3: Any, monkeypatch: pytest.MonkeyPatch) -> LoadApp:
    """Import the handler module fresh (its cold start) with the given environment.

    ``load_app(MAX_INPUT_BYTES="1000")`` adds or overrides a variable; a value
    of None removes it.
    """

    from newsclean.tools.local import load_handler

    def load(**env: str | None) -> ModuleType:
        settings: dict[str, str | None] = {
            "INPUT_BUCKET": INPUT_BUCKET,
            "OUTPUT_BUCKET": OUTPUT_BUCKET,
            "POWERTOOLS_SERVICE_NAME": TEST_SERVICE,
            "POWERTOOLS_METRICS_NAMESPACE": "newsclean-test",
            "POWERTOOLS_LOG_LEVEL": "INFO",
            "POWERTOOLS_METRICS_DISABLED": "false",
            "ENABLE_TRACING": None,
            "MAX_INPUT_BYTES": None,
            **env,
        }
        for name, value in settings.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return load_handler(HANDLER)

    return load


@pytest.fixture
def app(load_app: LoadApp) -> ModuleType:
    return load_app()


class Context:
    """The fields of a Lambda context that Powertools reads."""

    function_name = "clean-article-test"
    memory_limit_in_mb = 256
    invoked_function_arn = f"arn:aws:lambda:{REGION}:123456789012:function:clean-article-test"
    aws_request_id = "c0ffee00-0000-4000-8000-000000000000"


@pytest.fixture
def context() -> Context:
    return Context()


def s3_event(
    key: str,
    *,
    bucket: str = INPUT_BUCKET,
    size: int = 0,
    etag: str = "",
    version_id: str | None = None,
    event_name: str = "ObjectCreated:Put",
    sequencer: str = "0065F00B2A7C1E4D52",
) -> dict[str, Any]:
    """An S3 notification in AWS's documented shape, the key URL-encoded as S3 encodes it."""
    obj: dict[str, Any] = {
        "key": quote_plus(key, safe="/"),
        "size": size,
        "eTag": etag,
        "sequencer": sequencer,
    }
    if version_id:
        obj["versionId"] = version_id
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": "2024-03-12T07:46:03.512Z",
                "eventName": event_name,
                "userIdentity": {"principalId": "AWS:AROATESTSCRAPER"},
                "requestParameters": {"sourceIPAddress": "203.0.113.24"},
                "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "example"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "newsclean-test",
                    "bucket": {
                        "name": bucket,
                        "ownerIdentity": {"principalId": "A2TESTOWNER"},
                        "arn": f"arn:aws:s3:::{bucket}",
                    },
                    "object": obj,
                },
            }
        ]
    }


PutObject = Callable[..., dict[str, Any]]


@pytest.fixture
def put_object(s3: Any) -> PutObject:
    """Upload ``body`` at ``key`` in the input bucket; return the event S3 would send for it.

    Each upload's sequencer is greater than the one before, as S3's are for the writes to one key
    (and one of them of different length, which S3's also can be).
    """
    uploads = itertools.count(1)

    def put(key: str, body: bytes, **extra: Any) -> dict[str, Any]:
        response = s3.put_object(Bucket=INPUT_BUCKET, Key=key, Body=body, **extra)
        assert response["ETag"].strip('"') == hashlib.md5(body).hexdigest()
        etag = response["ETag"].strip('"')
        sequencer = f"0065F00B2A7C1E4D{next(uploads) * 16:X}"
        return s3_event(key, size=len(body), etag=etag, version_id=response.get("VersionId"), sequencer=sequencer)

    return put


def output_keys(s3: Any, bucket: str = OUTPUT_BUCKET) -> list[str]:
    return sorted(entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", []))


def outcome(s3: Any, key: str) -> dict[str, Any]:
    """The outcome document of input ``key`` (its article or its rejection record)."""
    return json.loads(s3.get_object(Bucket=OUTPUT_BUCKET, Key=outcome_key(key))["Body"].read())


def sample(relative: str) -> bytes:
    return (SAMPLES / relative).read_bytes()
