"""Faults and load through the local runner: every object accounted for.

A few hundred objects — articles in every format, and the catalogue's bad inputs —
go through ``run_local`` with a 10% fault rate: S3 reads, looks and writes fail
with SlowDown, invocations crash after their read, S3 delivers events twice, keys
are uploaded again during the run and the old version's event is delivered once
more after the new one's. Lambda's asynchronous semantics (two retries, then the
on-failure destination) must leave the newest version of each key with exactly one
outcome on disk, none lost, none doubled, none half-written, none an older
version's, and each outcome the same one a run without faults gives.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsclean.aws.records import outcome_key
from newsclean.tools.cli import main
from newsclean.tools.local import FaultPlan, RunSummary, failed_version, run_local
from newsclean.tools.redrive import parse_record
from tests.reliability import pages
from tests.reliability.catalogue import CATALOGUE
from tests.schemas import article_validator, rejection_validator

OBJECTS = 300
VOLATILE_SOURCE = ("version_id", "sequencer", "last_modified")
FAIL_RATE = 0.1
SEED = 6
# Key shapes scrapers produce: spaces, plus signs, percent signs, non-ASCII.
NAMES = ("story {n}", "story+{n}", "story %28{n}%29", "färja {n} — ö", "a b+c%d {n}")
GOOD = (
    (".txt", lambda: pages.text_dump().encode()),
    (".html", lambda: pages.html_page().encode()),
    (".json", lambda: pages.json_record().encode()),
    (".txt.gz", lambda: gzip.compress(pages.text_dump().encode(), mtime=0)),
)
BAD = tuple(case for case in CATALOGUE if not case.heavy)


def scraper_folder(root: Path, count: int) -> list[str]:
    """``count`` files under ``root``: three articles for every bad input. Returns their keys."""
    keys = []
    for n in range(count):
        if n % 4 == 3:
            case = BAD[(n // 4) % len(BAD)]
            suffix, data = Path(case.filename).suffix or ".bin", case.make()
        else:
            suffix, make = GOOD[n % len(GOOD)]
            data = make()
        key = f"day-{n % 5}/{NAMES[n % len(NAMES)].format(n=n)}{suffix}"
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        keys.append(key)
    return keys


def outcomes_on_disk(out: Path, keys: list[str], newest: dict[str, str | None]) -> dict[str, list[str]]:
    """What each key's newest version became on disk: "article" or "rejected" (its outcome file, when
    made from that version) and "failed" (its failure record, when for that version); those that exist."""
    found: dict[str, list[str]] = {}
    for key in keys:
        kinds = []
        outcome_path = out / outcome_key(key)
        if outcome_path.is_file():
            document = json.loads(outcome_path.read_text(encoding="utf-8"))  # parses: never half-written
            if document["source"]["version_id"] == newest[key]:
                kinds.append(document["outcome"])
        failed_path = out / "failed" / f"{key}.json"
        if failed_path.is_file() and failed_version(failed_path) == newest[key]:
            kinds.append("failed")
        found[key] = kinds
    return found


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """An outcome without what differs from run to run: version ids, sequencers, times."""
    source = {name: value for name, value in document["source"].items() if name not in VOLATILE_SOURCE}
    return {**document, "source": source}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("scraped")
    return root, scraper_folder(root, OBJECTS)


@pytest.fixture(scope="module")
def clean_run(folder: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("out-without-faults")
    return out, run_local([folder[0]], out, log_level="CRITICAL")


@pytest.fixture(scope="module")
def faulty_run(folder: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("out-with-faults")
    return out, run_local([folder[0]], out, faults=FaultPlan(FAIL_RATE, SEED), log_level="CRITICAL")


def test_without_faults_every_object_is_an_article_or_a_rejection(
    folder: tuple[Path, list[str]], clean_run: tuple[Path, RunSummary]
) -> None:
    out, summary = clean_run
    assert summary.objects == OBJECTS
    assert (summary.failed, summary.lost, summary.duplicated, summary.retries) == (0, [], [], 0)
    assert summary.articles + sum(summary.rejections.values()) == OBJECTS
    assert summary.articles >= OBJECTS * 3 // 4


def test_faults_were_injected(faulty_run: tuple[Path, RunSummary]) -> None:
    _, summary = faulty_run
    assert set(summary.faults) == {"read", "look", "write", "crash"}
    assert summary.redelivered > 0 and summary.overwritten and summary.late > 0
    assert summary.retries > 0
    assert summary.invocations > OBJECTS


def test_with_faults_every_object_has_exactly_one_outcome(
    folder: tuple[Path, list[str]], faulty_run: tuple[Path, RunSummary]
) -> None:
    out, summary = faulty_run
    keys = folder[1]
    on_disk = outcomes_on_disk(out, keys, summary.newest)

    assert summary.lost == [] and summary.duplicated == [] and summary.outdated == []
    assert {key: kinds for key, kinds in on_disk.items() if len(kinds) != 1} == {}
    kinds = Counter(kind for (kind,) in on_disk.values())
    assert kinds["article"] == summary.articles
    assert kinds["rejected"] == sum(summary.rejections.values())
    assert kinds["failed"] == summary.failed > 0
    assert summary.articles + sum(summary.rejections.values()) + summary.failed == summary.objects == OBJECTS


def test_retries_change_no_outcome(
    folder: tuple[Path, list[str]], clean_run: tuple[Path, RunSummary], faulty_run: tuple[Path, RunSummary]
) -> None:
    """Every object that did not end in the failure destination, nor was uploaded again, has the
    outcome a run without faults gives."""
    (clean_out, _), (faulty_out, summary) = clean_run, faulty_run
    compared = 0
    for key, kinds in outcomes_on_disk(faulty_out, folder[1], summary.newest).items():
        if kinds == ["failed"] or key in summary.overwritten:
            continue
        relative = outcome_key(key)
        expected = json.loads((clean_out / relative).read_text(encoding="utf-8"))
        got = json.loads((faulty_out / relative).read_text(encoding="utf-8"))
        assert comparable(got) == comparable(expected), key
        compared += 1
    assert compared > OBJECTS // 2


def test_a_key_uploaded_again_ends_with_its_newest_version(faulty_run: tuple[Path, RunSummary]) -> None:
    out, summary = faulty_run
    for key in summary.overwritten:
        outcome_path = out / outcome_key(key)
        if outcome_path.is_file():
            assert json.loads(outcome_path.read_text(encoding="utf-8"))["source"]["version_id"] == summary.newest[key]


def test_articles_validate_against_the_schema(
    folder: tuple[Path, list[str]], faulty_run: tuple[Path, RunSummary]
) -> None:
    out, summary = faulty_run
    for key, kinds in outcomes_on_disk(out, folder[1], summary.newest).items():
        document = json.loads((out / outcome_key(key)).read_text(encoding="utf-8")) if kinds != ["failed"] else None
        if kinds == ["article"]:
            article_validator().validate(document)
        elif kinds == ["rejected"]:
            rejection_validator().validate(document)


def test_failure_records_have_lambdas_destination_shape(
    folder: tuple[Path, list[str]], faulty_run: tuple[Path, RunSummary]
) -> None:
    out, summary = faulty_run
    failed = [key for key, kinds in outcomes_on_disk(out, folder[1], summary.newest).items() if kinds == ["failed"]]
    reasons: Counter[str] = Counter()
    for key in failed:
        body = (out / "failed" / f"{key}.json").read_text(encoding="utf-8")
        document: dict[str, Any] = json.loads(body)
        record = parse_record(body)  # what `newsclean redrive` reads back from the queue
        assert set(document) == {
            "version",
            "timestamp",
            "requestContext",
            "requestPayload",
            "responseContext",
            "responsePayload",
        }
        assert (record.condition, record.invoke_count, record.keys()) == ("RetriesExhausted", 3, [key])
        assert document["responseContext"]["functionError"] == "Unhandled"
        reasons[document["responsePayload"]["errorType"]] += 1
    assert set(reasons) <= {"S3TransientError", "InjectedCrash"}
    assert sum(summary.failures.values()) == len(failed)
    assert set(summary.failures) <= {"s3_transient", "crash"}


def test_the_same_seed_gives_the_same_run(tmp_path: Path) -> None:
    root = tmp_path / "in"
    keys = scraper_folder(root, 24)
    plan = FaultPlan(0.3, seed=1)

    first = run_local([root], tmp_path / "a", faults=plan, log_level="CRITICAL")
    second = run_local([root], tmp_path / "b", faults=plan, log_level="CRITICAL")

    assert outcomes_on_disk(tmp_path / "a", keys, first.newest) == outcomes_on_disk(tmp_path / "b", keys, second.newest)
    assert (first.faults, first.retries, first.redelivered) == (second.faults, second.retries, second.redelivered)
    assert (first.overwritten, first.late) == (second.overwritten, second.late)


def test_outcomes_of_an_earlier_run_are_replaced_not_added_to(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (key,) = scraper_folder(root, 1)
    out = tmp_path / "out"
    stale = out / "failed" / f"{key}.json"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("{}")

    summary = run_local([root], out, log_level="CRITICAL")

    assert outcomes_on_disk(out, [key], summary.newest) == {key: ["article"]}
    assert not stale.exists()


def test_the_command_reports_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "in"
    scraper_folder(root, 40)

    status = main(["run-local", str(root), "--out", str(tmp_path / "out"), "--fail-rate", "0.2", "--seed", "4"])

    printed = capsys.readouterr().out
    assert status == 0
    assert "objects in:  40\n" in printed and "lost:        0\n" in printed
    assert "sent to the on-failure destination" in printed and "retries" in printed


def test_fail_rate_must_be_a_probability(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run-local", "--fail-rate", "1.5"])
    assert "probability" in capsys.readouterr().err
