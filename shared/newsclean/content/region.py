"""Where the article is: the run of blocks with the most prose in it.

Menus, teasers and footers are runs of short lines; an article is a run of
sentences. Each block scores plus its word count when it reads as prose and a
penalty when it does not; the article is the maximum-sum run (Kadane's
algorithm, linear time).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.model import Block
from newsclean.text import ends_like_sentence

# A block reads as prose with this many words and a sentence end; calibrated
# on the dev corpus by inspecting lines inside and outside gold bodies.
MIN_PROSE_WORDS = 8
# Long blocks read as prose even without final punctuation (quotes, lists run into text).
MIN_UNPUNCTUATED_PROSE_WORDS = 25
# What a non-prose block costs the run: a few stray short lines inside an
# article (subheadings, a credit) do not split it, a menu of ten does.
NON_PROSE_PENALTY = 3.0
# HTML: a block most of whose text is links is a link list or tag cloud, however long.
MAX_PROSE_LINK_DENSITY = 0.5
# Script text that a crude dump keeps ("function f(a) { ... }", an ad tag's URL) is full of
# these characters: on the dev dumps, no block of 25+ words with 8% of them is article text.
CODE_CHARACTERS = frozenset("{}();=<>[]\"'/\\&|+_:")
MAX_PROSE_CODE_SHARE = 0.08
_CODE_MARKS = "{};=<"
_CODE_BYTES = "".join(sorted(CODE_CHARACTERS)).encode("ascii")


def is_prose_block(block: Block) -> bool:
    """A sentence-ended block of some length, or a long one however it ends; not mostly links,
    not code."""
    if block.link_density > MAX_PROSE_LINK_DENSITY:
        return False
    if block.words >= MIN_UNPUNCTUATED_PROSE_WORDS:
        return not looks_like_code(block.text)
    return block.words >= MIN_PROSE_WORDS and ends_like_sentence(block.text) and not looks_like_code(block.text)


def looks_like_code(text: str) -> bool:
    """Script or markup text rather than sentences (``MAX_PROSE_CODE_SHARE``). Code has braces,
    semicolons, "=" or "<" somewhere; a block without any is prose-shaped at once (most blocks,
    and this is asked of every block)."""
    if not any(mark in text for mark in _CODE_MARKS):
        return False
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _CODE_BYTES)) >= MAX_PROSE_CODE_SHARE * len(raw)
    return sum(map(CODE_CHARACTERS.__contains__, text)) >= MAX_PROSE_CODE_SHARE * len(text)


def block_score(block: Block) -> float:
    if is_prose_block(block):
        return float(block.words)
    return -NON_PROSE_PENALTY - 0.5 * block.words


def find_article_span(blocks: Sequence[Block], kept: Sequence[bool]) -> tuple[int, int]:
    """The [start, end) index range of the best-scoring run among kept blocks."""
    best_sum, best_span = 0.0, (0, 0)
    run_sum, run_start = 0.0, 0
    for block, keep in zip(blocks, kept, strict=True):
        if not keep:
            continue
        if run_sum <= 0:
            run_sum, run_start = 0.0, block.index
        run_sum += block_score(block)
        if run_sum > best_sum:
            best_sum, best_span = run_sum, (run_start, block.index + 1)
    return best_span
