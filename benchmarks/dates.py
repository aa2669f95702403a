"""Publication dates: newsclean's ``published`` against htmldate's, on the pages that state a date.

    python benchmarks/dates.py                  # ../shared/corpus/dev
    python benchmarks/dates.py --corpus DIR

Two label sets, kept apart: the gold ``published`` (mr pages), and a silver one, the
date a page's own address carries (``/2019/11/19/``, ``2019-11-19``) on the pages whose
gold names an address. htmldate gets the HTML only, never the address, as newsclean does.
Prints, for each extractor and label set, how many dates are right by their day, how
many pages get no date, the milliseconds per page, and htmldate's import time (a cold
start's cost). htmldate comes with the `bench` extra.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsclean import RejectedInput, clean

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def ours(html: bytes, name: str) -> str | None:
    try:
        return clean(html, name=name).published
    except RejectedInput:
        return None


def htmldate_finder(extensive: bool) -> Callable[[bytes, str], str | None]:
    from htmldate import find_date

    def find(html: bytes, name: str) -> str | None:
        try:
            return find_date(html.decode("utf-8", "replace"), extensive_search=extensive, original_date=True)
        except Exception:  # noqa: BLE001 — a peer's failure is a miss, not a crash of the benchmark
            return None

    return find


def import_seconds(module: str) -> float:
    """Median of five fresh interpreters' import of ``module``, less a bare interpreter's start."""

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    bare = statistics.median(run("pass") for _ in range(5))
    return statistics.median(run(f"import {module}") for _ in range(5)) - bare


def labelled_pages(corpus: Path) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    """The gold ``published`` days, and the silver ones: the day in the gold address of the pages without."""
    gold: list[tuple[Path, str]] = []
    silver: list[tuple[Path, str]] = []
    for folder in sorted(corpus.iterdir()):
        if not (folder / "gold.json").is_file():
            continue
        labels = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        day = url_date(labels.get("url"))
        if labels.get("published"):
            gold.append((folder, str(labels["published"])[:10]))
        elif day:
            silver.append((folder, day))
    return gold, silver


def report(
    name: str, find: Callable[[bytes, str], str | None], labelled: list[tuple[Path, str]], input_name: str
) -> None:
    right = missing = 0
    timings = []
    for folder, expected in labelled:
        data = (folder / input_name).read_bytes()
        started = time.perf_counter()
        found = find(data, input_name)
        timings.append((time.perf_counter() - started) * 1000)
        missing += found is None
        right += bool(found) and str(found)[:10] == expected
    print(
        f"  {name:<20} {input_name:<10} right {right}/{len(labelled)}  no date {missing}  "
        f"median {statistics.median(timings):.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    gold, silver = labelled_pages(args.corpus)
    extractors: dict[str, Callable[[bytes, str], str | None]] = {"newsclean": ours}
    try:
        extractors["htmldate fast"] = htmldate_finder(extensive=False)
        extractors["htmldate extensive"] = htmldate_finder(extensive=True)
    except ModuleNotFoundError:
        print("htmldate is not installed (the `bench` extra): newsclean only")
    for label_name, labelled in (("gold published", gold), ("silver: the address's date", silver)):
        print(f"== {label_name}: {len(labelled)} pages")
        for name, find in extractors.items():
            report(name, find, labelled, "page.html")
        report("newsclean", ours, labelled, "page.txt")
    if "htmldate fast" in extractors:
        print(
            f"import time: htmldate {import_seconds('htmldate') * 1000:.0f} ms, "
            f"newsclean {import_seconds('newsclean') * 1000:.0f} ms (fresh interpreter, median of 5)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
