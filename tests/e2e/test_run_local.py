"""The local runner and the clean command, end to end through ``newsclean.tools.cli.main``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from newsclean.tools import local
from newsclean.tools.cli import main
from newsclean.tools.local import run_local
from tests.conftest import REPO, SAMPLES

TEXT = "2024/harbour-bridge-reopens.txt"
HTML = "2024/library-roof-appeal.html"
GZIP = "2024/ferry-winter-timetable.txt.gz"
PNG = "bad/masthead.png"


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder laid out as a scraper would leave it: three pages and a stray image."""
    root = tmp_path / "pages"
    shutil.copy(SAMPLES / TEXT, dest(root / "news/bridge.txt"))
    shutil.copy(SAMPLES / HTML, dest(root / "news/library.html"))
    shutil.copy(SAMPLES / GZIP, dest(root / "travel/ferry.txt.gz"))
    shutil.copy(SAMPLES / PNG, dest(root / "logo.png"))
    return root


def dest(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def files_under(root: Path) -> list[str]:
    """The outcome files under ``root`` (not the run's log, run-local.log.jsonl)."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.json") if path.is_file())


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_run_local_writes_articles_and_rejections_by_key(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    status = main(["run-local", str(pages), "--out", str(out)])

    assert status == 0
    assert files_under(out) == [
        "outcomes/logo.png.json",
        "outcomes/news/bridge.txt.json",
        "outcomes/news/library.html.json",
        "outcomes/travel/ferry.txt.gz.json",
    ]
    bridge = read(out / "outcomes/news/bridge.txt.json")
    assert bridge["outcome"] == "article" and bridge["source"]["version_id"] and bridge["source"]["sequencer"]
    assert bridge["source"]["key"] == "news/bridge.txt"
    assert bridge["source"]["etag"] and bridge["source"]["format"] == "text"
    assert any("swing bridge reopened" in paragraph for paragraph in bridge["body"])
    assert read(out / "outcomes/news/library.html.json")["source"]["format"] == "html"
    ferry = read(out / "outcomes/travel/ferry.txt.gz.json")
    assert ferry["source"]["format"].startswith("gzip+")
    assert any("Westerly Island Lines" in paragraph for paragraph in ferry["body"])
    rejection = read(out / "outcomes/logo.png.json")
    assert (rejection["outcome"], rejection["reason"], rejection["source"]["key"]) == ("rejected", "binary", "logo.png")
    summary = capsys.readouterr().out
    assert "objects in:  4" in summary
    assert "articles:    3" in summary
    assert "rejections:  1 (binary: 1)" in summary


def test_run_local_keys_a_file_by_its_name(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    assert main(["run-local", str(pages / "news/bridge.txt"), str(pages / "travel"), "--out", str(out)]) == 0

    assert files_under(out) == ["outcomes/bridge.txt.json", "outcomes/ferry.txt.gz.json"]


def test_run_local_defaults_to_the_repository_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"

    assert main(["run-local", "--out", str(out)]) == 0

    assert "outcomes/bad/masthead.png.json" in files_under(out)
    assert "outcomes/2024/Café Marée + lifeboat crew (gallery) %28v2%29.txt.json" in files_under(out)
    assert "articles:    4" in capsys.readouterr().out


def test_run_local_without_samples_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    assert main(["run-local"]) == 2

    assert "events/objects" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_run_local_applies_the_size_limit(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    assert main(["run-local", str(pages / "news"), "--out", str(out), "--max-input-bytes", "4000"]) == 0

    assert files_under(out) == ["outcomes/bridge.txt.json", "outcomes/library.html.json"]
    assert read(out / "outcomes/library.html.json")["reason"] == "too_large"


def test_run_local_shows_progress_for_many_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many = tmp_path / "many"
    for number in range(25):
        shutil.copy(SAMPLES / TEXT, dest(many / f"day-{number:02d}.txt"))
    out = tmp_path / "out"

    assert main(["run-local", str(many), "--out", str(out)]) == 0

    assert len(files_under(out)) == 25
    captured = capsys.readouterr()
    assert "100%" in captured.err  # 26 events: S3's test event, then one per upload
    assert "articles:    25" in captured.out


def test_clean_prints_json_lines_and_fails_on_rejection(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["clean", str(pages / "news/bridge.txt"), str(pages / "logo.png"), str(pages / "travel/ferry.txt.gz")]
    )

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1
    assert len(lines) == 3
    assert lines[0]["headline"] and lines[0]["source"]["name"].endswith("bridge.txt")
    assert lines[1] == {"rejected": lines[1]["rejected"]}
    assert lines[1]["rejected"]["reason"] == "binary"
    assert lines[1]["rejected"]["source"]["key"].endswith("logo.png")
    assert lines[2]["body"]


def test_clean_succeeds_when_nothing_is_rejected(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(pages / "news/library.html")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_clean_reads_standard_input(
    pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((pages / "news/bridge.txt").read_bytes())))

    assert main(["clean", "-"]) == 0

    (line,) = capsys.readouterr().out.splitlines()
    assert "swing bridge" in json.loads(line)["headline"].lower()


def test_clean_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_run_local_reports_an_event_the_handler_raised_on(pages: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken_app.py"
    broken.write_text(
        "def lambda_handler(event, context):\n"
        "    if 'Records' in event:\n"
        "        raise RuntimeError('simulated bug')\n"
        "    return {'articles': 0, 'rejected': 0, 'skipped': 0, 'rejections_by_reason': {}}\n"
    )

    summary = run_local([pages / "news"], tmp_path / "out", handler_path=broken)

    assert summary.objects == 2 and summary.articles == 0
    assert sorted(summary.errors) == [
        "bridge.txt: RuntimeError: simulated bug",
        "library.html: RuntimeError: simulated bug",
    ]


def test_run_local_reports_and_skips_outcomes_that_cannot_be_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # On S3 "d/a" and "d/a.json/b" are two keys; on disk outcomes/d/a.json would be a file and a folder.
    root = tmp_path / "pages"
    shutil.copy(SAMPLES / TEXT, dest(root / "d/a"))
    shutil.copy(SAMPLES / TEXT, dest(root / "d/a.json/b"))
    shutil.copy(SAMPLES / HTML, dest(root / "ok.html"))
    long_name = "x" * 300 + ".txt"  # a key S3 takes, a file name no common file system does
    shutil.copy(SAMPLES / TEXT, dest(root / "long" / "y.txt"))
    out = tmp_path / "out"

    summary = run_local([root], out)
    # No file can be named like that key, so the input is handed over by key.
    with monkeypatch.context() as patch:
        patch.setattr(local, "collect_inputs", lambda paths: [local.InputFile(f"long/{long_name}", SAMPLES / TEXT)])
        with_long = run_local([root], tmp_path / "long-out")

    assert files_under(out) == ["outcomes/long/y.txt.json", "outcomes/ok.html.json"]
    assert [item.split(":")[0] for item in summary.unwritable] == ["d/a", "d/a.json/b"]
    assert summary.articles == 4 and not summary.lost
    assert [item.split(":")[0] for item in with_long.unwritable] == [f"long/{long_name}"]
    assert main(["run-local", str(root), "--out", str(tmp_path / "again")]) == 1
    printed = capsys.readouterr().out
    assert "not written: d/a: outcomes/d/a.json and another outcome cannot both be files" in printed


def test_size_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["clean", "--max-input-bytes", "-5", "x.txt"])
    assert raised.value.code == 2
    assert "positive number of bytes" in capsys.readouterr().err


def test_run_local_keeps_the_handlers_log_lines_in_a_file(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    assert main(["run-local", str(pages), "--out", str(out)]) == 0

    captured = capsys.readouterr()
    log = out / "run-local.log.jsonl"
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    rejected = [line for line in lines if line.get("message") == "Object rejected"]
    assert [line["key"] for line in rejected] == ["logo.png"]
    assert sum(1 for line in lines if line.get("message") == "Article written") == 3
    assert any("_aws" in line for line in lines)  # the EMF metrics too
    assert "Object rejected" not in captured.err and "Object rejected" not in captured.out
    assert f"log:         {log}" in captured.out


def test_run_local_verbose_also_shows_the_log_lines(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    assert main(["run-local", str(pages / "logo.png"), "--out", str(out), "--verbose"]) == 0

    captured = capsys.readouterr()
    shown = [json.loads(line) for line in captured.err.splitlines() if line.startswith("{")]
    assert [line["key"] for line in shown if line.get("message") == "Object rejected"] == ["logo.png"]
    assert "Object rejected" in (out / "run-local.log.jsonl").read_text(encoding="utf-8")
    assert "Object rejected" not in captured.out


def test_the_script_reads_paths_as_typed_from_another_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "home"
    shutil.copy(SAMPLES / TEXT, dest(elsewhere / "mypages" / "bridge.txt"))
    script = REPO / "scripts" / "run-local.sh"

    completed = subprocess.run(
        ["bash", str(script), "mypages", "--out", "articles"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    assert files_under(elsewhere / "articles") == ["outcomes/bridge.txt.json"]
    assert "outcomes/bridge.txt.json" in completed.stdout
    assert not (REPO / "mypages").exists() and not (REPO / "articles").exists()


def test_the_script_defaults_to_the_repository_samples_from_another_folder(tmp_path: Path) -> None:
    completed = subprocess.run(
        ["bash", str(REPO / "scripts" / "run-local.sh"), "--out", "samples-out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "outcomes/bad/masthead.png.json" in files_under(tmp_path / "samples-out")
