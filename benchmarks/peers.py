"""Peer extractors run on the same pages in the same run as newsclean: their time and their body score.

Benchmark only: the peers come with the ``bench`` extra
(``pip install -c requirements/constraints.txt -e "./shared[bench]"``) and never enter the layer.
Each peer gets the page's bytes exactly as newsclean does (decoding is part of the work) and is
called with its default settings; trafilatura is also run with comments off, the setting its own
evaluation reports beside the default. Only the body extraction is timed; the headline, byline
and standfirst it is scored on come from its metadata reader, called outside the timing.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from newsclean import RejectedInput, clean

Result = TypeVar("Result")
PEER_NAMES = ("trafilatura",)
# Issue 5: newsclean must take at most a third of trafilatura's time on the same pages.
MAX_TIME_RATIO = 1 / 3


@dataclass(frozen=True)
class Peer:
    name: str
    extract: Callable[[bytes], str | None]  # timed: the body text
    metadata: Callable[[bytes], dict[str, str | None]]  # untimed: headline, byline, standfirst


@dataclass(frozen=True)
class PeerRun:
    peer: Peer
    predictions: dict[str, Any]
    timings: list[float]  # milliseconds per page, in page order


def available(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def peers_named(name: str) -> list[Peer]:
    """The settings each peer is run with; the first is its default."""
    if name != "trafilatura":
        raise ValueError(f"unknown peer {name!r}; known: {', '.join(PEER_NAMES)}")
    import trafilatura

    return [
        Peer("trafilatura", lambda html: trafilatura.extract(html), _trafilatura_metadata),
        Peer(
            "trafilatura comments off",
            lambda html: trafilatura.extract(html, include_comments=False),
            _trafilatura_metadata,
        ),
    ]


def _trafilatura_metadata(html: bytes) -> dict[str, Any]:
    """Title, author and description as trafilatura reads them, for the metadata scores, and the
    typed blocks of its XML output, for the structure score."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html)
    found = extract_metadata(tree) if tree is not None else None
    blocks = _trafilatura_blocks(html)
    if found is None:
        return {"headline": None, "byline": None, "standfirst": None, "blocks": blocks}
    return {"headline": found.title, "byline": found.author, "standfirst": found.description, "blocks": blocks}


# trafilatura's XML elements as the scorer's block types.
_XML_TYPES = {
    "p": "paragraph",
    "head": "heading",
    "item": "list_item",
    "quote": "quote",
    "row": "table_row",
    "code": "preformatted",
}


def _trafilatura_blocks(html: bytes) -> list[dict[str, Any]]:
    """The body as trafilatura's XML output types it: <head rend="h2">, <list><item>, <quote>,
    <table><row>, <code>, <p>."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_comments=False)
    if not xml:
        return []
    blocks: list[dict[str, Any]] = []
    for element in etree.fromstring(xml.encode("utf-8")).iter(*_XML_TYPES):
        if (
            element.tag in ("p", "head")
            and element.getparent() is not None
            and element.getparent().tag in ("item", "quote", "cell")
        ):
            continue  # part of an item, quote or cell, typed with it
        text = " ".join(" ".join(element.itertext()).split())
        if not text:
            continue
        block: dict[str, Any] = {"type": _XML_TYPES[element.tag], "text": text}
        if element.tag == "head":
            rend = element.get("rend") or "h2"
            block["level"] = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        blocks.append(block)
    return blocks


def run_interleaved(
    peers: Sequence[Peer], page_dirs: Sequence[Path], input_name: str
) -> tuple[list[float], list[PeerRun]]:
    """Time newsclean and every peer page by page, one after the other, so that a busy machine
    slows them alike; returns newsclean's timings and each peer's run."""
    own: list[float] = []
    timings: list[list[float]] = [[] for _ in peers]
    predictions: list[dict[str, Any]] = [{} for _ in peers]
    for page_dir in page_dirs:
        data = (page_dir / input_name).read_bytes()
        own.append(_timed(_newsclean, data, input_name)[0])
        for peer, peer_timings, peer_predictions in zip(peers, timings, predictions, strict=True):
            milliseconds, text = _timed(peer.extract, data)
            peer_timings.append(milliseconds)
            # The text output has no headline, byline or standfirst: those come from the peer's
            # own metadata reader, outside the timed call.
            peer_predictions[page_dir.name] = {"body": text or "", **peer.metadata(data)}
    runs = [PeerRun(peer, found, times) for peer, found, times in zip(peers, predictions, timings, strict=True)]
    return own, runs


def _newsclean(data: bytes, input_name: str) -> None:
    try:
        clean(data, name=input_name)
    except RejectedInput:
        pass  # a rejection is an answer too, and it is timed like one


def _timed(function: Callable[..., Result], *arguments: Any) -> tuple[float, Result]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = function(*arguments)
    return (time.perf_counter() - started) * 1000, result


def timing_line(name: str, timings: Sequence[float]) -> str:
    return (
        f"{name:<26} total {sum(timings) / 1000:7.2f} s  median {statistics.median(timings):7.2f} ms  "
        f"p95 {sorted(timings)[int(0.95 * (len(timings) - 1))]:7.2f} ms"
    )


def ratio_line(own: Sequence[float], run: PeerRun) -> str:
    ratio = sum(own) / max(sum(run.timings), 1e-9)
    verdict = "ok" if ratio <= MAX_TIME_RATIO else "OVER"
    return (
        f"time ratio newsclean/{run.peer.name}: total {ratio:.3f}, "
        f"median {statistics.median(own) / max(statistics.median(run.timings), 1e-9):.3f} "
        f"(target <= {MAX_TIME_RATIO:.3f}: {verdict})"
    )


def compare(
    name: str, page_dirs: Sequence[Path], input_name: str, score: Callable[[str, dict[str, Any]], None]
) -> None:
    """Run newsclean and each setting of the peer on the pages, score the peer's output with
    ``score(label, predictions)`` and print both tools' times and the ratio."""
    own, runs = run_interleaved(peers_named(name), page_dirs, input_name)
    for run in runs:
        print(f"== {run.peer.name} (same pages, same scorer), {input_name}")
        score(run.peer.name.replace(" ", "-"), run.predictions)
    print(f"== speed on the same {len(page_dirs)} pages, timed page by page in turn")
    print(timing_line("newsclean", own))
    for run in runs:
        print(timing_line(run.peer.name, run.timings))
    for run in runs:
        print(ratio_line(own, run))
