"""The S3 Batch Operations handler against moto, with the invocation shapes of schema 1.0 and 2.0.

Shapes as the S3 User Guide ("Invoke AWS Lambda function") gives them: 1.0
names the bucket by ARN (``s3BucketArn``), 2.0 by name (``s3Bucket``) and may
carry ``job.userArguments``; ``s3Key`` is URL-encoded as in the manifest;
``s3VersionId`` is a version id or null.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType
from typing import Any
from urllib.parse import quote_plus

import pytest
from botocore.exceptions import ClientError

from newsclean.aws.batch import InvalidInvocation
from newsclean.aws.records import outcome_key
from tests.conftest import (
    INPUT_BUCKET,
    OUTPUT_BUCKET,
    REPO,
    TEST_SERVICE,
    Context,
    LoadApp,
    outcome,
    output_keys,
    s3_event,
    sample,
)

BATCH_HANDLER = REPO / "functions" / "batch_operations" / "app.py"
TEXT_KEY = "2024/harbour-bridge-reopens.txt"
HTML_KEY = "2024/library-roof-appeal.html"
PNG_KEY = "bad/masthead.png"
SPECIAL_KEY = "2024/Café Marée + lifeboat crew (gallery) %28v2%29.txt"
JOB_ID = "6b1c0a52-3f0e-4d8a-9a57-2f1e5c7d9b10"
INVOCATION_ID = "aW52b2NhdGlvbi1mb3ItbmV3c2NsZWFuLXRlc3Rz"

LoadBatch = Callable[..., ModuleType]


@pytest.fixture
def load_batch(s3: Any, monkeypatch: pytest.MonkeyPatch) -> LoadBatch:
    """Import the batch handler fresh (its cold start) with the given environment."""

    def load(**env: str | None) -> ModuleType:
        settings: dict[str, str | None] = {
            "INPUT_BUCKET": INPUT_BUCKET,
            "OUTPUT_BUCKET": OUTPUT_BUCKET,
            "POWERTOOLS_SERVICE_NAME": TEST_SERVICE,
            "POWERTOOLS_METRICS_NAMESPACE": "newsclean-test",
            "POWERTOOLS_LOG_LEVEL": "INFO",
            "ENABLE_TRACING": None,
            "MAX_INPUT_BYTES": None,
            **env,
        }
        for name, value in settings.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        spec = importlib.util.spec_from_file_location("batch_operations_app", BATCH_HANDLER)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def batch(load_batch: LoadBatch) -> ModuleType:
    return load_batch()


def task(key: str, version_id: str | None, *, schema: str, bucket: str = INPUT_BUCKET, task_id: str = "") -> dict:
    """One task as Batch Operations sends it: the key URL-encoded, the bucket by ARN (1.0) or name (2.0)."""
    entry: dict[str, Any] = {
        "taskId": task_id or f"dGFzay1{len(key):03d}",
        "s3Key": quote_plus(key, safe="/"),
        "s3VersionId": version_id,
    }
    if schema == "1.0":
        entry["s3BucketArn"] = f"arn:aws:s3:::{bucket}"
    else:
        entry["s3Bucket"] = bucket
    return entry


def invocation(schema: str, *tasks: dict, user_arguments: dict[str, str] | None = None) -> dict[str, Any]:
    job: dict[str, Any] = {"id": JOB_ID}
    if user_arguments is not None:
        job["userArguments"] = user_arguments
    return {"invocationSchemaVersion": schema, "invocationId": INVOCATION_ID, "job": job, "tasks": list(tasks)}


def upload(s3: Any, key: str, body: bytes | None = None) -> str:
    """Put ``key`` in the versioned input bucket; its version id."""
    return s3.put_object(Bucket=INPUT_BUCKET, Key=key, Body=sample(key) if body is None else body)["VersionId"]


def read_json(s3: Any, key: str) -> dict[str, Any]:
    return json.loads(s3.get_object(Bucket=OUTPUT_BUCKET, Key=key)["Body"].read())


def only_result(response: dict[str, Any]) -> dict[str, str]:
    (result,) = response["results"]
    return result


def client_error(code: str, status: int, operation: str) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": f"simulated {code}"}, "ResponseMetadata": {"HTTPStatusCode": status}},
        operation,
    )


def failing(exc: Exception) -> Callable[..., Any]:
    def call(**kwargs: Any) -> Any:
        raise exc

    return call


# ------------------------------------------------------------ the two schemas


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_task_writes_the_article_and_answers_succeeded(
    batch: ModuleType, s3: Any, context: Context, schema: str
) -> None:
    version_id = upload(s3, TEXT_KEY)
    event = invocation(schema, task(TEXT_KEY, version_id, schema=schema, task_id="dGFza2lkZ29lc2hlcmUK"))

    response = batch.lambda_handler(event, context)

    assert response == {
        "invocationSchemaVersion": schema,
        "treatMissingKeysAs": "PermanentFailure",
        "invocationId": INVOCATION_ID,
        "results": [
            {
                "taskId": "dGFza2lkZ29lc2hlcmUK",
                "resultCode": "Succeeded",
                "resultString": f"article s3://{OUTPUT_BUCKET}/outcomes/{TEXT_KEY}.json",
            }
        ],
    }
    json.dumps(response)  # the answer must be plain JSON
    document = outcome(s3, TEXT_KEY)
    assert document["source"]["bucket"] == INPUT_BUCKET
    assert document["source"]["key"] == TEXT_KEY
    assert document["source"]["version_id"] == version_id
    assert output_keys(s3) == [outcome_key(TEXT_KEY)]


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_url_encoded_key_is_decoded(batch: ModuleType, s3: Any, context: Context, schema: str) -> None:
    version_id = upload(s3, SPECIAL_KEY)
    entry = task(SPECIAL_KEY, version_id, schema=schema)
    assert "+%2B+" in entry["s3Key"] and "%28gallery%29" in entry["s3Key"] and "%2528v2%2529" in entry["s3Key"]

    result = only_result(batch.lambda_handler(invocation(schema, entry), context))

    assert result["resultCode"] == "Succeeded"
    assert output_keys(s3) == [outcome_key(SPECIAL_KEY)]
    assert outcome(s3, SPECIAL_KEY)["source"]["key"] == SPECIAL_KEY


def test_bucket_arn_with_region_and_account_fields_is_read(batch: ModuleType, s3: Any, context: Context) -> None:
    # The Lambda guide's own 1.0 example spells the ARN with region and account.
    version_id = upload(s3, TEXT_KEY)
    entry = task(TEXT_KEY, version_id, schema="1.0")
    entry["s3BucketArn"] = f"arn:aws:s3:us-east-1:123456789012:{INPUT_BUCKET}"

    assert only_result(batch.lambda_handler(invocation("1.0", entry), context))["resultCode"] == "Succeeded"


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_the_named_version_is_the_one_cleaned(batch: ModuleType, s3: Any, context: Context, schema: str) -> None:
    first = upload(s3, TEXT_KEY)
    upload(s3, TEXT_KEY, sample(HTML_KEY))  # a newer version at the same key

    batch.lambda_handler(invocation(schema, task(TEXT_KEY, first, schema=schema)), context)

    document = outcome(s3, TEXT_KEY)
    assert document["source"]["version_id"] == first
    assert document["source"]["format"] == "text"


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_null_version_reads_the_current_object(batch: ModuleType, s3: Any, context: Context, schema: str) -> None:
    upload(s3, TEXT_KEY, sample(HTML_KEY))
    latest = upload(s3, TEXT_KEY)

    result = only_result(batch.lambda_handler(invocation(schema, task(TEXT_KEY, None, schema=schema)), context))

    assert result["resultCode"] == "Succeeded"
    assert outcome(s3, TEXT_KEY)["source"]["version_id"] == latest


def test_every_task_of_an_invocation_gets_its_result_in_order(batch: ModuleType, s3: Any, context: Context) -> None:
    tasks = [
        task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0", task_id="first"),
        task(PNG_KEY, upload(s3, PNG_KEY), schema="2.0", task_id="second"),
        task(HTML_KEY, upload(s3, HTML_KEY), schema="2.0", task_id="third"),
    ]

    response = batch.lambda_handler(invocation("2.0", *tasks, user_arguments={}), context)

    codes = [(result["taskId"], result["resultCode"]) for result in response["results"]]
    assert codes == [("first", "Succeeded"), ("second", "PermanentFailure"), ("third", "Succeeded")]


def test_backfill_writes_what_an_upload_writes(batch: ModuleType, load_app: LoadApp, s3: Any, context: Context) -> None:
    version_id = upload(s3, SPECIAL_KEY)
    batch.lambda_handler(invocation("1.0", task(SPECIAL_KEY, version_id, schema="1.0")), context)
    from_batch = outcome(s3, SPECIAL_KEY)
    s3.delete_object(Bucket=OUTPUT_BUCKET, Key=outcome_key(SPECIAL_KEY))

    load_app().lambda_handler(s3_event(SPECIAL_KEY, version_id=version_id), context)

    # The same document, but for the event's sequencer, which a task does not have.
    from_upload = outcome(s3, SPECIAL_KEY)
    assert from_upload["source"].pop("sequencer") == s3_event(SPECIAL_KEY)["Records"][0]["s3"]["object"]["sequencer"]
    assert from_batch["source"].pop("sequencer") is None
    assert from_upload == from_batch


# ------------------------------------------------------------------ failures


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_rejected_input_is_a_permanent_failure_with_its_record_written(
    batch: ModuleType, s3: Any, context: Context, schema: str
) -> None:
    version_id = upload(s3, PNG_KEY)

    result = only_result(batch.lambda_handler(invocation(schema, task(PNG_KEY, version_id, schema=schema)), context))

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("rejected binary: ")
    assert result["resultString"].endswith(f"(record s3://{OUTPUT_BUCKET}/outcomes/{PNG_KEY}.json)")
    record = outcome(s3, PNG_KEY)
    assert record["outcome"] == "rejected" and record["reason"] == "binary"
    assert record["source"]["version_id"] == version_id


def test_user_arguments_can_count_rejections_as_successes(batch: ModuleType, s3: Any, context: Context) -> None:
    entry = task(PNG_KEY, upload(s3, PNG_KEY), schema="2.0")

    result = only_result(
        batch.lambda_handler(invocation("2.0", entry, user_arguments={"rejectedAs": "Succeeded"}), context)
    )

    assert result["resultCode"] == "Succeeded"
    assert result["resultString"].startswith("rejected binary: ")
    assert output_keys(s3) == [outcome_key(PNG_KEY)]


@pytest.mark.parametrize(
    "arguments", [{"rejectAs": "Succeeded"}, {"rejectedAs": "TemporaryFailure"}, {"rejectedAs": "yes"}]
)
def test_unknown_user_arguments_fail_every_task_and_touch_nothing(
    batch: ModuleType, s3: Any, context: Context, arguments: dict[str, str]
) -> None:
    entries = [task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0", task_id=f"t{n}") for n in range(2)]

    response = batch.lambda_handler(invocation("2.0", *entries, user_arguments=arguments), context)

    assert [result["resultCode"] for result in response["results"]] == ["PermanentFailure"] * 2
    assert all("InvalidUserArguments" in result["resultString"] for result in response["results"])
    assert output_keys(s3) == []


@pytest.mark.parametrize(
    ("code", "status"), [("SlowDown", 503), ("InternalError", 500), ("RequestTimeout", 400), ("Throttling", 429)]
)
def test_transient_s3_error_is_a_temporary_failure(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch, code: str, status: int
) -> None:
    entry = task(TEXT_KEY, upload(s3, TEXT_KEY), schema="1.0")
    monkeypatch.setattr(batch.HANDLER.store.client, "get_object", failing(client_error(code, status, "GetObject")))

    result = only_result(batch.lambda_handler(invocation("1.0", entry), context))

    assert result["resultCode"] == "TemporaryFailure"
    assert result["resultString"].startswith("transient S3 error: ") and code in result["resultString"]
    assert output_keys(s3) == []


def test_transient_error_writing_the_output_is_a_temporary_failure(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0")
    monkeypatch.setattr(batch.HANDLER.store.client, "put_object", failing(client_error("SlowDown", 503, "PutObject")))

    assert only_result(batch.lambda_handler(invocation("2.0", entry), context))["resultCode"] == "TemporaryFailure"


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_object_deleted_before_the_task_is_a_permanent_failure(
    batch: ModuleType, s3: Any, context: Context, schema: str
) -> None:
    entry = task("2024/gone.txt", None, schema=schema)

    result = only_result(batch.lambda_handler(invocation(schema, entry), context))

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("rejected object_missing: ")
    assert outcome(s3, "2024/gone.txt")["reason"] == "object_missing"


def test_unknown_version_is_a_permanent_failure(batch: ModuleType, s3: Any, context: Context) -> None:
    upload(s3, TEXT_KEY)
    entry = task(TEXT_KEY, "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", schema="1.0")

    result = only_result(batch.lambda_handler(invocation("1.0", entry), context))

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("rejected object_missing: ")


def test_unexpected_error_is_reported_not_raised(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    # AccessDenied on the output bucket is a deployment fault, not the object's:
    # the adapter leaves it untranslated, and the report names it.
    entry = task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0")
    monkeypatch.setattr(
        batch.HANDLER.store.client, "put_object", failing(client_error("AccessDenied", 403, "PutObject"))
    )

    result = only_result(batch.lambda_handler(invocation("2.0", entry), context))

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("error ClientError: ") and "AccessDenied" in result["resultString"]


def test_task_on_the_output_bucket_is_refused(batch: ModuleType, s3: Any, context: Context) -> None:
    s3.put_object(Bucket=OUTPUT_BUCKET, Key="loop.txt", Body=sample(TEXT_KEY))

    result = only_result(
        batch.lambda_handler(invocation("2.0", task("loop.txt", None, schema="2.0", bucket=OUTPUT_BUCKET)), context)
    )

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("refused (configuration): s3://newsclean-output-test is OUTPUT_BUCKET")
    assert output_keys(s3) == ["loop.txt"]


@pytest.mark.parametrize("schema", ["1.0", "2.0"])
def test_task_on_another_bucket_is_refused_and_touches_nothing(
    batch: ModuleType, s3: Any, context: Context, schema: str
) -> None:
    s3.create_bucket(Bucket="someone-elses-pages")
    s3.put_object(Bucket="someone-elses-pages", Key=TEXT_KEY, Body=sample(TEXT_KEY))
    upload(s3, TEXT_KEY)
    entry = task(TEXT_KEY, None, schema=schema, bucket="someone-elses-pages")
    batch.lambda_handler(invocation(schema, task(TEXT_KEY, None, schema=schema)), context)
    before = outcome(s3, TEXT_KEY)

    result = only_result(batch.lambda_handler(invocation(schema, entry), context))

    assert result["resultCode"] == "PermanentFailure"
    assert result["resultString"].startswith("refused (configuration): s3://someone-elses-pages is not INPUT_BUCKET")
    assert output_keys(s3) == [outcome_key(TEXT_KEY)] and outcome(s3, TEXT_KEY) == before


def test_refused_tasks_are_logged_and_counted(
    capsys: pytest.CaptureFixture[str], load_batch: LoadBatch, s3: Any, context: Context
) -> None:
    batch = load_batch()
    capsys.readouterr()

    batch.lambda_handler(invocation("2.0", task(TEXT_KEY, None, schema="2.0", bucket="elsewhere")), context)

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    (refused,) = [line for line in lines if line.get("message") == "Task refused"]
    assert refused["level"] == "ERROR" and refused["reason"] == "configuration" and refused["bucket"] == "elsewhere"
    assert sum(sum(blob.get("TasksRefused", [])) for blob in lines) == 1


def test_folder_placeholder_is_skipped(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch.HANDLER.store.client, "get_object", failing(AssertionError("a folder must not be read")))

    result = only_result(batch.lambda_handler(invocation("1.0", task("2024/", None, schema="1.0")), context))

    assert result == {
        "taskId": result["taskId"],
        "resultCode": "Succeeded",
        "resultString": "skipped: folder placeholder",
    }


def test_long_messages_are_cut_for_the_report(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0")
    monkeypatch.setattr(batch.HANDLER.store.client, "put_object", failing(RuntimeError("x" * 5000)))

    result = only_result(batch.lambda_handler(invocation("2.0", entry), context))

    assert len(result["resultString"]) == 1000 and result["resultString"].endswith("…")


@pytest.mark.parametrize(
    "event",
    [
        {"Records": []},
        {"invocationSchemaVersion": "3.0", "invocationId": "x", "job": {"id": "j"}, "tasks": []},
        {"invocationSchemaVersion": "1.0", "invocationId": "x", "job": {"id": "j"}},
        {"invocationSchemaVersion": "1.0", "invocationId": "x", "job": {"id": "j"}, "tasks": [{"taskId": "t"}]},
        {"invocationSchemaVersion": "1.0", "invocationId": "x", "job": "j", "tasks": []},
        {
            "invocationSchemaVersion": "1.0",
            "invocationId": "x",
            "job": {"id": "j"},
            "tasks": [{"taskId": "t", "s3Key": "k", "s3VersionId": None, "s3BucketArn": "bucket"}],
        },
    ],
)
@pytest.mark.filterwarnings("ignore:No application metrics")
def test_an_event_that_is_not_an_invocation_is_refused(batch: ModuleType, context: Context, event: dict) -> None:
    with pytest.raises(InvalidInvocation):
        batch.lambda_handler(event, context)


def test_a_rejection_is_replaced_by_the_article_of_a_newer_version(
    batch: ModuleType, s3: Any, context: Context
) -> None:
    # The key held an image once (rejected); a backfill after the page replaced it leaves one outcome.
    old = upload(s3, TEXT_KEY, sample(PNG_KEY))
    batch.lambda_handler(invocation("2.0", task(TEXT_KEY, old, schema="2.0")), context)
    assert outcome(s3, TEXT_KEY)["outcome"] == "rejected"
    entry = task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0")

    assert only_result(batch.lambda_handler(invocation("2.0", entry), context))["resultCode"] == "Succeeded"
    assert output_keys(s3) == [outcome_key(TEXT_KEY)] and outcome(s3, TEXT_KEY)["outcome"] == "article"


def test_a_task_for_an_older_version_than_the_outcome_is_skipped(
    batch: ModuleType, s3: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = upload(s3, TEXT_KEY)
    # S3's Last-Modified has one second's grain: the newer version is uploaded a second later.
    newer = upload(s3, TEXT_KEY, sample(PNG_KEY))
    batch.lambda_handler(invocation("2.0", task(TEXT_KEY, newer, schema="2.0")), context)
    before = outcome(s3, TEXT_KEY)
    stamp_read = batch.HANDLER.store.read

    def read_a_second_earlier(bucket: str, key: str, version_id: str | None = None) -> Any:
        obj = stamp_read(bucket, key, version_id=version_id)
        assert version_id == old
        return replace(obj, last_modified="2000-01-01T00:00:00Z")

    monkeypatch.setattr(batch.HANDLER.store, "read", read_a_second_earlier)

    result = only_result(batch.lambda_handler(invocation("2.0", task(TEXT_KEY, old, schema="2.0")), context))

    assert result["resultCode"] == "Succeeded" and result["resultString"].startswith("skipped: stale")
    assert outcome(s3, TEXT_KEY) == before


# ------------------------------------------------------- logs and metrics


def test_metrics_and_logs_name_the_job_and_the_task(
    capsys: pytest.CaptureFixture[str], load_batch: LoadBatch, s3: Any, context: Context
) -> None:
    batch = load_batch()  # after capsys, so the logger writes where capsys reads
    event = invocation(
        "2.0",
        task(TEXT_KEY, upload(s3, TEXT_KEY), schema="2.0", task_id="article-task"),
        task(PNG_KEY, upload(s3, PNG_KEY), schema="2.0", task_id="png-task"),
    )
    capsys.readouterr()

    batch.lambda_handler(event, context)

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    (blob,) = [line for line in lines if "_aws" in line]
    assert blob["TasksReceived"] == [2.0]
    assert blob["TasksSucceeded"] == [1.0] and blob["TasksPermanentFailure"] == [1.0]
    assert blob["ArticlesWritten"] == [1.0] and blob["Rejections"] == [1.0]
    warning = next(line for line in lines if line.get("level") == "WARNING")
    assert warning["job_id"] == JOB_ID and warning["task_id"] == "png-task" and warning["key"] == PNG_KEY
    assert warning["result_code"] == "PermanentFailure"
