"""Rules that need the whole page: repeated blocks and lightbox controls."""

from __future__ import annotations

import re
from typing import ClassVar

from newsclean.content.rules import vocabulary
from newsclean.content.rules.base import Page
from newsclean.model import Block, ReasonCode

# Lightboxes glue their control words onto a caption: "<caption> Expand".
_GLUED_SUFFIXES = tuple(
    " " + control for control in ("expand", "close", "enlarge", "open gallery", "show caption", "hide caption")
)
# Controls on their own are a word or two ("Close", "Open gallery", "3 of 12").
MAX_CONTROL_WORDS = 4
# A caption's collapsed view: its opening cut short, then "... more" to expand it.
_COLLAPSED = re.compile(r"(?:\.\.\.|…)\s*more$", re.IGNORECASE)
# The collapsed view keeps at least this many words of the caption (a bare "... more" is a link).
MIN_COLLAPSED_WORDS = 6
# A gallery prints a caption's two views together: the whole one is looked for this many blocks
# around the collapsed one (a bounded look, so that a flood of "... more" lines stays linear).
COLLAPSED_REACH = 3


class CaptionControl:
    """Drops lightbox controls: a lone "Expand"/"Close"; a caption with the control glued on
    when the page prints the caption again on its own; and a caption's collapsed view ("U.S.
    Defense Secretary Mark Esper, left, and ... more") when the page prints the caption in full.
    Code: caption_control."""

    name: ClassVar[str] = "caption_control"
    reason: ClassVar[ReasonCode] = ReasonCode.CAPTION_CONTROL

    def applies(self, block: Block, page: Page) -> bool:
        if block.words <= MAX_CONTROL_WORDS and vocabulary.CAPTION_CONTROLS.match(block.text):
            return True
        key = page.fingerprints[block.index]
        if key.endswith(" more"):
            return _collapsed_view(block, key, page)
        if not key.endswith(_GLUED_SUFFIXES):
            return False
        return any(key.endswith(suffix) and key[: -len(suffix)] in page.first_seen for suffix in _GLUED_SUFFIXES)


def _collapsed_view(block: Block, key: str, page: Page) -> bool:
    """Cut short with "... more", and what it keeps opens a longer block printed next to it."""
    if block.words < MIN_COLLAPSED_WORDS or not _COLLAPSED.search(block.text):
        return False
    opening = key[: -len(" more")] + " "
    near = page.fingerprints[max(0, block.index - COLLAPSED_REACH) : block.index + COLLAPSED_REACH + 1]
    return any(other.startswith(opening) and other != key for other in near)


class RepeatedBlock:
    """Drops a block already printed earlier on the page (gallery copies of a caption, menus
    repeated in the footer). The first occurrence stays, and so does every copy of a refrain
    (``Page.refrains``: an interview's question to each guest). Code: duplicate."""

    name: ClassVar[str] = "repeated_block"
    reason: ClassVar[ReasonCode] = ReasonCode.DUPLICATE

    def applies(self, block: Block, page: Page) -> bool:
        key = page.fingerprints[block.index]
        return (
            bool(key) and page.first_seen[key] < block.index and key not in page.refrains and _has_letters(block.text)
        )


def _has_letters(text: str) -> bool:
    """Numbers repeat as a table's cells do ("0", "7", "15"): only worded blocks are repeats."""
    return any(char.isalpha() for char in text)


class RepeatedOutsideArticle:
    """The HTML form of ``RepeatedBlock``, run once the article is known: drops a later copy
    unless the content score puts that copy in the article. In HTML the first copy is often the
    menu's or the breadcrumb's, and an interview prints the same question to each guest; the
    element tree tells the copies apart, which a text dump cannot. Code: duplicate."""

    name: ClassVar[str] = "repeated_outside_article"
    reason: ClassVar[ReasonCode] = ReasonCode.DUPLICATE

    def applies(self, block: Block, page: Page) -> bool:
        key = page.fingerprints[block.index]
        return bool(key) and page.first_seen[key] < block.index and not page.article_text[block.index]
