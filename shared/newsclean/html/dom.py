"""What an HTML page's element tree says about where its article is.

The walk (``newsclean.html.blocks``) records a skeleton of the page: one entry per
block-level element with its parent, its tag and whether it names itself the
article. From it come DOM features for the content score: an article is one
element holding most of the page's prose, while menus, teaser rails and
footers sit in elements that hold little. Blocks inside the article's element
that do not read as prose themselves (a stats table, a list, a subheading)
are still inside it. Text dumps have no skeleton and never get these features.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsclean.content.region import MAX_PROSE_LINK_DENSITY, is_prose_block
from newsclean.model import Block

# Blocks outside any recorded element (text input, or text directly under <body>).
NO_ELEMENT = -1
# Shares of the page's prose that define "the article's element": the deepest element holding
# more than half of it, and the deepest holding nearly all of it.
MAJORITY_SHARE = 0.5
MOST_SHARE = 0.8
# Images and their captions: inside the article's element, yet not its text.
FIGURE_TAGS = frozenset({"figure", "figcaption", "caption"})


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
    """Per element, over the kept blocks inside it (its whole subtree): words, prose words and
    words inside links."""

    words: list[float]
    prose_words: list[float]
    link_words: list[float]

    @classmethod
    def of(cls, skeleton: DomSkeleton, blocks: Sequence[Block], kept_indexes: Sequence[int]) -> ElementTotals:
        count = len(skeleton.parents)
        words, prose, links = [0.0] * count, [0.0] * count, [0.0] * count
        for index in kept_indexes:
            block = blocks[index]
            if block.element != NO_ELEMENT:
                words[block.element] += block.words
                prose[block.element] += block.words if is_prose_block(block) else 0.0
                links[block.element] += block.words * block.link_density
        # Children come after their parents, so one backward pass sums every subtree.
        for element in range(count - 1, -1, -1):
            parent = skeleton.parents[element]
            if parent != NO_ELEMENT:
                words[parent] += words[element]
                prose[parent] += prose[element]
                links[parent] += links[element]
        return cls(words, prose, links)


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


def inside_tags(skeleton: DomSkeleton, tags: frozenset[str]) -> list[bool]:
    """Per element, whether it or an ancestor has one of ``tags``."""
    inside: list[bool] = []
    for element, parent in enumerate(skeleton.parents):
        inside.append(skeleton.tags[element] in tags or (parent != NO_ELEMENT and inside[parent]))
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
    "parent_link_density",
    "in_article_named_element",
    "from_paragraph_element",
    "in_figure",
    "prose_in_majority_element",
    "links_in_majority_element",
)
SCORE_FEATURE_NAMES = ("parent_mean_score", "grandparent_mean_score")


@dataclass(frozen=True, slots=True)
class DomView:
    """A page's skeleton with the kept blocks placed in it: what the DOM features read."""

    skeleton: DomSkeleton
    blocks: Sequence[Block]
    kept_indexes: Sequence[int]
    totals: ElementTotals

    @classmethod
    def of(cls, skeleton: DomSkeleton, blocks: Sequence[Block], kept_indexes: Sequence[int]) -> DomView:
        return cls(skeleton, blocks, kept_indexes, ElementTotals.of(skeleton, blocks, kept_indexes))

    def _ancestor(self, index: int, generations: int) -> int:
        element = self.blocks[index].element
        for _ in range(generations):
            if element == NO_ELEMENT:
                break
            element = self.skeleton.parents[element]
        return element

    def block_rows(self) -> Iterator[list[float]]:
        """One row of DOM features (``DOM_FEATURE_NAMES``) per kept block, in page order, a row at a time."""
        skeleton, totals = self.skeleton, self.totals
        in_majority = descendants_of(skeleton, deepest_holding(skeleton, totals, MAJORITY_SHARE))
        in_most = descendants_of(skeleton, deepest_holding(skeleton, totals, MOST_SHARE))
        named = inside_article_naming(skeleton)
        figure = inside_tags(skeleton, FIGURE_TAGS)
        for index in self.kept_indexes:
            element = self.blocks[index].element
            if element == NO_ELEMENT:
                yield [0.0] * len(DOM_FEATURE_NAMES)
                continue
            parent, grandparent = self._ancestor(index, 1), self._ancestor(index, 2)
            block = self.blocks[index]
            mostly_links = block.link_density > MAX_PROSE_LINK_DENSITY
            yield [
                float(in_majority[element]),
                float(in_most[element]),
                _share(totals.prose_words, totals.words, parent),
                _share(totals.prose_words, totals.words, grandparent),
                math.log1p(totals.prose_words[parent]) if parent != NO_ELEMENT else 0.0,
                _share(totals.link_words, totals.words, parent),
                float(named[element]),
                float(skeleton.tags[element] == "p"),
                float(figure[element]),
                # The same signals inside and outside the article's element mean different
                # things: a prose list item there is the article's, a link line an aside.
                float(in_majority[element] and is_prose_block(block)),
                float(in_majority[element] and mostly_links),
            ]

    def score_columns(self, scores: Sequence[float]) -> list[list[float]]:
        """Per kept block, the mean score of the kept blocks under its parent and under its
        grandparent element (``SCORE_FEATURE_NAMES``), a column each: blocks of one container
        share a fate."""
        return [self._mean_by_ancestor(scores, generations) for generations in (1, 2)]

    def _mean_by_ancestor(self, scores: Sequence[float], generations: int) -> list[float]:
        ancestors = [self._ancestor(index, generations) for index in self.kept_indexes]
        sums: dict[int, float] = {}
        counts: dict[int, int] = {}
        for ancestor, score in zip(ancestors, scores, strict=True):
            sums[ancestor] = sums.get(ancestor, 0.0) + score
            counts[ancestor] = counts.get(ancestor, 0) + 1
        return [
            score if ancestor == NO_ELEMENT else sums[ancestor] / counts[ancestor]
            for ancestor, score in zip(ancestors, scores, strict=True)
        ]


def dom_rows(skeleton: DomSkeleton, blocks: Sequence[Block], kept_indexes: Sequence[int]) -> list[list[float]]:
    """One row of DOM features (``DOM_FEATURE_NAMES``) per kept block, in page order."""
    return list(DomView.of(skeleton, blocks, kept_indexes).block_rows())


def _share(part: list[float], whole: list[float], element: int) -> float:
    if element == NO_ELEMENT:
        return 0.0
    return part[element] / max(1.0, whole[element])
