"""General signals of whether a block is article text, for the learned content score.

Each feature is one small named function of a block and its page; nothing in
here knows a site, a URL or a language list beyond function words. Block
features describe the block itself; context features describe its
neighbourhood, because boilerplate comes in runs (menus, teaser lists, footers)
and articles are runs of prose.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsclean.language import detect_language, stopword_share
from newsclean.model import Block, BlockKind
from newsclean.region import find_article_span, is_prose_block
from newsclean.text import ends_like_sentence

_PUNCTUATION = re.compile(r"[^\w\s]")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LETTER = re.compile(r"[^\W\d_]")
_CAPITALISED_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ]\w*")
_LATIN_WORD = re.compile(r"\b[^\W\d_]+\b")
_INNER_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
_SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s{3,}")
_URL_OR_EMAIL = re.compile(r"https?://|www\.|\S+@\S+\.\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LEADING_MARK = re.compile(r"^[\-–—•*·>»›+]")
_QUOTE_START = re.compile(r"^[\"“‘'«„]")
_BYLINE_START = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+\w", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"\b\d{1,2}[:.]\d\d\b|\b(?:19|20)\d\d\b|\b\d+\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|"
    r"\b(?:yesterday|today|gestern|heute|hier|ayer|hoy|ieri|oggi)\b",
    re.IGNORECASE,
)
_ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s")


@dataclass(frozen=True, slots=True)
class PageView:
    """What the features need of a page: its blocks, which the wording rules kept, its language."""

    blocks: tuple[Block, ...]
    kept: tuple[bool, ...]
    language: str | None
    article_span: tuple[int, int]
    repeats: tuple[int, ...]  # how many blocks of the page share this block's fingerprint
    total_prose_words: int
    longest_words: int  # words in the page's longest kept block

    @classmethod
    def of(cls, blocks: tuple[Block, ...], kept: Sequence[bool], fingerprints: Sequence[str]) -> PageView:
        kept_text = " ".join(block.text for block, keep in zip(blocks, kept, strict=True) if keep and block.words > 5)
        counts: dict[str, int] = {}
        for key in fingerprints:
            counts[key] = counts.get(key, 0) + 1
        return cls(
            blocks=blocks,
            kept=tuple(kept),
            language=detect_language(kept_text[:4000]),
            article_span=find_article_span(blocks, kept),
            repeats=tuple(counts[key] for key in fingerprints),
            total_prose_words=sum(b.words for b, keep in zip(blocks, kept, strict=True) if keep and is_prose_block(b)),
            longest_words=max((b.words for b, keep in zip(blocks, kept, strict=True) if keep), default=0),
        )


BlockFeature = Callable[[Block, PageView], float]


def _share(pattern: re.Pattern[str], text: str) -> float:
    return len(pattern.findall(text)) / max(1, len(text))


def log_words(block: Block, page: PageView) -> float:
    return math.log1p(block.words)


def words_versus_longest(block: Block, page: PageView) -> float:
    """Length against the page's longest block: the article holds the page's longest text."""
    return block.words / max(1, page.longest_words)


def log_chars(block: Block, page: PageView) -> float:
    return math.log1p(len(block.text))


def ends_with_sentence_mark(block: Block, page: PageView) -> float:
    return float(ends_like_sentence(block.text))


def sentence_marks(block: Block, page: PageView) -> float:
    """Sentences inside the block (log): paragraphs hold several, labels none."""
    return math.log1p(len(_INNER_SENTENCE_END.findall(block.text)))


def function_word_share(block: Block, page: PageView) -> float:
    """Share of the page language's function words: high in prose, near zero in menus and names."""
    return stopword_share(block.text, page.language)


def punctuation_share(block: Block, page: PageView) -> float:
    return _share(_PUNCTUATION, block.text)


def digit_share(block: Block, page: PageView) -> float:
    return _share(_DIGIT, block.text)


def uppercase_share(block: Block, page: PageView) -> float:
    letters = len(_LETTER.findall(block.text))
    return len(_UPPER.findall(block.text)) / max(1, letters)


def capitalised_word_share(block: Block, page: PageView) -> float:
    """Title Case headings and name lists capitalise most words; sentences few."""
    words = len(_LATIN_WORD.findall(block.text))
    return len(_CAPITALISED_WORD.findall(block.text)) / words if words else 0.0


def cjk_share(block: Block, page: PageView) -> float:
    return _share(_CJK, block.text)


def has_separators(block: Block, page: PageView) -> float:
    return float(bool(_SEPARATORS.search(block.text)))


def has_url_or_email(block: Block, page: PageView) -> float:
    return float(bool(_URL_OR_EMAIL.search(block.text)))


def starts_with_mark(block: Block, page: PageView) -> float:
    return float(bool(_LEADING_MARK.match(block.text)))


def starts_with_quote(block: Block, page: PageView) -> float:
    return float(bool(_QUOTE_START.match(block.text)))


def repeated_on_page(block: Block, page: PageView) -> float:
    return math.log(page.repeats[block.index])


def starts_like_byline(block: Block, page: PageView) -> float:
    return float(block.words <= 16 and bool(_BYLINE_START.match(block.text)))


def timestamp_like(block: Block, page: PageView) -> float:
    """A short line that is mostly a date or a time: the head of an article or of each comment."""
    return float(block.words <= 10 and bool(_TIMESTAMP.search(block.text)))


def starts_with_item_number(block: Block, page: PageView) -> float:
    return float(bool(_ITEM_NUMBER.match(block.text)))


def reads_as_prose(block: Block, page: PageView) -> float:
    return float(is_prose_block(block))


def inside_densest_prose(block: Block, page: PageView) -> float:
    start, end = page.article_span
    return float(start <= block.index < end)


def distance_from_densest_prose(block: Block, page: PageView) -> float:
    """Blocks away from the article's run, in log blocks (0 inside it)."""
    start, end = page.article_span
    if start <= block.index < end:
        return 0.0
    gap = start - block.index if block.index < start else block.index - end + 1
    return math.log1p(gap)


def relative_position(block: Block, page: PageView) -> float:
    return block.index / max(1, len(page.blocks) - 1)


def link_density(block: Block, page: PageView) -> float:
    return block.link_density


def is_heading(block: Block, page: PageView) -> float:
    return float(block.kind is BlockKind.HEADING)


def is_list_item(block: Block, page: PageView) -> float:
    return float(block.kind is BlockKind.LIST_ITEM)


def is_table_cell(block: Block, page: PageView) -> float:
    return float(block.kind is BlockKind.TABLE_CELL)


BLOCK_FEATURES: tuple[BlockFeature, ...] = (
    log_words,
    words_versus_longest,
    log_chars,
    ends_with_sentence_mark,
    sentence_marks,
    function_word_share,
    punctuation_share,
    digit_share,
    uppercase_share,
    capitalised_word_share,
    cjk_share,
    has_separators,
    has_url_or_email,
    starts_with_mark,
    starts_with_quote,
    repeated_on_page,
    starts_like_byline,
    timestamp_like,
    starts_with_item_number,
    reads_as_prose,
    inside_densest_prose,
    distance_from_densest_prose,
    relative_position,
    link_density,
    is_heading,
    is_list_item,
    is_table_cell,
)

# Neighbourhood features average a block signal over the kept blocks around it.
NEIGHBOUR_WINDOWS = (1, 3, 8)


def block_matrix(page: PageView) -> list[list[float]]:
    """One row of block features per block; blocks the wording rules dropped are not scored,
    so their rows stay zero."""
    empty = [0.0] * len(BLOCK_FEATURES)
    return [
        [feature(block, page) for feature in BLOCK_FEATURES] if keep else empty
        for block, keep in zip(page.blocks, page.kept, strict=True)
    ]


def context_rows(page: PageView, signals: Sequence[Sequence[float]]) -> list[list[float]]:
    """For each block: the mean of each signal over the kept blocks within each window before
    and after it and the signal's running share before it, then the share of the page's prose
    words before it, and whether a wording rule dropped its neighbours. Linear in the page size
    (prefix sums)."""
    kept_indexes = [index for index, keep in enumerate(page.kept) if keep]
    position = {index: rank for rank, index in enumerate(kept_indexes)}
    prefixes = [_prefix_sums(signal, kept_indexes) for signal in signals]
    prose_before = _prose_words_before(page)
    count = len(kept_indexes)
    rows = []
    for block in page.blocks:
        rank = position.get(block.index)
        row: list[float] = []
        for prefix in prefixes:
            for window in NEIGHBOUR_WINDOWS:
                row.extend(_window_means(prefix, rank, window, count))
            # Between two such blocks: a subheading between paragraphs, a menu item between items.
            row.append(min(row[-2 * len(NEIGHBOUR_WINDOWS)], row[-2 * len(NEIGHBOUR_WINDOWS) + 1]))
            row.append(prefix[rank] / max(1, prefix[-1]) if rank is not None else 0.0)
        row.append(prose_before[block.index] / max(1, page.total_prose_words))
        row.append(_dropped_neighbours(page, block.index))
        rows.append(row)
    return rows


def _prefix_sums(signal: Sequence[float], kept_indexes: Sequence[int]) -> list[float]:
    prefix = [0.0]
    for index in kept_indexes:
        prefix.append(prefix[-1] + signal[index])
    return prefix


def _window_means(prefix: list[float], rank: int | None, window: int, count: int) -> tuple[float, float]:
    """Mean signal over up to ``window`` kept blocks before and after. Where one side has no
    kept block (the page starts or ends there), it is taken to look like the other side: the
    end of a page says nothing about whether the last paragraph belongs to the article."""
    if rank is None:
        return 0.0, 0.0
    before_start = max(0, rank - window)
    after_end = min(count, rank + 1 + window)
    before_count, after_count = rank - before_start, after_end - rank - 1
    before = (prefix[rank] - prefix[before_start]) / before_count if before_count else None
    after = (prefix[after_end] - prefix[rank + 1]) / after_count if after_count else None
    if before is None:
        before = after if after is not None else 0.0
    if after is None:
        after = before
    return before, after


def _prose_words_before(page: PageView) -> list[int]:
    running, out = 0, []
    for block, keep in zip(page.blocks, page.kept, strict=True):
        out.append(running)
        if keep and is_prose_block(block):
            running += block.words
    return out


def _dropped_neighbours(page: PageView, index: int) -> float:
    """Share of the two blocks on each side that a wording rule already dropped."""
    around = [i for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < len(page.blocks)]
    return sum(not page.kept[i] for i in around) / max(1, len(around))


def context_names(signals: Sequence[str]) -> tuple[str, ...]:
    """Names of the columns ``context_rows`` makes for the named signals."""
    names = []
    for signal in signals:
        for window in NEIGHBOUR_WINDOWS:
            names += [f"{signal}_mean_before_{window}", f"{signal}_mean_after_{window}"]
        names += [f"{signal}_between", f"{signal}_share_before"]
    return (*names, "prose_words_before_share", "dropped_neighbours")
