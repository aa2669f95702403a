"""Fit the headline weights (``newsclean.fields.headline.WEIGHTS``) on a corpus split, and say how well
they carry over to sites never seen.

    .venv/bin/python scripts/train_headline.py                       # ../shared/corpus/dev, page.txt
    .venv/bin/python scripts/train_headline.py --input page.txt --input page.html --folds 5

For every page, the pipeline labels the blocks, structuring finds the article's start, and
every headline candidate gets its named features; a candidate is right when its words equal the
title's, whole or without the site's name or section around its longest segment
(``corpus.title_forms``). The title is the gold one where the corpus has it; else, as a silver
label, the title the page's HTML states in its metadata (og:title, JSON-LD headline, else its
<title>), so that text dumps train on every page. Gold and silver figures print apart. A
conditional logit (softmax over one page's candidates, L2-penalised) is fitted by gradient
descent. The script prints, per gold source and label: the share of pages where the shipped
weights, the fitted weights (in-sample) and weights fitted without the page's site
(cross-validated, folds grouped by site) pick a right line, next to the ceiling (a right
candidate exists at all). Copy rounded weights into ``headline.py`` only when the
cross-validated figure holds up.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsclean.config import DEFAULT_CONFIG
from newsclean.decode.input import decode_input
from newsclean.fields import headline
from newsclean.fields.structure import head_of
from newsclean.model import RejectedInput
from newsclean.pipeline import label_blocks, parse
from newsclean.text import fingerprint

REPO = Path(__file__).resolve().parent.parent
# The corpus helpers live beside the benchmarks, which are scripts rather than a package.
sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import CorpusPage, folds, load_pages, title_forms  # noqa: E402

NAMES = tuple(headline.FEATURES)


@dataclass
class PageCandidates:
    page: CorpusPage
    label: str  # "gold" or "silver"
    features: np.ndarray  # candidates x features
    right: np.ndarray  # bool per candidate


def candidates_of(page: CorpusPage, input_name: str) -> PageCandidates | None:
    label, title = title_label(page)
    if title is None:
        return None
    try:
        decoded = decode_input(page.read(input_name), name=input_name, content_type=None, config=DEFAULT_CONFIG)
    except RejectedInput:
        return None
    parsed = parse(decoded)
    head = head_of(parsed, label_blocks(parsed.blocks))
    if head is None:
        return None
    indexes = headline.candidates(head.page, head.claimable, set())
    forms = title_forms(title)
    rows = [[headline.FEATURES[name](head.page, index) for name in NAMES] for index in indexes]
    right = [fingerprint(parsed.blocks[index].text) in forms for index in indexes]
    return PageCandidates(page, label, np.array(rows, dtype=float).reshape(-1, len(NAMES)), np.array(right, dtype=bool))


def title_label(page: CorpusPage) -> tuple[str, str | None]:
    """("gold", the gold title), else ("silver", the title the page's HTML states), else no title."""
    if page.gold.get("title"):
        return "gold", page.gold["title"]
    try:
        decoded = decode_input(page.read("page.html"), name="page.html", content_type=None, config=DEFAULT_CONFIG)
    except (RejectedInput, OSError):
        return "silver", None
    metadata = parse(decoded).metadata
    return "silver", metadata.title or metadata.document_title


def fit(data: list[PageCandidates], l2: float, steps: int = 1500, rate: float = 1.0) -> np.ndarray:
    weights = np.zeros(len(NAMES))
    usable = [item for item in data if item.right.any()]
    for _ in range(steps):
        gradient = l2 * weights
        for item in usable:
            scores = item.features @ weights
            probabilities = np.exp(scores - scores.max())
            probabilities /= probabilities.sum()
            target = item.right / item.right.sum()
            gradient -= (target - probabilities) @ item.features / len(usable)
        weights -= rate * gradient
    return weights


def right_share(data: list[PageCandidates], weights: np.ndarray, threshold: float) -> float:
    """Pages where the best candidate is right and clears the threshold (pages without any count as wrong)."""
    hits = 0
    for item in data:
        if len(item.right):
            scores = item.features @ weights
            best = int(scores.argmax())
            hits += bool(item.right[best] and scores[best] > threshold)
    return hits / max(1, len(data))


def by_source(data: list[PageCandidates]) -> dict[str, list[PageCandidates]]:
    """Pages by gold source and label kind ("scrapinghub silver")."""
    groups: dict[str, list[PageCandidates]] = defaultdict(list)
    for item in data:
        groups[f"{item.page.source} {item.label}"].append(item)
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--input", action="append", default=None, help="page.txt, flat.txt or page.html")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args(argv)
    pages = load_pages(args.corpus)
    inputs = args.input or ["page.txt"]
    data = [item for page in pages for name in inputs if (item := candidates_of(page, name)) is not None]
    shipped = np.array([headline.WEIGHTS[name] for name in NAMES])
    fitted = fit(data, args.l2)
    crossed: dict[str, float] = {}
    cross_hits: dict[str, list[float]] = defaultdict(list)
    for train_pages, test_pages in folds(pages, args.folds):
        train_ids = {page.id for page in train_pages}
        test_ids = {page.id for page in test_pages}
        weights = fit([item for item in data if item.page.id in train_ids], args.l2)
        for source, items in by_source([item for item in data if item.page.id in test_ids]).items():
            cross_hits[source] += [right_share([item], weights, 0.0) for item in items]
    crossed = {source: float(np.mean(hits)) for source, hits in cross_hits.items()}
    print(f"inputs {inputs}, {len(data)} page inputs with a gold or silver title")
    for source, items in sorted(by_source(data).items()):
        ceiling = float(np.mean([item.right.any() for item in items]))
        print(
            f"  {source:28s} n={len(items):4d}  ceiling {ceiling:.3f}  "
            f"shipped {right_share(items, shipped, headline.MIN_HEADLINE_SCORE):.3f}  "
            f"fitted in-sample {right_share(items, fitted, 0.0):.3f}  cross-validated {crossed[source]:.3f}"
        )
    print("fitted weights:")
    for name, value in zip(NAMES, fitted, strict=True):
        print(f"  {name:22s} {value:+.2f}   (shipped {headline.WEIGHTS[name]:+.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
