"""The learned content score: how likely each block is article text.

Two logistic stages over ``newsclean.content.features``: the first sees each block and
how prose-like its neighbourhood is; the second sees each block and the first
stage's scores around it, so a short line between two paragraphs reads
differently from the same line in a menu. Weights come from
``benchmarks/train_content_model.py`` (cross-validated by site) and ship as
``data/content_model.json``; scoring is plain Python, no numerical library.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import repeat
from operator import add, mul
from typing import Any

from newsclean.content.features import (
    BLOCK_FEATURES,
    MAX_ANNOUNCED_ITEMS,
    PageView,
    block_feature_rows,
    context_columns,
    reads_as_prose,
    starts_like_byline,
    timestamp_like,
)
from newsclean.content.region import MAX_PROSE_LINK_DENSITY
from newsclean.html.dom import (
    DOM_FEATURE_NAMES,
    MAJORITY_SHARE,
    NO_ELEMENT,
    DomSkeleton,
    DomView,
    ElementTotals,
    deepest_holding,
    descendants_of,
)
from newsclean.model import BlockKind

MODEL_RESOURCE = "data/content_model.json"
# HTML pages have a model of their own: the same block features plus the DOM's (``newsclean.html.dom``).
HTML_MODEL_RESOURCE = "data/content_model_html.json"
# In the fallback for pages where no block clears the threshold: the share of the best score
# a block needs to join the best one.
NEAR_BEST = 0.5
# Longest block that the gap rule below turns into article text.
MAX_GAP_WORDS = 10
# A stretch between article blocks is article text when it is prose under headings: at most this
# many short blocks for each paragraph (a list of teaser titles has many more).
MAX_HEADINGS_PER_PARAGRAPH = 2
# A sentence that announces a list says something: "Here are the tools you'll need:".
MIN_ANNOUNCING_WORDS = 5
# Blocks that a reader takes for the article's structure: headings, list items, table rows, code,
# quotes; and how far below an element holding the article's paragraphs they may sit (a row:
# <tr> in <tbody> in <table>).
STRUCTURE_KINDS = frozenset(
    {BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW, BlockKind.PREFORMATTED, BlockKind.QUOTE}
)
MAX_STRUCTURE_GENERATIONS = 3
# Elements that are one item of a group under their parent: a list's items, a table's rows.
ITEM_TAGS = frozenset({"li", "dt", "dd", "tr"})
# Prose words in the page's densest run of prose that make it an article the score cannot miss.
MIN_DENSEST_PROSE_WORDS = 150
# ... in this many paragraphs at least: one long block is as often a reader's comment.
MIN_DENSEST_PROSE_BLOCKS = 3


@dataclass(frozen=True, slots=True)
class LinearStage:
    """Standardise, then a logistic unit: p = sigmoid(w · (x - mean) / scale + bias)."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    # The same unit on raw features: w / scale and bias - sum(w * mean / scale), so scoring a
    # row is one dot product.
    coefficients: tuple[float, ...] = field(init=False, repr=False, compare=False)
    intercept: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        coefficients = tuple(w / s for w, s in zip(self.weights, self.scales, strict=True))
        intercept = self.bias - sum(c * m for c, m in zip(coefficients, self.means, strict=True))
        object.__setattr__(self, "coefficients", coefficients)
        object.__setattr__(self, "intercept", intercept)

    def probability(self, row: Sequence[float]) -> float:
        return _logistic(self.intercept + sum(map(mul, row, self.coefficients)))

    def leading_sum(self, row: Sequence[float]) -> float:
        """The dot product over the first ``len(row)`` features: where a whole row's sum starts."""
        return sum(map(mul, row, self.coefficients))

    def probabilities(self, sums: Sequence[float], columns: Iterable[Sequence[float]], start: int) -> list[float]:
        """``probability`` of every row, given each row's ``leading_sum`` of its first ``start``
        features and the rest of its features a column at a time, so that no row is ever built.
        The terms are added in row order, one after the other, as sum() adds them (bit for bit
        on Python 3.11; 3.12's compensated sum() can differ in the last bit)."""
        for coefficient, column in zip(self.coefficients[start:], columns, strict=True):
            sums = array("d", map(add, sums, map(mul, column, repeat(coefficient))))
        return [_logistic(self.intercept + total) for total in sums]

    def to_dict(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias, "means": self.means, "scales": self.scales}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearStage:
        return cls(
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
            means=tuple(data["means"]),
            scales=tuple(data["scales"]),
        )


def _logistic(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@dataclass(frozen=True, slots=True)
class ContentModel:
    first: LinearStage
    second: LinearStage
    threshold: float  # blocks scoring below it are not article text

    def to_dict(self) -> dict[str, Any]:
        return {"first": self.first.to_dict(), "second": self.second.to_dict(), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContentModel:
        return cls(
            first=LinearStage.from_dict(data["first"]),
            second=LinearStage.from_dict(data["second"]),
            threshold=float(data["threshold"]),
        )


@cache
def bundled_model(resource: str = MODEL_RESOURCE) -> ContentModel:
    """A model shipped with the package, read once per process (it is immutable)."""
    text = resources.files("newsclean").joinpath(resource).read_text(encoding="utf-8")
    return ContentModel.from_dict(json.loads(text))


# Block features whose neighbourhood the first stage looks at.
FIRST_STAGE_SIGNALS = (reads_as_prose, timestamp_like)
SIGNAL_COLUMNS = tuple(BLOCK_FEATURES.index(feature) for feature in FIRST_STAGE_SIGNALS)


def first_stage_rows(page: PageView, blocks_rows: list[list[float]]) -> list[list[float]]:
    """Block features, then the first stage's signals around the block (``context_columns``)."""
    signals = [[row[column] for row in blocks_rows] for column in SIGNAL_COLUMNS]
    return _joined(blocks_rows, context_columns(page, signals))


def second_stage_rows(
    page: PageView, blocks_rows: list[list[float]], first: Sequence[float], dom: DomView | None = None
) -> list[list[float]]:
    """Block features, then ``second_stage_columns``."""
    return _joined(blocks_rows, second_stage_columns(page, first, dom))


def second_stage_columns(page: PageView, first: Sequence[float], dom: DomView | None = None) -> Iterator[list[float]]:
    """What the second stage reads besides a block's own features, a column at a time: the first
    stage's scores around the block, its own score, and its score relative to the page's best (a
    page with one short article still has a best paragraph). HTML adds the scores of the blocks
    in the same containers."""
    yield from context_columns(page, [first])
    best = max(first, default=0.0) or 1.0
    yield list(first)
    yield [score / best for score in first]
    if dom is not None:
        yield from dom.score_columns(first)


def _joined(rows: list[list[float]], columns: Iterable[Sequence[float]]) -> list[list[float]]:
    return [own + list(extra) for own, extra in zip(rows, zip(*columns, strict=True), strict=True)]


def article_text_labels(page: PageView, model: ContentModel, dom: DomView | None = None) -> list[bool]:
    """Whether each block is article text. A page with no prose at all has no article, however
    its menu items score. When no block of a page with prose clears the threshold, the best
    one still counts (with any block scoring near it, and in HTML the other blocks of their
    elements): a page with one short article among a huge menu, or whose article is a list, has
    an article, and an empty output helps no one."""
    labels = [False] * len(page.blocks)
    if page.total_prose_words == 0:
        return labels
    scores = content_scores(page, model, dom)
    chosen = [score >= model.threshold for score in scores]
    if not any(chosen) and scores:
        best = max(scores)
        chosen = [score >= best * NEAR_BEST for score in scores]
        if dom is not None:
            # The article is then a list or a table more often than not: what the chosen lines'
            # elements hold besides (the other dates of a calendar) is the article too.
            kept_blocks = [page.blocks[index] for index in page.kept_indexes]
            elements = {block.element for keep, block in zip(chosen, kept_blocks, strict=True) if keep} - {NO_ELEMENT}
            chosen = [keep or block.element in elements for keep, block in zip(chosen, kept_blocks, strict=True)]
    chosen = _around_the_choice(page, chosen)
    if dom is not None:
        inside = article_element(page, dom, chosen)
        chosen = _with_whole_elements(page, dom, chosen, inside)
        chosen = _with_structure_beside_the_text(page, dom, chosen)
        chosen = _with_the_articles_tail(page, chosen, inside)
    for index, label in zip(page.kept_indexes, chosen, strict=True):
        labels[index] = label
    return labels


def _around_the_choice(page: PageView, scored: list[bool]) -> list[bool]:
    """What the score's choice brings along, in this order: the densest run of paragraphs when
    the choice missed it, short lines and stretches of paragraphs between chosen blocks, the
    lists that chosen sentences announce, and the section heading over the first block."""
    chosen = _with_densest_prose(page, scored)
    chosen = _fill_short_gaps(page, chosen)
    chosen = _fill_prose_holes(page, chosen)
    chosen = _with_announced_lists(page, scored, chosen)
    return _first_section_heading(page, chosen)


def article_element(page: PageView, dom: DomView, chosen: Sequence[bool]) -> list[bool] | None:
    """HTML: which elements lie inside the article's element, the deepest element holding most
    of the chosen prose (``MAJORITY_SHARE``); None when no element does."""
    skeleton = dom.skeleton
    chosen_indexes = [index for rank, index in enumerate(page.kept_indexes) if chosen[rank]]
    article = deepest_holding(skeleton, ElementTotals.of(skeleton, page.blocks, chosen_indexes), MAJORITY_SHARE)
    return None if article == NO_ELEMENT else descendants_of(skeleton, article)


def _with_whole_elements(page: PageView, dom: DomView, chosen: list[bool], inside: list[bool] | None) -> list[bool]:
    """HTML: inside the article's element (``inside``, from ``article_element``), the lines of a
    paragraph element and the items of a list or the rows of a table share the fate
    of a chosen one. An author writes a ``<p>`` broken by ``<br>`` or a ``<ul>`` as one unit,
    while a score per block takes the long item of a feature list or the long line of a tour
    calendar and leaves the short ones. Not a flagged block, a link line, a byline or a time
    stamp: those sit in the article's first paragraph without being its text."""
    if inside is None:
        return chosen
    skeleton = dom.skeleton
    chosen_indexes = [index for rank, index in enumerate(page.kept_indexes) if chosen[rank]]
    units = {_unit(skeleton, element) for element in (page.blocks[index].element for index in chosen_indexes)}
    units = {unit for unit in units if unit is not None and inside[unit[1]]}
    if not units:
        return chosen
    filled = list(chosen)
    for rank, index in enumerate(page.kept_indexes):
        block = page.blocks[index]
        if chosen[rank] or page.flagged[index] or block.link_density > MAX_PROSE_LINK_DENSITY:
            continue
        if _unit(skeleton, block.element) in units:
            filled[rank] = not timestamp_like(block, page) and not starts_like_byline(block, page)
    return filled


def _with_structure_beside_the_text(page: PageView, dom: DomView, chosen: list[bool]) -> list[bool]:
    """HTML: a heading right above article text, and the list items, table rows, code and quotes
    that run on right after it, are the article's when they sit beside its paragraphs (their
    element at most ``MAX_STRUCTURE_GENERATIONS`` below an element holding a chosen paragraph),
    between the first and the last chosen block. A score per block rates a section heading, a
    list of steps or a results table low; where they continue the article's text they are part
    of it, while a box of links beside it is flagged, link-dense or cut off by a dropped block.
    Not a flagged block, nor a link line."""
    skeleton = dom.skeleton
    chosen_ranks = [rank for rank, label in enumerate(chosen) if label]
    if not chosen_ranks:
        return chosen
    containers = {
        skeleton.parents[page.blocks[index].element]
        for index in (page.kept_indexes[rank] for rank in chosen_ranks)
        if page.blocks[index].element != NO_ELEMENT and page.prose[index]
    }
    filled = list(chosen)
    for rank in range(chosen_ranks[0], chosen_ranks[-1] + 1):
        index = page.kept_indexes[rank]
        block = page.blocks[index]
        if chosen[rank] or block.kind not in STRUCTURE_KINDS or block.element == NO_ELEMENT:
            continue
        if page.flagged[index] or block.link_density > MAX_PROSE_LINK_DENSITY:
            continue
        # A heading heads the text under it; the other kinds continue the text above them.
        touching = chosen[rank + 1] if block.kind is BlockKind.HEADING else filled[rank - 1]
        filled[rank] = touching and _beside(skeleton, block.element, containers)
    return filled


def _with_the_articles_tail(page: PageView, chosen: list[bool], inside: list[bool] | None) -> list[bool]:
    """HTML: the blocks that run on from the last chosen block, one right after another inside
    the article's element (``article_element``), are article text when
    they hold a paragraph of prose; they end at the element's end or at the first flagged or
    link-heavy block ("You might also like:", a tag list). A score per block loses confidence
    towards an article's end, where a recipe's last ingredient list and step, or the text of an
    embedded post, sit."""
    if inside is None or not any(chosen):
        return chosen
    last = max(rank for rank, label in enumerate(chosen) if label)
    tail: list[int] = []
    previous = page.kept_indexes[last]
    for rank in range(last + 1, len(chosen)):
        index = page.kept_indexes[rank]
        block = page.blocks[index]
        if index != previous + 1 or block.element == NO_ELEMENT or not inside[block.element]:
            break
        if page.flagged[index] or block.link_density > MAX_PROSE_LINK_DENSITY:
            break
        tail.append(rank)
        previous = index
    if not any(page.prose[page.kept_indexes[rank]] for rank in tail):
        return chosen
    filled = list(chosen)
    for rank in tail:
        filled[rank] = True
    return filled


def _beside(skeleton: DomSkeleton, element: int, containers: set[int]) -> bool:
    ancestor = skeleton.parents[element]
    for _ in range(MAX_STRUCTURE_GENERATIONS):
        if ancestor == NO_ELEMENT:
            return False
        if ancestor in containers:
            return True
        ancestor = skeleton.parents[ancestor]
    return False


def _unit(skeleton: DomSkeleton, element: int) -> tuple[str, int] | None:
    """What a block's element is one part of: its paragraph (a ``<p>``), or the list or table
    its item or row belongs to (the parent element); None for other elements."""
    if element == NO_ELEMENT:
        return None
    tag = skeleton.tags[element]
    if tag == "p":
        return (tag, element)
    return (tag, skeleton.parents[element]) if tag in ITEM_TAGS else None


def _first_section_heading(page: PageView, chosen: list[bool]) -> list[bool]:
    """An article divided by headings of one level opens with one too: the heading of that
    level right above its first block is article text ("GIRLS BASKETBALL" over the first score
    of a round-up whose later sections the article's own headings open). Not a heading the page
    prints again: the author's name, over the article and in the page's head."""
    first = chosen.index(True) if True in chosen else 0
    if first == 0:
        return chosen
    above = page.blocks[page.kept_indexes[first - 1]]
    if above.kind is not BlockKind.HEADING or above.words > MAX_GAP_WORDS or page.repeats[above.index] > 1:
        return chosen
    inside = (page.blocks[index] for index, label in zip(page.kept_indexes, chosen, strict=True) if label)
    if not any(block.kind is BlockKind.HEADING and block.heading_level == above.heading_level for block in inside):
        return chosen
    return [*chosen[: first - 1], True, *chosen[first:]]


def _fill_short_gaps(page: PageView, chosen: list[bool]) -> list[bool]:
    """A short kept block between two article blocks is article text too (a subheading, a
    one-line quote): 87% of such lines in the dev corpus belong to the gold body, but they weigh
    too little in a word-weighted model to be learnt. Not a block a weak rule flagged: there the
    content score has the last word."""
    filled = list(chosen)
    for rank in range(1, len(chosen) - 1):
        index = page.kept_indexes[rank]
        short = page.blocks[index].words <= MAX_GAP_WORDS and not page.flagged[index]
        if short and not chosen[rank] and chosen[rank - 1] and chosen[rank + 1]:
            filled[rank] = True
    return filled


def _with_densest_prose(page: PageView, chosen: list[bool]) -> list[bool]:
    """The article cannot vanish: when the page's densest run of prose (``region``) is a run of
    paragraphs (``MIN_DENSEST_PROSE_BLOCKS``, ``MIN_DENSEST_PROSE_WORDS``) and the score chose
    nothing in it, its prose blocks are article text too. A score that took a sidebar essay or a
    box for the article is then wrong by a box, not by the whole article."""
    start, end = page.article_span
    ranks = [rank for rank, index in enumerate(page.kept_indexes) if start <= index < end]
    if not ranks or any(chosen[rank] for rank in ranks):
        return chosen
    prose = [
        rank for rank in ranks if page.prose[page.kept_indexes[rank]] and not page.flagged[page.kept_indexes[rank]]
    ]
    words = sum(page.blocks[page.kept_indexes[rank]].words for rank in prose)
    if len(prose) < MIN_DENSEST_PROSE_BLOCKS or words < MIN_DENSEST_PROSE_WORDS:
        return chosen
    filled = list(chosen)
    for rank in prose:
        filled[rank] = True
    return filled


def _fill_prose_holes(page: PageView, chosen: list[bool]) -> list[bool]:
    """A stretch of kept blocks between two article blocks that is all prose and short headings
    is article text: a linear score loses long paragraphs between subheadings, in languages and
    layouts it was not trained on, and boilerplate in mid-article is what the wording rules
    already dropped."""
    filled = list(chosen)
    chosen_ranks = [rank for rank, label in enumerate(chosen) if label]
    for left, right in zip(chosen_ranks, chosen_ranks[1:], strict=False):
        hole = range(left + 1, right)
        if not hole:
            continue
        blocks = [page.blocks[page.kept_indexes[rank]] for rank in hole]
        if any(page.flagged[block.index] for block in blocks):
            continue
        prose = sum(page.prose[block.index] for block in blocks)
        short = sum(block.words <= MAX_GAP_WORDS for block in blocks)
        if prose and prose + short == len(blocks) and short <= MAX_HEADINGS_PER_PARAGRAPH * prose:
            for rank in hole:
                filled[rank] = True
    return filled


def _with_announced_lists(page: PageView, scored: list[bool], chosen: list[bool]) -> list[bool]:
    """The items of a list that an article sentence announces ("The final standings after 36
    races:", "Here are the tools you'll need:") are article text: a table or a list of results is
    what the article is about, and its rows, short and full of digits, score like a menu. The
    items are the short blocks right under a block that ends with a colon, up to the next
    paragraph. The announcing block is one the score itself chose (``scored``; not a short line
    the gap rules let in: "Share this story on:"), of ``MIN_ANNOUNCING_WORDS``. A block a wording
    rule dropped or flagged ("You might also like:") ends the list."""
    filled = list(chosen)
    announced, items, previous = False, 0, -1
    for rank, index in enumerate(page.kept_indexes):
        block = page.blocks[index]
        if scored[rank] and block.words >= MIN_ANNOUNCING_WORDS and block.text.rstrip().endswith((":", "：")):
            announced, items = True, 0
        elif page.prose[index] or index != previous + 1 or page.flagged[index] or items >= MAX_ANNOUNCED_ITEMS:
            announced = False
        elif announced:
            filled[rank] = True
            items += 1
        previous = index
    return filled


def content_scores(page: PageView, model: ContentModel, dom: DomView | None = None) -> list[float]:
    """A probability per kept block (``page.kept_indexes``) that it is article text. An HTML
    model also reads the DOM features of the blocks and of their first-stage scores.

    The stages' rows are never built (``first_stage_rows`` and ``second_stage_rows`` give them,
    for training): each block's features are read once, into both stages' sums and the first
    stage's signals, then the context is added a column at a time. A 10 MB page has ~170,000
    blocks, whose rows of 60 floats took over 400 MB; this keeps four numbers a block."""
    width = len(BLOCK_FEATURES) + (len(DOM_FEATURE_NAMES) if dom is not None else 0)
    # Arrays of doubles: the same values as lists of floats, in a quarter of the memory.
    first_sums, second_sums = array("d"), array("d")
    signals = [array("d") for _ in SIGNAL_COLUMNS]
    for row in iter_block_rows(page, dom):
        first_sums.append(model.first.leading_sum(row))
        second_sums.append(model.second.leading_sum(row))
        for signal, column in zip(signals, SIGNAL_COLUMNS, strict=True):
            signal.append(row[column])
    first = model.first.probabilities(first_sums, context_columns(page, signals), start=width)
    return model.second.probabilities(second_sums, second_stage_columns(page, first, dom), start=width)


def block_rows(page: PageView, dom: DomView | None) -> list[list[float]]:
    return list(iter_block_rows(page, dom))


def iter_block_rows(page: PageView, dom: DomView | None) -> Iterator[list[float]]:
    """Each kept block's features (and its DOM features, for HTML), a row at a time."""
    rows = block_feature_rows(page)
    if dom is None:
        return rows
    return (own + extra for own, extra in zip(rows, dom.block_rows(), strict=True))
