"""What every rule sees: one block and the page around it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from newsclean.content.region import is_prose_block
from newsclean.content.rules.vocabulary import MAX_LABEL_WORDS, wording_kind
from newsclean.model import Block, ReasonCode
from newsclean.text import fingerprint


@dataclass(frozen=True, slots=True)
class Page:
    """Page-wide facts computed once, so that each rule stays a one-block decision."""

    blocks: tuple[Block, ...]
    fingerprints: tuple[str, ...]
    first_seen: Mapping[str, int]  # fingerprint -> index of its first block
    wording: tuple[str | None, ...]  # the interface-wording kind of each short block (vocabulary)
    refrains: frozenset[str]  # fingerprints of repeated sentences that each lead into a paragraph
    # Known after the wording rules: where the article is.
    article_text: tuple[bool, ...] = ()  # the learned content score's label for each block
    comment_thread_start: int | None = None  # the heading of the reader comments, if any

    @classmethod
    def of(cls, blocks: tuple[Block, ...]) -> Page:
        prints = tuple(fingerprint(block.text) for block in blocks)
        first_seen: dict[str, int] = {}
        repeated: set[str] = set()  # few: the keys printed more than once
        for index, key in enumerate(prints):
            if first_seen.setdefault(key, index) != index:
                repeated.add(key)
        wording = tuple(wording_kind(block.text) if block.words <= MAX_LABEL_WORDS else None for block in blocks)
        return cls(
            blocks=blocks,
            fingerprints=prints,
            first_seen=first_seen,
            wording=wording,
            refrains=_refrains(blocks, prints, repeated),
        )


# A refrain is a sentence or a question, not a label: on dev page.txt, repeats of 5+ words that
# lead into paragraphs are 97% gold body text; shorter ones ("Our verdict", "The issue") 39%.
MIN_REFRAIN_WORDS = 5


def _refrains(blocks: Sequence[Block], prints: Sequence[str], repeated: set[str]) -> frozenset[str]:
    """Repeated blocks of a sentence's length every copy of which is followed by a paragraph
    printed once: the question an interview puts to each guest. A gallery's caption copies run
    into credits and controls, a menu's items into each other."""
    leads: dict[str, bool] = {}
    for index, key in enumerate(prints):
        if not key or key not in repeated or blocks[index].words < MIN_REFRAIN_WORDS:
            continue
        following = index + 1
        leads_into_paragraph = (
            following < len(blocks) and prints[following] not in repeated and is_prose_block(blocks[following])
        )
        leads[key] = leads.get(key, True) and leads_into_paragraph
    return frozenset(key for key, every_copy in leads.items() if every_copy)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A block's label: the rule that dropped it and why."""

    rule: str
    reason: ReasonCode


class Rule(Protocol):
    """One kind of boilerplate. ``applies`` says whether the block is of that kind."""

    name: ClassVar[str]
    reason: ClassVar[ReasonCode]

    def applies(self, block: Block, page: Page) -> bool: ...
