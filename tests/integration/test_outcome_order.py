"""One outcome per key, the newest version's: out-of-order events, deleted versions, racing writers, long keys.

The handler against moto, which enforces S3's conditional writes (``If-None-Match: *`` and
``If-Match`` answer ``PreconditionFailed``) but not S3's 1,024-byte key limit: a thin client
wrapper adds that limit where a test needs it. What only a real bucket proves: that S3 answers
two conditional writes racing on one key with ``ConditionalRequestConflict`` (409) or
``PreconditionFailed`` (412) for the loser, never two successes; the code treats both alike.
"""

from __future__ import annotations

import hashlib
import threading
from types import ModuleType
from typing import Any

import pytest
from botocore.exceptions import ClientError

from newsclean.aws.job import MAX_WRITE_CONFLICTS
from newsclean.aws.records import MAX_KEY_BYTES, outcome_key
from newsclean.aws.s3 import S3TransientError
from tests.conftest import INPUT_BUCKET, Context, LoadApp, PutObject, outcome, output_keys, sample

KEY = "2024/harbour-bridge-reopens.txt"
PAGE = sample(KEY)
PNG = sample("bad/masthead.png")


def version_of(event: dict[str, Any]) -> str:
    return str(event["Records"][0]["s3"]["object"]["versionId"])


# ------------------------------------------------------------------ out of order


def test_an_older_versions_event_after_the_newer_ones_is_skipped(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    # v1 a page, v2 an image; v2's event is handled first, v1's arrives late (a retry, a redrive).
    first, second = put_object(KEY, PAGE), put_object(KEY, PNG)
    app.lambda_handler(second, context)

    result = app.lambda_handler(first, context)

    assert (result["articles"], result["rejected"], result["skipped"], result["stale"]) == (0, 0, 1, 1)
    assert output_keys(s3) == [outcome_key(KEY)]
    current = outcome(s3, KEY)
    assert (current["outcome"], current["source"]["version_id"]) == ("rejected", version_of(second))


def test_a_newer_versions_event_replaces_the_older_outcome(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    first, second = put_object(KEY, PAGE), put_object(KEY, PNG)
    app.lambda_handler(first, context)

    app.lambda_handler(second, context)

    assert outcome(s3, KEY)["source"]["version_id"] == version_of(second)


def test_a_deleted_old_version_never_replaces_the_current_outcome(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    # v1's retry comes after v1 was deleted for good: NoSuchVersion is about v1, not about the key.
    first, second = put_object(KEY, PAGE), put_object(KEY, sample("2024/library-roof-appeal.html"))
    app.lambda_handler(second, context)
    before = outcome(s3, KEY)
    s3.delete_object(Bucket=INPUT_BUCKET, Key=KEY, VersionId=version_of(first))

    result = app.lambda_handler(first, context)

    assert result["stale"] == 1
    assert outcome(s3, KEY) == before and before["outcome"] == "article"


def test_a_deleted_version_fills_only_an_empty_place(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    # The same redelivery of v1 after v1's own article was written: the article stays.
    event = put_object(KEY, PAGE)
    app.lambda_handler(event, context)
    before = outcome(s3, KEY)
    s3.delete_object(Bucket=INPUT_BUCKET, Key=KEY, VersionId=version_of(event))

    app.lambda_handler(event, context)

    assert outcome(s3, KEY) == before


def test_a_newer_version_also_replaces_an_outcome_written_before_outcomes_had_metadata(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context
) -> None:
    # An object with no stamp (written by hand, or by an older deployment) is no reason to stop.
    s3.put_object(Bucket="newsclean-output-test", Key=outcome_key(KEY), Body=b"{}")

    app.lambda_handler(put_object(KEY, PAGE), context)

    assert outcome(s3, KEY)["outcome"] == "article"


def test_a_stale_event_is_logged_and_counted(
    capsys: pytest.CaptureFixture[str], load_app: LoadApp, s3: Any, put_object: PutObject, context: Context
) -> None:
    import json

    app = load_app()
    first, second = put_object(KEY, PAGE), put_object(KEY, PNG)
    app.lambda_handler(second, context)
    capsys.readouterr()

    app.lambda_handler(first, context)

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    (skipped,) = [line for line in lines if line.get("message", "").startswith("Stale event skipped")]
    assert skipped["version_id"] == version_of(first) and skipped["key"] == KEY
    assert sum(sum(line.get("StaleEventsSkipped", [])) for line in lines) == 1


# ------------------------------------------------------------------ two writers at once


class LookThenWait:
    """The handler's S3 client, made to stop after its look (HEAD) until told to write.

    Two invocations running this each look before either writes: the interleaving that, with
    "delete the other kind, then write", left two outcomes.
    """

    def __init__(self, client: Any, looked: threading.Barrier, turn: threading.Event) -> None:
        self._client = client
        self._looked = looked
        self._turn = turn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def head_object(self, **params: Any) -> Any:
        try:
            return self._client.head_object(**params)
        finally:
            if not self._turn.is_set():
                self._looked.wait(timeout=30)
                self._turn.wait(timeout=30)


@pytest.mark.parametrize("first_writer", ["newer", "older"])
def test_two_invocations_racing_on_one_key_leave_the_newer_versions_outcome(
    load_app: LoadApp, s3: Any, put_object: PutObject, context: Context, first_writer: str
) -> None:
    older_event, newer_event = put_object(KEY, PAGE), put_object(KEY, PNG)
    apps = {"older": load_app(), "newer": load_app()}
    looked = threading.Barrier(3)  # the two invocations, once each has looked, and this test
    turns = {name: threading.Event() for name in apps}
    for name, app in apps.items():
        app.HANDLER.store.client = LookThenWait(app.HANDLER.store.client, looked, turns[name])
    results: dict[str, Any] = {}

    def run(name: str, event: dict[str, Any]) -> None:
        try:
            results[name] = apps[name].lambda_handler(event, context)
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            results[name] = exc

    threads = {
        "older": threading.Thread(target=run, args=("older", older_event)),
        "newer": threading.Thread(target=run, args=("newer", newer_event)),
    }
    for thread in threads.values():
        thread.start()
    second_writer = "older" if first_writer == "newer" else "newer"
    looked.wait(timeout=60)  # both have looked and seen no outcome; now one writes, then the other
    turns[first_writer].set()
    threads[first_writer].join(timeout=60)
    turns[second_writer].set()
    threads[second_writer].join(timeout=60)

    assert not any(isinstance(result, Exception) for result in results.values()), results
    assert output_keys(s3) == [outcome_key(KEY)]
    current = outcome(s3, KEY)
    assert (current["outcome"], current["source"]["version_id"]) == ("rejected", version_of(newer_event))
    assert results["newer"]["rejected"] == 1
    # Written first, the older one was an outcome for a moment; written second, it was refused.
    assert (results["older"]["articles"], results["older"]["stale"]) == ((1, 0) if first_writer == "older" else (0, 1))


def test_a_writer_that_keeps_losing_the_race_fails_as_transient(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def always_conflicting(**params: Any) -> Any:
        calls.append(params)
        error = {"Code": "ConditionalRequestConflict", "Message": "simulated"}
        raise ClientError({"Error": error, "ResponseMetadata": {"HTTPStatusCode": 409}}, "PutObject")

    monkeypatch.setattr(app.HANDLER.store.client, "put_object", always_conflicting)

    with pytest.raises(S3TransientError, match="conditional writes lost"):
        app.lambda_handler(put_object(KEY, PAGE), context)

    assert len(calls) == MAX_WRITE_CONFLICTS
    assert all(call.get("IfNoneMatch") == "*" for call in calls)


# ------------------------------------------------------------------ keys near S3's limit


class KeyLimitedS3:
    """The handler's S3 client, refusing keys over 1,024 bytes as S3 does (moto does not)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        call = getattr(self._client, name)

        def limited(**params: Any) -> Any:
            if len(str(params.get("Key", "")).encode()) > MAX_KEY_BYTES:
                error = {"Code": "KeyTooLongError", "Message": "Your key is too long"}
                raise ClientError({"Error": error, "ResponseMetadata": {"HTTPStatusCode": 400}}, name)
            return call(**params)

        return limited


@pytest.mark.parametrize("length", [1009, 1010, 1011, 1024])
def test_an_input_key_near_the_limit_gets_an_outcome_key_within_it(
    app: ModuleType, s3: Any, put_object: PutObject, context: Context, length: int
) -> None:
    key = "2024/" + "é" * ((length - 9) // 2) + "x" * ((length - 9) % 2) + ".txt"
    assert len(key.encode()) == length
    app.HANDLER.store.client = KeyLimitedS3(app.HANDLER.store.client)

    result = app.lambda_handler(put_object(key, PAGE), context)

    assert result["articles"] == 1
    (written,) = output_keys(s3)
    assert len(written.encode()) <= MAX_KEY_BYTES and written == outcome_key(key)
    if length + len("outcomes/.json") > MAX_KEY_BYTES:
        assert written == f"outcomes-by-hash/{hashlib.sha256(key.encode()).hexdigest()}.json"
    assert outcome(s3, key)["source"]["key"] == key
