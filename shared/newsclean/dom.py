"""What an HTML page's element tree says about where its article is.

The walk (``newsclean.html``) records a skeleton of the page: one entry per
block-level element with its parent, its tag and whether it names itself the
article. From it come DOM features for the content score: an article is one
element holding most of the page's prose, while menus, teaser rails and
footers sit in elements that hold little. Blocks inside the article's element
that do not read as prose themselves (a stats table, a list, a subheading)
are still inside it. Text dumps have no skeleton and never get these features.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsclean.model import Block
from newsclean.region import is_prose_block

# Blocks outside any recorded element (text input, or text directly under <body>).
NO_ELEMENT = -1
# Shares of the page's prose that define "the article's element": the deepest element holding
# more than half of it, and the deepest holding nearly all of it.
MAJORITY_SHARE = 0.5
MOST_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class DomSkeleton:
    """Block-level elements in document order: a parent always comes before its children."""

    parents: tuple[int, ...]
    tags: tuple[str, ...]
    names_article: tuple[bool, ...]  # <article>, <main>, itemprop=articleBody, "article-body"...


@dataclass(slots=True)
class SkeletonBuilder:
    parents: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    names_article: list[bool] = field(default_factory=list)

    def add(self, tag: str, parent: int, names_article: bool) -> int:
        self.parents.append(parent)
        self.tags.append(tag)
        self.names_article.append(names_article)
        return len(self.parents) - 1

    def build(self) -> DomSkeleton:
        return DomSkeleton(tuple(self.parents), tuple(self.tags), tuple(self.names_article))


@dataclass(frozen=True, slots=True)
class ElementTotals:
    """Per element, over the kept blocks inside it (its whole subtree): words and prose words."""

    words: list[float]
    prose_words: list[float]

    @classmethod
    def of(cls, skeleton: DomSkeleton, blocks: Sequence[Block], kept_indexes: Sequence[int]) -> ElementTotals:
        count = len(skeleton.parents)
        words, prose = [0.0] * count, [0.0] * count
        for index in kept_indexes:
            block = blocks[index]
            if block.element != NO_ELEMENT:
                words[block.element] += block.words
                prose[block.element] += block.words if is_prose_block(block) else 0.0
        # Children come after their parents, so one backward pass sums every subtree.
        for element in range(count - 1, -1, -1):
            parent = skeleton.parents[element]
            if parent != NO_ELEMENT:
                words[parent] += words[element]
                prose[parent] += prose[element]
        return cls(words, prose)


def deepest_holding(skeleton: DomSkeleton, totals: ElementTotals, share: float) -> int:
    """The deepest element holding more than ``share`` of the page's prose words (above half,
    those elements form one chain from the root, so the deepest is unique)."""
    total = sum(p for p, parent in zip(totals.prose_words, skeleton.parents, strict=True) if parent == NO_ELEMENT)
    if total <= 0:
        return NO_ELEMENT
    best, best_depth = NO_ELEMENT, -1
    depths = element_depths(skeleton)
    for element, prose in enumerate(totals.prose_words):
        if prose > share * total and depths[element] > best_depth:
            best, best_depth = element, depths[element]
    return best


def element_depths(skeleton: DomSkeleton) -> list[int]:
    depths: list[int] = []
    for parent in skeleton.parents:
        depths.append(0 if parent == NO_ELEMENT else depths[parent] + 1)
    return depths


def descendants_of(skeleton: DomSkeleton, ancestor: int) -> list[bool]:
    """Per element, whether it is ``ancestor`` or inside it."""
    inside: list[bool] = []
    for element, parent in enumerate(skeleton.parents):
        inside.append(element == ancestor or (parent != NO_ELEMENT and inside[parent]))
    return inside


def inside_article_naming(skeleton: DomSkeleton) -> list[bool]:
    """Per element, whether it or an ancestor names itself the article."""
    inside: list[bool] = []
    for element, parent in enumerate(skeleton.parents):
        inside.append(skeleton.names_article[element] or (parent != NO_ELEMENT and inside[parent]))
    return inside


DOM_FEATURE_NAMES = (
    "in_majority_prose_element",
    "in_most_prose_element",
    "parent_prose_share",
    "grandparent_prose_share",
    "parent_log_prose_words",
    "in_article_named_element",
    "from_paragraph_element",
)


def dom_rows(skeleton: DomSkeleton, blocks: Sequence[Block], kept_indexes: Sequence[int]) -> list[list[float]]:
    """One row of DOM features (``DOM_FEATURE_NAMES``) per kept block, in page order."""
    totals = ElementTotals.of(skeleton, blocks, kept_indexes)
    in_majority = descendants_of(skeleton, deepest_holding(skeleton, totals, MAJORITY_SHARE))
    in_most = descendants_of(skeleton, deepest_holding(skeleton, totals, MOST_SHARE))
    named = inside_article_naming(skeleton)
    rows = []
    for index in kept_indexes:
        element = blocks[index].element
        if element == NO_ELEMENT:
            rows.append([0.0] * len(DOM_FEATURE_NAMES))
            continue
        parent = skeleton.parents[element]
        grandparent = skeleton.parents[parent] if parent != NO_ELEMENT else NO_ELEMENT
        rows.append(
            [
                float(in_majority[element]),
                float(in_most[element]),
                _prose_share(totals, parent),
                _prose_share(totals, grandparent),
                math.log1p(totals.prose_words[parent]) if parent != NO_ELEMENT else 0.0,
                float(named[element]),
                float(skeleton.tags[element] == "p"),
            ]
        )
    return rows


def _prose_share(totals: ElementTotals, element: int) -> float:
    if element == NO_ELEMENT:
        return 0.0
    return totals.prose_words[element] / max(1.0, totals.words[element])
