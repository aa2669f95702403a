"""Which block is the headline: a linear score over a few named features.

A text dump carries no ``<h1>``: the headline is one short line among menu
items, teasers, captions and subheadings. What sets it apart, on any site:

- it stands just above the article's first paragraphs, usually right before
  the byline or date (``near_body``, ``before_head_cluster``);
- its words come back in the lead paragraphs (``lead_overlap``);
- it is shaped like a title: a handful of words, no final full stop, often title
  case (``good_length``, ``title_case``, ``sentence_end``);
- it is not interface wording, a menu item among menu items, a date, a photo
  credit or a label ("Filed under: ...") (``interface``, ``menu_item``,
  ``has_date``; a caption with a photo credit is never a candidate);
- in HTML it may be a heading, and the page may state its title
  (``heading``, ``declared_title``).

Each feature is one small function of a candidate block and the page around
it, returning a number in [0, 1]. ``WEIGHTS`` holds one weight per feature;
the candidate with the highest score wins if that score clears
``MIN_HEADLINE_SCORE``. The weights were fitted on the dev corpus by
``scripts/train_headline.py`` (conditional logit, cross-validated by site;
the script prints in-sample and cross-validated accuracy) and rounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from newsclean.content.rules import vocabulary
from newsclean.fields.bylines import Byline, parse_byline, split_credit
from newsclean.fields.dates import find_date
from newsclean.model import Block, BlockKind
from newsclean.text import ends_like_sentence, fingerprint

# How far above the article's first paragraph the headline is looked for, in blocks.
# Long head clusters (share bars, tag lists, photo credits) put it 30+ lines up.
HEADLINE_WINDOW = 40
# Outside these word counts a block is not considered at all.
MIN_WORDS, MAX_WORDS = 2, 40
# Word counts that headlines usually have.
GOOD_MIN_WORDS, GOOD_MAX_WORDS = 4, 20
# How many lead paragraphs are read for the headline's words.
LEAD_BLOCKS = 4
# A word shorter than this is not a content word for ``lead_overlap``.
MIN_CONTENT_CHARS = 4
# Blocks looked at on each side for a byline or date just after the headline.
HEAD_CLUSTER_REACH = 4
# A byline or date line is short.
HEAD_LINE_MAX_WORDS = 20

_LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "Tags: ...", "Filed under: ...", "Location: ...": one or two words and a colon.
_LABEL = re.compile(r"^[^\W\d_][\w&'’-]*(?: [\w&'’-]+)?\s?:")
_SEPARATORS = re.compile(r"[|»›«‹>]|https?://|www\.|\.com\b|@\w")
_NUMBER = re.compile(r"\d+")
_INTERFACE = (
    vocabulary.NAVIGATION,
    vocabulary.FOOTER,
    vocabulary.SHARE,
    vocabulary.COMMENTS,
    vocabulary.RELATED,
    vocabulary.ADVERTISEMENT,
    vocabulary.METADATA_LINE,
    vocabulary.CAPTION_CONTROLS,
)


@dataclass(frozen=True, slots=True)
class HeadPage:
    """What the features need to know about the page around the candidates."""

    blocks: Sequence[Block]
    anchor: int  # index of the article's first prose block
    lead_words: frozenset[str]  # content words of the lead paragraphs
    declared_title: frozenset[str]  # words of the title the page states (HTML, record), or empty
    head_lines: dict[int, bool] = field(default_factory=dict)  # cache of ``is_head_line`` by index
    words_of: dict[int, frozenset[str]] = field(default_factory=dict)  # cache of ``content_words``
    bylines: dict[int, Byline | None] = field(default_factory=dict)  # cache of ``parse_byline``
    dates: dict[int, str | None] = field(default_factory=dict)  # cache of ``find_date``

    def content_words_of(self, index: int) -> frozenset[str]:
        known = self.words_of.get(index)
        if known is None:
            known = self.words_of[index] = frozenset(content_words(self.blocks[index].text))
        return known

    def byline_of(self, index: int) -> Byline | None:
        if index not in self.bylines:
            self.bylines[index] = parse_byline(self.blocks[index].text)
        return self.bylines[index]

    def date_of(self, index: int) -> str | None:
        if index not in self.dates:
            self.dates[index] = find_date(self.blocks[index].text)
        return self.dates[index]

    def is_head_line(self, index: int) -> bool:
        """A byline or a date line (cached: several candidates look at the same blocks)."""
        known = self.head_lines.get(index)
        if known is None:
            known = self.blocks[index].words <= HEAD_LINE_MAX_WORDS and bool(
                self.byline_of(index) or self.date_of(index)
            )
            self.head_lines[index] = known
        return known


def content_words(text: str) -> set[str]:
    """Case-folded words of letters long enough to carry meaning (CJK text: character pairs)."""
    key = fingerprint(text)
    words = {word for word in key.split() if len(word) >= MIN_CONTENT_CHARS and word.isalpha()}
    for word in key.split():
        if len(word) > 8 and not word.isascii():
            words.update(word[i : i + 2] for i in range(len(word) - 1))
    return words


def head_page(blocks: Sequence[Block], kept: Sequence[int], anchor: int, declared_title: str | None) -> HeadPage:
    lead = [blocks[index].text for index in kept if index >= anchor][:LEAD_BLOCKS]
    words: set[str] = set()
    for text in lead:
        words |= content_words(text)
    return HeadPage(
        blocks=blocks,
        anchor=anchor,
        lead_words=frozenset(words),
        declared_title=frozenset(fingerprint(declared_title).split()) if declared_title else frozenset(),
    )


# ---------------------------------------------------------------- features


def near_body(page: HeadPage, index: int) -> float:
    """1 right above the first paragraph, falling off with the number of blocks in between."""
    gap = abs(page.anchor - index)
    return 1.0 / (1.0 + gap / 3.0)


def before_head_cluster(page: HeadPage, index: int) -> float:
    """A byline or a date follows within a few blocks, before the first paragraph."""
    stop = min(index + 1 + HEAD_CLUSTER_REACH, page.anchor + 1, len(page.blocks))
    return 1.0 if any(page.is_head_line(after) for after in range(index + 1, stop)) else 0.0


def lead_overlap(page: HeadPage, index: int) -> float:
    """Share of the block's content words that the lead paragraphs use again."""
    words = page.content_words_of(index)
    if not words:
        return 0.0
    return len(words & page.lead_words) / len(words)


def lead_echoes(page: HeadPage, index: int) -> float:
    """The lead paragraphs use two or more of the block's content words (one shared word is chance)."""
    return 1.0 if len(page.content_words_of(index) & page.lead_words) >= 2 else 0.0


def good_length(page: HeadPage, index: int) -> float:
    return 1.0 if GOOD_MIN_WORDS <= page.blocks[index].words <= GOOD_MAX_WORDS else 0.0


def title_case(page: HeadPage, index: int) -> float:
    """Share of words that start with a capital (all-caps lines count fully)."""
    words = _LETTER_WORD.findall(page.blocks[index].text)
    if not words:
        return 0.0
    return sum(word[0].isupper() for word in words) / len(words)


def sentence_end(page: HeadPage, index: int) -> float:
    """Ends with a full stop, colon or comma: a sentence, a label or a fragment rather than a title."""
    text = page.blocks[index].text.rstrip()
    return 1.0 if text.endswith((".", ":", ",", ";")) and not text.endswith("...") else 0.0


def interface(page: HeadPage, index: int) -> float:
    """Interface wording: menu, share, comment, related-link or advertisement labels."""
    text = page.blocks[index].text
    return 1.0 if any(pattern.match(text) for pattern in _INTERFACE) else 0.0


def labelled(page: HeadPage, index: int) -> float:
    """Opens with a one- or two-word label and a colon ("Tags: ...", "Film review: ...")."""
    return 1.0 if _LABEL.match(page.blocks[index].text) else 0.0


def separators(page: HeadPage, index: int) -> float:
    """Link-list separators, breadcrumb arrows, addresses or handles."""
    return 1.0 if _SEPARATORS.search(page.blocks[index].text) else 0.0


def numeric(page: HeadPage, index: int) -> float:
    """Share of the block's words that are numbers (dates, times, scores, counters)."""
    block = page.blocks[index]
    return min(1.0, len(_NUMBER.findall(block.text)) / max(1, block.words))


def lowercase_start(page: HeadPage, index: int) -> float:
    """Starts with a lower-case letter: the middle of a sentence, not a title."""
    text = page.blocks[index].text.lstrip(" \"'“‘(«")
    return 1.0 if text[:1].islower() else 0.0


def menu_item(page: HeadPage, index: int) -> float:
    """A short line between short lines: one item of a menu or a link list."""
    if page.blocks[index].words > 5:
        return 0.0
    neighbours = [page.blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(page.blocks)]
    return 1.0 if neighbours and all(block.words <= 5 for block in neighbours) else 0.0


def has_date(page: HeadPage, index: int) -> float:
    return 1.0 if page.date_of(index) else 0.0


def heading(page: HeadPage, index: int) -> float:
    """An HTML heading; ``<h1>`` counts fully, lower levels less."""
    block = page.blocks[index]
    if block.kind is not BlockKind.HEADING:
        return 0.0
    return 1.0 if block.heading_level <= 1 else 0.5


def declared_title(page: HeadPage, index: int) -> float:
    """Token overlap (F1) with the title the page states in its metadata."""
    if not page.declared_title:
        return 0.0
    words = set(fingerprint(page.blocks[index].text).split())
    shared = len(words & page.declared_title)
    if not shared:
        return 0.0
    return 2 * shared / (len(words) + len(page.declared_title))


Feature = Callable[[HeadPage, int], float]
FEATURES: Mapping[str, Feature] = MappingProxyType(
    {
        "near_body": near_body,
        "before_head_cluster": before_head_cluster,
        "lead_overlap": lead_overlap,
        "lead_echoes": lead_echoes,
        "good_length": good_length,
        "title_case": title_case,
        "sentence_end": sentence_end,
        "interface": interface,
        "labelled": labelled,
        "separators": separators,
        "numeric": numeric,
        "lowercase_start": lowercase_start,
        "menu_item": menu_item,
        "has_date": has_date,
        "heading": heading,
        "declared_title": declared_title,
    }
)
# Fitted by scripts/train_headline.py on the dev corpus (page.txt and page.html), rounded.
WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "near_body": 0.4,
        "before_head_cluster": 2.0,
        "lead_overlap": 1.9,
        "lead_echoes": 1.9,
        "good_length": 2.2,
        "title_case": -0.5,
        "sentence_end": -1.9,
        "interface": 0.0,
        "labelled": -0.5,
        "separators": -1.1,
        "numeric": -0.8,
        "lowercase_start": -0.7,
        "menu_item": -0.8,
        "has_date": -0.8,
        "heading": 1.5,
        "declared_title": 4.0,
    }
)
# A best candidate scoring below this is no headline (the page prints none in reach).
MIN_HEADLINE_SCORE = 0.0


def candidates(page: HeadPage, claimable: Sequence[bool], claimed: set[int]) -> list[int]:
    """Blocks above the article's first paragraph, in reach, that could be a headline at all."""
    first = max(0, page.anchor - HEADLINE_WINDOW)
    return [
        index
        for index in range(first, page.anchor)
        if claimable[index]
        and index not in claimed
        and MIN_WORDS <= page.blocks[index].words <= MAX_WORDS
        and not (page.is_head_line(index) and page.byline_of(index))
        and split_credit(page.blocks[index].text) is None
    ]


def features(page: HeadPage, index: int) -> dict[str, float]:
    return {name: feature(page, index) for name, feature in FEATURES.items()}


def score(page: HeadPage, index: int, weights: Mapping[str, float] = WEIGHTS) -> float:
    return sum(weights[name] * feature(page, index) for name, feature in FEATURES.items() if weights[name])


def find_headline(
    page: HeadPage, claimable: Sequence[bool], claimed: set[int], weights: Mapping[str, float] = WEIGHTS
) -> int | None:
    """The index of the best-scoring candidate, or None when none scores ``MIN_HEADLINE_SCORE``."""
    best, best_score = None, MIN_HEADLINE_SCORE
    for index in candidates(page, claimable, claimed):
        value = score(page, index, weights)
        if value > best_score:
            best, best_score = index, value
    return best


def first_prose(blocks: Sequence[Block], kept: Sequence[int]) -> int:
    """Where the article's prose starts: the first kept block that reads as a sentence of some length."""
    for index in kept:
        text = blocks[index].text
        if blocks[index].words >= 8 and ends_like_sentence(text):
            return index
    return kept[0]
