"""Reliability benchmark: 20,000 objects through the local runner with injected faults, none lost.

    python benchmarks/reliability.py                       # 20,000 objects, 5% faults, seed 1
    python benchmarks/reliability.py --objects 2000 --fail-rate 0.1 --seed 7 --keep /tmp/run

Writes a folder of scraped-looking objects — text dumps, HTML pages, gzips and JSON
records of invented articles (each with its own sentences), the repository's sample
pages, and one bad input in ten (images, empty files, truncated gzip, JSON that is
not a record...) — under keys with spaces, plus signs, percent signs and non-ASCII.
Then ``newsclean.tools.local.run_local`` uploads them to a versioned moto bucket and runs
the real handler on S3's events with Lambda's asynchronous semantics and the given
fault rate (S3 calls throttled, invocations crashed, events delivered twice, keys
uploaded again mid-run with the old version's event delivered once more after the
new one's), and this prints what became of every key's newest version and the
throughput. Exit status 1 when an object was lost, got two outcomes or kept an
older version's, or an outcome could not be written to disk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsclean.tools.local import FaultPlan, RunSummary, run_local

REPO = Path(__file__).resolve().parent.parent
SAMPLES = [
    path
    for path in sorted((REPO / "events" / "objects").rglob("*")) + sorted((REPO / "tests" / "golden").rglob("input.*"))
    if path.is_file() and not path.name.endswith(".png")
]
VOCABULARY = (
    "council harbour ferry island crossing vessel market timetable subsidy breakwater residents meeting "
    "operator contract weather storm pier quay tide pilots lighthouse school library bridge road budget "
    "engineers fishermen shopkeepers visitors summer winter morning evening week month year said would "
    "could after before during because however while since the a of to and in on for with from"
).split()
NAMES = ("{n} story", "{n}+story", "story %28{n}%29", "färja {n} ö", "a b+c%d {n}", "{n}")
BAD: tuple[tuple[str, Callable[[random.Random], bytes]], ...] = (
    (".png", lambda rng: b"\x89PNG\r\n\x1a\n" + rng.randbytes(200)),
    (".txt", lambda rng: b""),
    (".txt", lambda rng: b"   \n\t\n"),
    (".txt.gz", lambda rng: gzip.compress(b"The ferry sails at noon.\n" * 40, mtime=0)[:-9]),
    (".bin", lambda rng: rng.randbytes(2048)),
    (".json", lambda rng: json.dumps(["not", "a", "record"]).encode()),
    (".json", lambda rng: json.dumps({"id": rng.randint(1, 10**6)}).encode()),
    (".html", lambda rng: b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>"),
    (".pdf", lambda rng: b"%PDF-1.7\n" + rng.randbytes(300)),
)


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(9, 24))).capitalize() + "."


def invented_article(rng: random.Random) -> tuple[str, list[str]]:
    headline = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(5, 10))).capitalize()
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(4, 9))]
    return headline, paragraphs


def good_object(number: int, rng: random.Random) -> tuple[str, bytes]:
    """An article in one of the shapes scrapers store, or a repository sample page."""
    kind = number % 6
    if kind == 5 and SAMPLES:
        sample = SAMPLES[number % len(SAMPLES)]
        return "".join(sample.suffixes) or ".txt", sample.read_bytes()
    headline, paragraphs = invented_article(rng)
    lines = ["Home", "News", "Local", headline, f"By Reporter {number}", *paragraphs, "Share", "© Courier"]
    text = "\n".join(lines) + "\n"
    if kind == 0:
        return ".txt", text.encode()
    if kind == 1:
        body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        page = f"<html><head><title>{headline}</title></head><body><nav>Home News</nav><h1>{headline}</h1>{body}"
        return ".html", (page + "<footer>© Courier</footer></body></html>").encode()
    if kind == 2:
        return ".txt.gz", gzip.compress(text.encode(), mtime=0)
    if kind == 3:
        return ".json", json.dumps(
            {"url": f"https://courier.example/{number}", "title": headline, "text": text}
        ).encode()
    return ".txt", text.encode("cp1252", errors="replace")


def write_objects(root: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    for number in range(count):
        if number % 10 == 9:
            suffix, make = BAD[(number // 10) % len(BAD)]
            data = make(rng)
        else:
            suffix, data = good_object(number, rng)
        path = root / f"day-{number % 30:02d}" / (NAMES[number % len(NAMES)].format(n=number) + suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def report(summary: RunSummary, plan: FaultPlan, writing: float) -> None:
    def by_reason(counts: dict[str, int]) -> str:
        return f"{sum(counts.values())} ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))})"

    injected = ", ".join(f"{what}: {n}" for what, n in sorted(summary.faults.items()))
    print(f"fault rate:     {plan.rate:.0%} (seed {plan.seed})")
    print(f"objects in:     {summary.objects}")
    print(f"articles:       {summary.articles}")
    print(f"rejections:     {by_reason(summary.rejections)}")
    print(f"failures:       {by_reason(summary.failures)} sent to the on-failure destination")
    print(f"lost:           {len(summary.lost)}")
    print(f"two outcomes:   {len(summary.duplicated)}")
    print(f"older version:  {len(summary.outdated)}")
    print(f"not written:    {len(summary.unwritable)}")
    print(f"injected:       {injected}; events delivered twice: {summary.redelivered}")
    print(f"overwrites:     {len(summary.overwritten)} keys uploaded again, {summary.late} old events delivered late")
    print(f"stale skipped:  {summary.skipped}")
    print(f"invocations:    {summary.invocations} ({summary.retries} retries)")
    print(f"throughput:     {summary.throughput:.0f} objects/s through the handler ({summary.invoking_seconds:.1f} s)")
    total = summary.seconds
    print(f"whole run:      {total:.1f} s with uploads and copies ({summary.objects / total:.0f} objects/s)")
    print(f"writing inputs: {writing:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=20_000)
    parser.add_argument("--fail-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write inputs to KEEP/in and outcomes to KEEP/out, and keep them")
    args = parser.parse_args(argv)
    plan = FaultPlan(args.fail_rate, args.seed)
    with tempfile.TemporaryDirectory(prefix="newsclean-reliability-") as scratch:
        base = args.keep or Path(scratch)
        started = time.perf_counter()
        write_objects(base / "in", args.objects, args.seed)
        writing = time.perf_counter() - started
        summary = run_local([base / "in"], base / "out", faults=plan, log_level="CRITICAL")
    report(summary, plan, writing)
    return 1 if summary.lost or summary.duplicated or summary.outdated or summary.unwritable else 0


if __name__ == "__main__":
    sys.exit(main())
