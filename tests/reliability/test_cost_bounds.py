"""Bounded cost: no input can drive the cleaner into super-linear time, or past the function's memory.

These are bound checks, not benchmarks. Times are compared with a linear-time baseline
measured in the same run on the same machine — plain prose cleaned per megabyte — so a
loaded CI box slows both sides alike, and the bounds are loose enough to hold there:

* each adversarial input (runs of punctuation or spaces, repeated tokens, deep nesting,
  tag floods...) cleans at most ``MAX_SLOWDOWN`` times slower per MB than prose, and
  quadrupling its size at most multiplies its time by ``MAX_GROWTH`` (linear is 4,
  quadratic 16) — re-measured up to three times before failing, to ride out a busy moment;
* the catalogue's heavy inputs (up to 10 MB, run each in a fresh process by
  ``conftest.measured``) stay under ``MAX_SLOWDOWN`` per MB too, and their peak resident
  memory — with boto3 and Powertools loaded, as in the function — under the MemorySize
  that template.yaml gives the function.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

from newsclean import RejectedInput, clean
from tests.conftest import REPO
from tests.reliability.catalogue import CATALOGUE

KIB = 1024
MIB = 1024 * KIB
SMALL, LARGE = 128 * KIB, 512 * KIB
MAX_SLOWDOWN = 15.0  # per MB, against prose; the slowest linear input measured is ~3x
MAX_GROWTH = 8.0  # time(LARGE) / time(SMALL) for a 4x larger input
ATTEMPTS = 3
FUNCTION = "CleanArticleFunction"


def prose(size: int) -> bytes:
    """Lines of 20-60 words from a small vocabulary, seeded: the baseline's input."""
    words = "harbour council ferry island crossing vessel market timetable said would after the a of to and".split()
    rng = random.Random(11)
    lines: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(20, 60))).capitalize() + "."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines).encode()[:size]


def repeat(unit: str) -> Callable[[int], bytes]:
    """``unit`` repeated to about ``size`` bytes, whole characters only (a cut one would change the charset path)."""
    return lambda size: (unit * (size // len(unit.encode()))).encode()


def html(unit: str) -> Callable[[int], bytes]:
    return lambda size: b"<html><body>" + repeat(unit)(size - 12)


def amid_prose(line: Callable[[int], str], *, as_html: bool = False) -> Callable[[int], bytes]:
    """A line of half the size among lines of prose (a paragraph each in HTML): alone, a line is
    no article and is refused before the byline and credit patterns read it."""

    def make(size: int) -> bytes:
        lines = [line(size // 2).encode(), *prose(size - size // 2).split(b"\n")]
        lines[:4] = [*lines[1:4], lines[0]]  # after the opening lines, where bylines and credits are looked for
        if as_html:
            return b"<html><body>" + b"".join(b"<p>" + text + b"</p>" for text in lines)
        return b"\n".join(lines)

    return make


# Lines whose runs the byline and credit patterns once read again from each character (issue 15).
def dash_run(size: int) -> str:
    return "Residents listed their complaints " + "- " * (size // 2) + ":"


def comma_run(size: int) -> str:
    return "Residents listed their complaints " + ", " * (size // 2) + ":"


def bare_dashes(size: int) -> str:
    return "Residents listed their complaints " + "-" * size + ")"


def byline_spaces(size: int) -> str:
    return "By Ida Brook" + " " * size + "| May 5, 2024"


ADVERSARIAL: dict[str, Callable[[int], bytes]] = {
    "run of one punctuation mark": repeat("!"),
    "mixed punctuation": repeat(".,;:!?-—…"),
    "dots after every letter": repeat("a."),
    "spaces between two words": lambda size: b"a" + b" " * (size - 2) + b"b",
    "tabs and no-break spaces": repeat("a\t\u00a0 "),
    "repeated token": repeat("news "),
    "repeated byline opener": repeat("By Jo Bloggs and "),
    "one long word": repeat("x"),
    "times and dates": repeat("12:30 May 5, 2024 "),
    "urls": repeat("https://courier.example/a?b=c&d=e "),
    "cjk without spaces": repeat("新闻报道港口渡轮"),
    "zero-width spaces": repeat("a\u200b"),
    "one-word lines": repeat("word\n"),
    "blank lines": repeat("\r\n"),
    "short sentence lines": repeat("The ferry sails.\n"),
    "menu lines": repeat("Home | News | Sport\n"),
    "nested divs": html("<div>"),
    "nested identical bold": html("<b>"),
    "nested lists": html("<ul><li>"),
    "nested tables": html("<table><tr><td>"),
    "misnested formatting": html("<b><i></b></i><p>x"),
    "unterminated attribute quote": lambda size: b'<html><body><div title="' + b"x" * (size - 25),
    "comment openers": html("<!--"),
    "bare less-than signs": html("< "),
    "tag openers": html("<a"),
    "entities": html("&amp;&#8212;"),
    "small paragraphs": html("<p>The ferry sails at noon.</p>"),
    "links": html("<a href='/x'>link</a> "),
    "json brackets": lambda size: b'{"text": "' + b"[" * (size - 12) + b'"}',
    "invalid utf-8 byte runs": lambda size: b"\xff\xfe caf\xe9 " * (size // 9),
    "credit line with a dash run": amid_prose(dash_run),
    "credit line with a comma run": amid_prose(comma_run),
    "dashes before a bracket": amid_prose(bare_dashes),
    "credit paragraph with a dash run": amid_prose(dash_run, as_html=True),
    "byline paragraph with a space run": amid_prose(byline_spaces, as_html=True),
}


def seconds(data: bytes) -> float:
    """Time to clean ``data``, with the cyclic GC paused: a full collection walks every object of
    the test process (hypothesis, moto...), which says nothing about the input's cost."""
    gc.collect()
    gc.disable()
    started = time.perf_counter()
    try:
        clean(data)
    except RejectedInput:
        pass
    finally:
        elapsed = time.perf_counter() - started
        gc.enable()
    return elapsed


@pytest.fixture(scope="module")
def baseline_per_mib() -> float:
    """Seconds per MiB to clean prose, the best of three."""
    data = prose(LARGE)
    return min(seconds(data) for _ in range(3)) * MIB / len(data)


def within_bounds(make: Callable[[int], bytes], baseline: float) -> tuple[bool, str]:
    small, large = make(SMALL), make(LARGE)
    small_time, large_time = seconds(small), seconds(large)
    slowdown = large_time * MIB / len(large) / baseline
    growth = large_time / max(small_time, 1e-6)
    # Growth is only meaningful once the time is more than noise.
    ok = slowdown <= MAX_SLOWDOWN and (growth <= MAX_GROWTH or large_time < 0.25 * baseline * LARGE / MIB)
    return ok, f"{slowdown:.1f}x prose per MB, x{growth:.1f} for 4x the size ({small_time:.3f}s, {large_time:.3f}s)"


@pytest.mark.parametrize("make", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_input_cleans_in_linear_time(make: Callable[[int], bytes], baseline_per_mib: float) -> None:
    reports = []
    for _ in range(ATTEMPTS):
        ok, report = within_bounds(make, baseline_per_mib)
        if ok:
            return
        reports.append(report)
    pytest.fail("super-linear or slow: " + "; ".join(reports))


def function_memory_mib() -> int:
    template, problems = decode(str(REPO / "template.yaml"))
    assert template is not None and not problems
    function = template["Resources"][FUNCTION]["Properties"]
    memory = function.get("MemorySize", template.get("Globals", {}).get("Function", {}).get("MemorySize"))
    assert isinstance(memory, int), "template.yaml must set the function's MemorySize"
    return memory


HEAVY = [case.name for case in CATALOGUE if case.heavy]


@pytest.mark.parametrize("name", HEAVY)
def test_heavy_input_fits_the_function(name: str, measured: dict[str, dict[str, Any]], baseline_per_mib: float) -> None:
    result = measured[name]
    memory = function_memory_mib()
    per_mib = result["seconds"] * MIB / max(result["bytes"], MIB)  # inputs under 1 MiB count as 1 MiB
    assert result["peak_mib"] < memory, f"{name}: peak {result['peak_mib']:.0f} MiB, function has {memory} MiB"
    assert per_mib <= MAX_SLOWDOWN * baseline_per_mib, f"{name}: {per_mib:.2f} s/MiB, prose {baseline_per_mib:.2f}"


def test_the_template_is_where_the_memory_size_comes_from() -> None:
    assert Path(REPO / "template.yaml").is_file()
    assert 128 <= function_memory_mib() <= 10240
