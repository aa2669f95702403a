"""Outcome keys and the order of source versions (newsclean.aws.records): pure functions, no S3."""

from __future__ import annotations

import hashlib

import pytest

from newsclean.aws.records import (
    HASHED_OUTCOME_PREFIX,
    MAX_KEY_BYTES,
    OUTCOME_PREFIX,
    OutcomeKind,
    SourceStamp,
    outcome_key,
    sequencer_order,
    version_label,
)


def test_outcome_key_is_the_input_key_under_outcomes() -> None:
    assert outcome_key("2024/bridge.txt") == "outcomes/2024/bridge.txt.json"
    assert outcome_key("rejected/x") == "outcomes/rejected/x.json"
    assert outcome_key("batch-operations/manifests/job.csv") == "outcomes/batch-operations/manifests/job.csv.json"


@pytest.mark.parametrize(
    "keys",
    [
        ("x", "rejected/x"),
        ("x", "x.json"),
        ("a", "outcomes/a"),
        ("a" * 1011, "a" * 1010),
        ("é" * 505, "e" * 1010),
    ],
)
def test_no_two_input_keys_share_an_outcome_key(keys: tuple[str, str]) -> None:
    first, second = (outcome_key(key) for key in keys)
    assert first != second


def test_no_outcome_key_is_a_tools_file() -> None:
    for key in ("batch-operations/reports/job-1/manifest.json", "", "/", "../x"):
        assert outcome_key(key).startswith((OUTCOME_PREFIX, HASHED_OUTCOME_PREFIX))


def test_a_key_whose_outcome_key_would_pass_the_limit_is_hashed() -> None:
    fits = "k" * (MAX_KEY_BYTES - len("outcomes/.json"))
    over = fits + "k"
    assert outcome_key(fits) == f"outcomes/{fits}.json" and len(outcome_key(fits)) == MAX_KEY_BYTES
    assert outcome_key(over) == f"outcomes-by-hash/{hashlib.sha256(over.encode()).hexdigest()}.json"


def test_the_limit_is_counted_in_utf8_bytes() -> None:
    key = "ü" * 506  # 1,012 bytes, 506 characters
    assert outcome_key(key).startswith(HASHED_OUTCOME_PREFIX)


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("0055AED6DCD90281E5", "0055AED6DCD90281E6"),
        ("0055AED6DCD90281E5", "0055AED6DCD90281E501"),
        ("0055AED6DCD90281E400", "0055AED6DCD90281E5"),  # S3: pad the shorter on the right, then compare
        ("9", "A"),
        ("0a", "0B"),  # hexadecimal, whatever the case
    ],
)
def test_sequencers_order_as_s3_documents(earlier: str, later: str) -> None:
    assert sequencer_order(earlier) < sequencer_order(later)
    assert SourceStamp(sequencer=later).supersedes(SourceStamp(sequencer=earlier))
    assert not SourceStamp(sequencer=earlier).supersedes(SourceStamp(sequencer=later))


def test_the_same_version_supersedes_itself_whatever_the_sequencer() -> None:
    # A backfill of the version an upload already cleaned (with a newer cleaner) replaces it.
    upload = SourceStamp(version_id="v1", sequencer="00FF", last_modified="2024-05-06T07:08:09Z")
    backfill = SourceStamp(version_id="v1", last_modified="2024-05-06T07:08:09Z")
    assert backfill.supersedes(upload) and upload.supersedes(backfill) and upload.supersedes(upload)


def test_without_two_sequencers_the_later_last_modified_wins() -> None:
    old = SourceStamp(version_id="v1", sequencer="00FF", last_modified="2024-05-06T07:08:09Z")
    new = SourceStamp(version_id="v2", last_modified="2024-05-06T07:08:10Z")
    assert new.supersedes(old) and not old.supersedes(new)


def test_with_nothing_to_compare_the_newer_write_wins() -> None:
    assert SourceStamp().supersedes(SourceStamp(version_id="v1"))


def test_unversioned_objects_are_never_the_same_version() -> None:
    # "null" is S3's version id of every object in an unversioned bucket: it says nothing.
    assert version_label("null") is None and version_label("") is None and version_label("v1") == "v1"
    older = SourceStamp(version_id=version_label("null"), sequencer="01")
    newer = SourceStamp(version_id=version_label("null"), sequencer="02")
    assert not older.supersedes(newer)


def test_metadata_round_trips_and_holds_no_empty_field() -> None:
    stamp = SourceStamp(version_id="3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", sequencer="0055AED6DCD90281E5")
    metadata = stamp.metadata(OutcomeKind.REJECTED)
    assert metadata == {
        "outcome": "rejected",
        "source-version-id": "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
        "source-sequencer": "0055AED6DCD90281E5",
    }
    assert SourceStamp.of_metadata(metadata) == stamp
