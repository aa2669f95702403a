"""Rules that need the whole page: repeated blocks and lightbox controls."""

from __future__ import annotations

from typing import ClassVar

from newsclean.model import Block, ReasonCode
from newsclean.rules import vocabulary
from newsclean.rules.base import Page

# Lightboxes glue their control words onto a caption: "<caption> Expand".
_GLUED_CONTROLS = ("expand", "close", "enlarge", "open gallery", "show caption", "hide caption")


class CaptionControl:
    """Drops lightbox controls: a lone "Expand"/"Close", or a caption with the control glued on
    when the page prints the caption again on its own. Code: caption_control."""

    name: ClassVar[str] = "caption_control"
    reason: ClassVar[ReasonCode] = ReasonCode.CAPTION_CONTROL

    def applies(self, block: Block, page: Page) -> bool:
        if vocabulary.CAPTION_CONTROLS.match(block.text):
            return True
        key = page.fingerprints[block.index]
        for control in _GLUED_CONTROLS:
            if key.endswith(" " + control):
                caption = key[: -len(control) - 1]
                if caption in page.first_seen:
                    return True
        return False


class RepeatedBlock:
    """Drops a block already printed earlier on the page (gallery copies of a caption, menus
    repeated in the footer). The first occurrence stays. Code: duplicate."""

    name: ClassVar[str] = "repeated_block"
    reason: ClassVar[ReasonCode] = ReasonCode.DUPLICATE

    def applies(self, block: Block, page: Page) -> bool:
        key = page.fingerprints[block.index]
        return bool(key) and page.first_seen[key] < block.index
