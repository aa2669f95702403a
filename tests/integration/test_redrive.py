"""Redrive against moto's SQS: Lambda destination records in, the original events re-invoked, messages deleted.

The records have the shape Lambda's on-failure destination writes (version,
timestamp, requestContext, requestPayload = the S3 event, responseContext,
responsePayload). Lambda itself is played by an injected invoker, by a
botocore Stubber (moto's Lambda would need Docker to run a function), and by
the real handler run in-process (``--local``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.stub import Stubber

from newsclean.tools.cli import main
from newsclean.tools.redrive import (
    FailureRecord,
    InvokeFailed,
    NotAFailureRecord,
    QueueReader,
    lambda_invoker,
    parse_record,
    redrive,
    region_of_queue,
)
from tests.conftest import INPUT_BUCKET, OUTPUT_BUCKET, REGION, TEST_SERVICE, output_keys, s3_event, sample

FUNCTION_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:newsclean-clean-article"
TEXT_KEY = "2024/harbour-bridge-reopens.txt"
SPECIAL_KEY = "2024/Café Marée + lifeboat crew (gallery) %28v2%29.txt"


@pytest.fixture
def queue_url(s3: Any) -> str:
    """An empty queue in moto, inside the same mock as the ``s3`` fixture's buckets."""
    import boto3

    return boto3.client("sqs", region_name=REGION).create_queue(QueueName="newsclean-failed-events")["QueueUrl"]


@pytest.fixture
def sqs(queue_url: str) -> Any:
    import boto3

    return boto3.client("sqs", region_name=REGION)


def failure_record(event: dict[str, Any], *, condition: str = "RetriesExhausted") -> dict[str, Any]:
    """A record as Lambda's on-failure destination writes it; an event that aged out never ran."""
    record: dict[str, Any] = {
        "version": "1.0",
        "timestamp": "2024-03-12T07:52:41.118Z",
        "requestContext": {
            "requestId": "e4b46cbf-b738-4c63-a5c4-1c2e5b0f2d7a",
            "functionArn": f"{FUNCTION_ARN}:$LATEST",
            "condition": condition,
            "approximateInvokeCount": 3 if condition == "RetriesExhausted" else 0,
        },
        "requestPayload": event,
    }
    if condition == "RetriesExhausted":
        record["responseContext"] = {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"}
        record["responsePayload"] = {
            "errorMessage": "S3 SlowDown: simulated",
            "errorType": "S3TransientError",
            "requestId": "e4b46cbf-b738-4c63-a5c4-1c2e5b0f2d7a",
            "stackTrace": ['  File "/var/task/app.py", line 61, in lambda_handler\n'],
        }
    return record


def send(sqs: Any, queue_url: str, *bodies: dict[str, Any] | str) -> None:
    for body in bodies:
        sqs.send_message(QueueUrl=queue_url, MessageBody=body if isinstance(body, str) else json.dumps(body))


def visible_bodies(sqs: Any, queue_url: str) -> list[str]:
    """What a consumer could receive right now (hidden again for a minute, which no test waits out)."""
    bodies: list[str] = []
    while batch := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, VisibilityTimeout=60).get(
        "Messages", []
    ):
        bodies += [message["Body"] for message in batch]
    return bodies


def in_queue(sqs: Any, queue_url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[name]) for name in names)


class Recorder:
    """An invoker that remembers what it was given and fails for the keys it is told to."""

    def __init__(self, failing_keys: tuple[str, ...] = ()) -> None:
        self.payloads: list[dict[str, Any]] = []
        self.failing_keys = failing_keys

    def __call__(self, record: FailureRecord) -> None:
        if set(record.keys()) & set(self.failing_keys):
            raise InvokeFailed("simulated: the function is still broken")
        self.payloads.append(record.payload)


def reader(sqs: Any, queue_url: str) -> QueueReader:
    return QueueReader(sqs, queue_url, wait_seconds=0)


# --------------------------------------------------------------- the loop


def test_each_record_is_reinvoked_with_its_original_event_then_deleted(sqs: Any, queue_url: str) -> None:
    events = [s3_event(key, version_id=f"v{n}") for n, key in enumerate([TEXT_KEY, SPECIAL_KEY, "2024/third.html"])]
    send(sqs, queue_url, *(failure_record(event) for event in events))
    invoke = Recorder()
    lines: list[str] = []

    summary = redrive(reader(sqs, queue_url), invoke, report=lines.append)

    assert sorted(map(json.dumps, invoke.payloads)) == sorted(map(json.dumps, events))
    assert (summary.received, summary.redriven, summary.failed, summary.unreadable) == (3, 3, [], [])
    assert in_queue(sqs, queue_url) == 0
    assert any(line.startswith("redriven  ") and SPECIAL_KEY in line for line in lines)


def test_a_record_that_fails_again_stays_and_is_visible_again_at_once(sqs: Any, queue_url: str) -> None:
    send(sqs, queue_url, failure_record(s3_event(TEXT_KEY)), failure_record(s3_event(SPECIAL_KEY)))

    summary = redrive(reader(sqs, queue_url), Recorder(failing_keys=(SPECIAL_KEY,)))

    assert summary.redriven == 1 and len(summary.failed) == 1 and not summary.ok
    assert SPECIAL_KEY in summary.failed[0] and "still broken" in summary.failed[0]
    (left,) = visible_bodies(sqs, queue_url)
    assert parse_record(left).keys() == [SPECIAL_KEY]


def test_dry_run_lists_every_record_and_touches_nothing(sqs: Any, queue_url: str) -> None:
    send(sqs, queue_url, *(failure_record(s3_event(f"2024/page-{n}.txt")) for n in range(12)))
    lines: list[str] = []

    def never(record: FailureRecord) -> None:
        raise AssertionError("a dry run must not invoke")

    summary = redrive(reader(sqs, queue_url), never, dry_run=True, report=lines.append)

    assert (summary.received, summary.listed, summary.redriven) == (12, 12, 0)
    assert sorted(line.split("  ", 1)[1].split(" ", 1)[0] for line in lines) == sorted(
        f"2024/page-{n}.txt" for n in range(12)
    )
    assert len(visible_bodies(sqs, queue_url)) == 12


def test_unreadable_messages_are_kept_and_reported(sqs: Any, queue_url: str) -> None:
    no_payload = failure_record(s3_event(TEXT_KEY))
    del no_payload["requestPayload"]
    send(sqs, queue_url, "not json at all", json.dumps(no_payload), failure_record(s3_event(TEXT_KEY)))

    summary = redrive(reader(sqs, queue_url), Recorder())

    assert summary.redriven == 1 and len(summary.unreadable) == 2
    assert len(visible_bodies(sqs, queue_url)) == 2


def test_max_messages_stops_the_run(sqs: Any, queue_url: str) -> None:
    send(sqs, queue_url, *(failure_record(s3_event(f"2024/page-{n}.txt")) for n in range(25)))

    summary = redrive(reader(sqs, queue_url), Recorder(), max_messages=12)

    assert summary.received == 12 and summary.redriven == 12
    assert in_queue(sqs, queue_url) == 13


def test_empty_queue_is_a_quiet_success(sqs: Any, queue_url: str) -> None:
    summary = redrive(reader(sqs, queue_url), Recorder())
    assert summary.received == 0 and summary.ok


# ------------------------------------------------------------- the records


def test_record_of_an_event_that_aged_out_has_no_response() -> None:
    record = parse_record(json.dumps(failure_record(s3_event(SPECIAL_KEY), condition="EventAgeExceeded")))

    assert record.condition == "EventAgeExceeded" and record.invoke_count == 0 and record.error == ""
    assert record.keys() == [SPECIAL_KEY]
    assert record.function_arn == f"{FUNCTION_ARN}:$LATEST"


def test_record_keeps_the_last_error() -> None:
    record = parse_record(json.dumps(failure_record(s3_event(TEXT_KEY))))
    assert record.error == "S3TransientError: S3 SlowDown: simulated"
    assert "RetriesExhausted after 3 attempts" in record.describe()


@pytest.mark.parametrize("body", ["", "[]", '{"requestContext": {}}', '{"requestContext": {"requestId": "r"}}'])
def test_what_is_not_a_record_is_refused(body: str) -> None:
    with pytest.raises(NotAFailureRecord):
        parse_record(body)


def test_region_comes_from_the_queue_url() -> None:
    assert region_of_queue("https://sqs.eu-west-1.amazonaws.com/123456789012/failed") == "eu-west-1"
    assert region_of_queue("http://localhost:4566/000000000000/failed") is None


# -------------------------------------------------------- the Lambda invoker


def stubbed_lambda() -> tuple[Any, Stubber]:
    import boto3

    client = boto3.client("lambda", region_name=REGION)
    return client, Stubber(client)


def test_lambda_invoker_invokes_asynchronously_with_the_original_event(aws_env: None) -> None:
    event = s3_event(SPECIAL_KEY, version_id="v1")
    record = parse_record(json.dumps(failure_record(event)))
    client, stub = stubbed_lambda()
    payload = json.dumps(event).encode("utf-8")
    stub.add_response(
        "invoke",
        {"StatusCode": 202},
        {"FunctionName": f"{FUNCTION_ARN}:$LATEST", "InvocationType": "Event", "Payload": payload},
    )
    stub.add_response(
        "invoke", {"StatusCode": 202}, {"FunctionName": "other-function", "InvocationType": "Event", "Payload": payload}
    )

    with stub:
        lambda_invoker(client)(record)
        lambda_invoker(client, "other-function")(record)
    stub.assert_no_pending_responses()
    assert json.loads(payload) == event


@pytest.mark.parametrize(
    ("code", "status"),
    [("TooManyRequestsException", 429), ("ResourceNotFoundException", 404), ("ServiceException", 500)],
)
def test_lambda_invoker_turns_errors_into_invoke_failed(aws_env: None, code: str, status: int) -> None:
    record = parse_record(json.dumps(failure_record(s3_event(TEXT_KEY))))
    client, stub = stubbed_lambda()
    stub.add_client_error("invoke", service_error_code=code, http_status_code=status)

    with stub, pytest.raises(InvokeFailed, match=code):
        lambda_invoker(client)(record)


# ---------------------------------------------------------------- the CLI


def test_cli_dry_run_lists_decoded_keys(sqs: Any, queue_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    send(sqs, queue_url, failure_record(s3_event(SPECIAL_KEY)))

    status = main(["redrive", "--queue-url", queue_url, "--dry-run"])

    out = capsys.readouterr().out
    assert status == 0
    assert f"would redrive  {SPECIAL_KEY} [RetriesExhausted after 3 attempts" in out
    assert "1 records received, 1 would be redriven, 0 left in the queue" in out
    assert len(visible_bodies(sqs, queue_url)) == 1


def test_cli_local_runs_the_handler_and_empties_the_queue(
    sqs: Any, queue_url: str, s3: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The event failed earlier (say S3 was throttling); the object is there now.
    for name, value in {
        "INPUT_BUCKET": INPUT_BUCKET,
        "OUTPUT_BUCKET": OUTPUT_BUCKET,
        "POWERTOOLS_SERVICE_NAME": TEST_SERVICE,
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "POWERTOOLS_METRICS_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)
    version_id = s3.put_object(Bucket=INPUT_BUCKET, Key=SPECIAL_KEY, Body=sample(SPECIAL_KEY))["VersionId"]
    send(sqs, queue_url, failure_record(s3_event(SPECIAL_KEY, version_id=version_id)))

    status = main(["redrive", "--queue-url", queue_url, "--local"])

    assert status == 0, capsys.readouterr()
    assert output_keys(s3) == [f"outcomes/{SPECIAL_KEY}.json"]
    assert in_queue(sqs, queue_url) == 0


def test_cli_keeps_the_record_when_the_function_is_missing(
    sqs: Any, queue_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    send(sqs, queue_url, failure_record(s3_event(TEXT_KEY)))

    status = main(["redrive", "--queue-url", queue_url, "--function", "no-such-function"])

    assert status == 1
    assert "failed  " in capsys.readouterr().out
    assert len(visible_bodies(sqs, queue_url)) == 1


def test_cli_local_without_output_bucket_cannot_start(
    sqs: Any, queue_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OUTPUT_BUCKET", raising=False)
    send(sqs, queue_url, failure_record(s3_event(TEXT_KEY)))

    assert main(["redrive", "--queue-url", queue_url, "--local"]) == 2
    assert "OUTPUT_BUCKET" in capsys.readouterr().err
    assert in_queue(sqs, queue_url) == 1


def test_cli_unknown_queue_cannot_start(aws_env: None, s3: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"https://sqs.{REGION}.amazonaws.com/123456789012/no-such-queue"
    assert main(["redrive", "--queue-url", url, "--dry-run"]) == 2
    assert "newsclean redrive:" in capsys.readouterr().err
