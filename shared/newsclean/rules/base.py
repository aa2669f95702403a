"""What every rule sees: one block and the page around it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol

from newsclean.model import Block, ReasonCode
from newsclean.rules.vocabulary import MAX_LABEL_WORDS, wording_kind
from newsclean.text import fingerprint


@dataclass(frozen=True, slots=True)
class Page:
    """Page-wide facts computed once, so that each rule stays a one-block decision."""

    blocks: tuple[Block, ...]
    fingerprints: tuple[str, ...]
    first_seen: Mapping[str, int]  # fingerprint -> index of its first block
    wording: tuple[str | None, ...]  # the interface-wording kind of each short block (vocabulary)
    # Known after the wording rules: where the article is.
    article_text: tuple[bool, ...] = ()  # the learned content score's label for each block
    comment_thread_start: int | None = None  # the heading of the reader comments, if any

    @classmethod
    def of(cls, blocks: tuple[Block, ...]) -> Page:
        prints = tuple(fingerprint(block.text) for block in blocks)
        first_seen: dict[str, int] = {}
        for index, key in enumerate(prints):
            first_seen.setdefault(key, index)
        wording = tuple(wording_kind(block.text) if block.words <= MAX_LABEL_WORDS else None for block in blocks)
        return cls(blocks=blocks, fingerprints=prints, first_seen=first_seen, wording=wording)


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
