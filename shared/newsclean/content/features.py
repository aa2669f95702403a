"""General signals of whether a block is article text, for the learned content score.

Each feature is one small named function of a block and its page; nothing in
here knows a site, a URL or a language list beyond function words. Block
features describe the block itself; context features describe its
neighbourhood, because boilerplate comes in runs (menus, teaser lists, footers)
and articles are runs of prose.
"""

from __future__ import annotations

import enum
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import itemgetter, sub

from newsclean.content.blocks import printed_in_a_run
from newsclean.content.language import detect_language, stopword_share
from newsclean.content.region import find_article_span, is_prose_block
from newsclean.model import Block, BlockKind
from newsclean.text import ends_like_sentence

_PUNCTUATION = re.compile(r"[^\w\s]")
_DIGIT = re.compile(r"\d")
_INNER_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
_SEPARATOR_MARKS = "|•·»›/"
_SEPARATORS = re.compile(rf"\s[{_SEPARATOR_MARKS}]\s")
_LEADING_MARK = re.compile(r"^[\-–—•*·>»›+]")
_QUOTE_START = re.compile(r"^[\"“‘'«„]")
_BYLINE_START = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+\w", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"\b\d{1,2}[:.]\d\d\b|\b(?:19|20)\d\d\b|\b\d+\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|"
    r"\b(?:yesterday|today|gestern|heute|hier|ayer|hoy|ieri|oggi)\b",
    re.IGNORECASE,
)
_ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s")

# A text dump's runs of lines tell lists from paragraphs when at least this share of its words
# stand on lines apart (5% of dev's page.txt dumps set less apart: fiction told in <div> lines).
MIN_SPACED_WORD_SHARE = 0.2


class Evidence(enum.IntFlag):
    """What the weak rules saw of a block: furniture words in the class names around it,
    interface wording in the block itself, both, or nothing."""

    NONE = 0
    CLASS_NAME = enum.auto()
    WORDING = enum.auto()


# The flags as plain ints, which the features test bit by bit (an enum's ``&`` costs a method call).
_CLASS_NAME_BIT = int(Evidence.CLASS_NAME)
_WORDING_BIT = int(Evidence.WORDING)


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
    kept_indexes: tuple[int, ...]  # the blocks the wording rules kept, the ones that get scored
    announced_list: frozenset[int]  # short blocks in a run under a sentence ending with ":"
    prose: tuple[bool, ...]  # whether each block reads as prose (``region.is_prose_block``), asked once
    # The weak evidence against each block: rules that name it furniture but leave the verdict
    # to the content score. Flagged blocks are scored; the page-wide facts above (span,
    # language, lengths) are read from the unflagged ones.
    flagged: tuple[int, ...] = ()  # ``Evidence`` bits
    # Text: whether each line was printed in a run of lines (``printed_in_runs``); () for HTML
    in_line_runs: tuple[bool, ...] = ()

    @classmethod
    def of(
        cls,
        blocks: tuple[Block, ...],
        kept: Sequence[bool],
        fingerprints: Sequence[str],
        flagged: Sequence[Evidence] | None = None,
    ) -> PageView:
        flags = tuple(map(int, flagged)) if flagged is not None else (0,) * len(blocks)
        clean = [keep and not flag for keep, flag in zip(kept, flags, strict=True)]
        kept_text = _language_sample(blocks, clean)
        counts = Counter(fingerprints)
        prose = tuple(map(is_prose_block, blocks))
        kept_indexes = tuple(index for index, keep in enumerate(kept) if keep)
        clean_indexes = [index for index in kept_indexes if clean[index]]
        return cls(
            blocks=blocks,
            kept=tuple(kept),
            language=detect_language(kept_text),
            article_span=find_article_span(blocks, clean),
            repeats=tuple(counts[key] for key in fingerprints),
            total_prose_words=sum(blocks[index].words for index in clean_indexes if prose[index]),
            longest_words=max((blocks[index].words for index in clean_indexes), default=0),
            kept_indexes=kept_indexes,
            announced_list=_announced_list(blocks, clean_indexes, prose),
            prose=prose,
            flagged=flags,
            in_line_runs=printed_in_runs(blocks),
        )


def printed_in_runs(blocks: Sequence[Block]) -> tuple[bool, ...]:
    """Per line of a text dump, whether it was printed with no blank line between it and the line
    above or below: a browser prints the items of a list or a menu so and sets a ``<p>`` apart,
    so a run is a list (a table's rows, with tab-separated cells, are not counted). Only on a
    dump that sets some of its text apart (``MIN_SPACED_WORD_SHARE``): one that prints every
    line close, or every line apart, says nothing of its lists. () for HTML and such dumps."""
    if not any(block.joined_above for block in blocks):
        return ()
    in_runs = tuple(printed_in_a_run(blocks, index) and block.cells == 1 for index, block in enumerate(blocks))
    total = sum(block.words for block in blocks)
    apart = sum(block.words for block, in_run in zip(blocks, in_runs, strict=True) if not in_run)
    return in_runs if apart >= MIN_SPACED_WORD_SHARE * total else ()


BlockFeature = Callable[[Block, PageView], float]


def named_as_furniture(block: Block, page: PageView) -> float:
    """An element around the block has a furniture word in its class or id ("sidebar", "promo")."""
    return 1.0 if page.flagged[block.index] & _CLASS_NAME_BIT else 0.0


def worded_as_furniture(block: Block, page: PageView) -> float:
    """A weak wording rule matched the block ("Related", a newsletter prompt, a contact line)."""
    return 1.0 if page.flagged[block.index] & _WORDING_BIT else 0.0


# Characters of the page's kept text that its language is read from.
LANGUAGE_SAMPLE = 4000


def _language_sample(blocks: Sequence[Block], kept: Sequence[bool]) -> str:
    """The first ``LANGUAGE_SAMPLE`` characters of the kept blocks of more than five words, joined
    by spaces; only as many blocks are joined as that takes (a 10 MB page's would be 37 MB)."""
    parts, length = [], -1
    for block, keep in zip(blocks, kept, strict=True):
        if keep and block.words > 5:
            parts.append(block.text)
            length += len(block.text) + 1
            if length >= LANGUAGE_SAMPLE:
                break
    return " ".join(parts)[:LANGUAGE_SAMPLE]


# A list that an article announces ("Here are the dates:") runs on for at most this many items.
MAX_ANNOUNCED_ITEMS = 60


def _announced_list(blocks: Sequence[Block], kept_indexes: Sequence[int], prose: Sequence[bool]) -> frozenset[int]:
    """Kept non-prose blocks that follow, with only such blocks between, a prose block ending
    with a colon: the items of a list the article itself introduces."""
    members: set[int] = set()
    open_list, items = False, 0
    for index in kept_indexes:
        if prose[index]:
            open_list, items = blocks[index].text.rstrip().endswith((":", "：")), 0
        elif open_list and items < MAX_ANNOUNCED_ITEMS:
            members.add(index)
            items += 1
    return frozenset(members)


def _share(pattern: re.Pattern[str], ascii_members: bytes, text: str) -> float:
    """The share of the text's characters that ``pattern`` (one character) matches; in ASCII
    text, those are ``ascii_members``, counted by deleting them (several times faster)."""
    if text.isascii():
        raw = text.encode("ascii")
        return (len(raw) - len(raw.translate(None, ascii_members))) / max(1, len(raw))
    return len(pattern.findall(text)) / max(1, len(text))


def _ascii_members(pattern: re.Pattern[str]) -> bytes:
    return bytes(code for code in range(128) if pattern.match(chr(code)))


_ASCII_PUNCTUATION = _ascii_members(_PUNCTUATION)
_ASCII_DIGITS = _ascii_members(_DIGIT)


def log_words(block: Block, page: PageView) -> float:
    return math.log1p(block.words)


def words_versus_longest(block: Block, page: PageView) -> float:
    """Length against the page's longest block: the article holds the page's longest text."""
    return block.words / max(1, page.longest_words)


def log_chars(block: Block, page: PageView) -> float:
    return math.log1p(len(block.text))


def ends_with_sentence_mark(block: Block, page: PageView) -> float:
    return float(ends_like_sentence(block.text))


def ends_cut_short(block: Block, page: PageView) -> float:
    """Teasers cut their headline or summary short with an ellipsis."""
    return float(block.text.endswith(("...", "…", "... ", "[…]", "[...]")))


def sentence_marks(block: Block, page: PageView) -> float:
    """Sentences inside the block (log): paragraphs hold several, labels none."""
    return math.log1p(len(_INNER_SENTENCE_END.findall(block.text)))


def function_word_share(block: Block, page: PageView) -> float:
    """Share of the page language's function words: high in prose, near zero in menus and names."""
    return stopword_share(block.text, page.language)


def punctuation_share(block: Block, page: PageView) -> float:
    return _share(_PUNCTUATION, _ASCII_PUNCTUATION, block.text)


def digit_share(block: Block, page: PageView) -> float:
    return _share(_DIGIT, _ASCII_DIGITS, block.text)


def capitalised_word_share(block: Block, page: PageView) -> float:
    """Title Case headings and name lists capitalise most words; sentences few."""
    words = block.text.split()
    return sum(map(str.isupper, map(itemgetter(0), words))) / len(words) if words else 0.0


def has_separators(block: Block, page: PageView) -> float:
    text = block.text
    return float(any(mark in text for mark in _SEPARATOR_MARKS) and bool(_SEPARATORS.search(text)))


def starts_with_mark(block: Block, page: PageView) -> float:
    return float(bool(_LEADING_MARK.match(block.text)))


def starts_with_quote(block: Block, page: PageView) -> float:
    return float(bool(_QUOTE_START.match(block.text)))


def repeated_on_page(block: Block, page: PageView) -> float:
    """How often the page prints this block (log), capped: a menu printed twice and a line
    printed 20,000 times in a flood are both repeats, and an unbounded value would let one
    feature outweigh all the others on inputs unlike any training page."""
    return math.log(min(page.repeats[block.index], MAX_COUNTED_REPEATS))


# Repeats counted by ``repeated_on_page``; the dev corpus's pages print a block at most a few
# dozen times.
MAX_COUNTED_REPEATS = 32


def starts_like_byline(block: Block, page: PageView) -> float:
    return float(block.words <= 16 and bool(_BYLINE_START.match(block.text)))


def timestamp_like(block: Block, page: PageView) -> float:
    """A short line that is mostly a date or a time: the head of an article or of each comment."""
    return float(block.words <= 10 and bool(_TIMESTAMP.search(block.text)))


def in_announced_list(block: Block, page: PageView) -> float:
    """One of the short lines under an article sentence that ends with a colon."""
    return float(block.index in page.announced_list)


def starts_with_item_number(block: Block, page: PageView) -> float:
    return float(bool(_ITEM_NUMBER.match(block.text)))


def reads_as_prose(block: Block, page: PageView) -> float:
    return float(page.prose[block.index])


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
    """An ``<li>``; in a text dump, a line of a run (``PageView.in_line_runs``)."""
    return float(block.kind is BlockKind.LIST_ITEM or (bool(page.in_line_runs) and page.in_line_runs[block.index]))


BLOCK_FEATURES: tuple[BlockFeature, ...] = (
    log_words,
    words_versus_longest,
    log_chars,
    ends_with_sentence_mark,
    ends_cut_short,
    sentence_marks,
    function_word_share,
    punctuation_share,
    digit_share,
    capitalised_word_share,
    has_separators,
    starts_with_mark,
    starts_with_quote,
    repeated_on_page,
    starts_like_byline,
    timestamp_like,
    starts_with_item_number,
    in_announced_list,
    reads_as_prose,
    inside_densest_prose,
    distance_from_densest_prose,
    relative_position,
    link_density,
    is_heading,
    is_list_item,
    named_as_furniture,
    worded_as_furniture,
)

# Neighbourhood features average a block signal over the kept blocks around it.
NEIGHBOUR_WINDOWS = (1, 3, 8)


def block_matrix(page: PageView) -> list[list[float]]:
    """One row of block features per kept block (the blocks the wording rules dropped are not
    scored), in page order."""
    return list(block_feature_rows(page))


def block_feature_rows(page: PageView) -> Iterator[list[float]]:
    """``block_matrix`` a row at a time, for a scorer that keeps no matrix. Computed a feature at
    a time over ``FEATURE_CHUNK`` blocks (one call per feature and chunk, not per block and
    feature), so the rows held at once stay few on a huge page."""
    blocks, kept_indexes = page.blocks, page.kept_indexes
    for start in range(0, len(kept_indexes), FEATURE_CHUNK):
        kept = [blocks[index] for index in kept_indexes[start : start + FEATURE_CHUNK]]
        columns = [list(map(feature, kept, repeat(page))) for feature in BLOCK_FEATURES]
        yield from map(list, zip(*columns, strict=True))


# Blocks whose features are computed together: enough to amortise the per-feature call, few
# enough that their rows weigh nothing next to the page.
FEATURE_CHUNK = 512


def context_rows(page: PageView, signals: Sequence[Sequence[float]]) -> list[list[float]]:
    """For each kept block, given signals over the kept blocks: the mean of each signal within
    each window of kept blocks before and after it, whether it sits between two high ones, and
    the signal's running share before it; then the share of the page's prose words before it
    and whether a wording rule dropped its neighbours. Linear in the page size (prefix sums),
    computed a column at a time (``context_columns``)."""
    return [list(row) for row in zip(*context_columns(page, signals), strict=True)]


def context_columns(page: PageView, signals: Sequence[Sequence[float]]) -> Iterator[list[float]]:
    """The columns of ``context_rows``, one at a time: a scorer can use each and let it go."""
    count = len(page.kept_indexes)
    for signal in signals:
        prefix = list(accumulate(signal, initial=0.0))
        nearest: tuple[list[float], list[float]] | None = None
        for window in NEIGHBOUR_WINDOWS:
            before, after = _window_means(prefix, window, count)
            nearest = nearest or (before, after)
            yield before
            yield after
        # Between two such blocks: a subheading between paragraphs, a menu item between items.
        if nearest is not None:
            yield list(map(min, *nearest))
        total = prefix[-1] or 1.0
        yield [value / total for value in prefix[:count]]
    prose_before = _prose_words_before(page)
    total_prose = max(1, page.total_prose_words)
    yield [prose_before[index] / total_prose for index in page.kept_indexes]
    yield _dropped_neighbours(page)


def _window_means(prefix: list[float], window: int, count: int) -> tuple[list[float], list[float]]:
    """Mean signal over up to ``window`` kept blocks before and after each kept block. Where one
    side has no kept block (the page starts or ends there), it is taken to look like the other
    side: the end of a page says nothing about whether the last paragraph belongs to the article."""
    if count < 2:
        return [0.0] * count, [0.0] * count
    # Ranks 1..count-1 have blocks before them: fewer than ``window`` near the start, then a full window.
    full = max(0, count - window)
    before = [(prefix[rank] - prefix[0]) / rank for rank in range(1, min(window, count))]
    before += [total / window for total in map(sub, prefix[window:count], prefix[:full])]
    # Ranks 0..count-2 have blocks after them: a full window, then fewer near the end.
    after = [total / window for total in map(sub, prefix[window + 1 : count + 1], prefix[1 : full + 1])]
    after += [(prefix[count] - prefix[rank + 1]) / (count - 1 - rank) for rank in range(full, count - 1)]
    return [after[0], *before], [*after, before[-1]]


def _prose_words_before(page: PageView) -> list[int]:
    running, out = 0, []
    for block, keep, prose in zip(page.blocks, page.kept, page.prose, strict=True):
        out.append(running)
        if keep and prose:
            running += block.words
    return out


def _dropped_neighbours(page: PageView) -> list[float]:
    """For each kept block, the share of the two blocks on each side that a wording rule dropped."""
    last = len(page.kept) - 1
    # Two blocks of padding at each end: off the page is neither kept nor dropped.
    dropped = [
        0,
        0,
        *(0 if keep and not flag else 1 for keep, flag in zip(page.kept, page.flagged, strict=True)),
        0,
        0,
    ]
    return [
        (dropped[index] + dropped[index + 1] + dropped[index + 3] + dropped[index + 4])
        / max(1, min(index, 2) + min(last - index, 2))
        for index in page.kept_indexes
    ]


def context_names(signals: Sequence[str]) -> tuple[str, ...]:
    """Names of the columns ``context_rows`` makes for the named signals."""
    names = []
    for signal in signals:
        for window in NEIGHBOUR_WINDOWS:
            names += [f"{signal}_mean_before_{window}", f"{signal}_mean_after_{window}"]
        names += [f"{signal}_between", f"{signal}_share_before"]
    return (*names, "prose_words_before_share", "dropped_neighbours")
