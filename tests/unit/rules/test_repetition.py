from __future__ import annotations

from newsclean.model import ReasonCode
from newsclean.rules.repetition import CaptionControl, RepeatedBlock

CAPTION = "Lifeboat crew bring the trawler into harbour on Sunday (Jo Bloggs/Coastal Press)"


def test_lightbox_controls_and_glued_caption(page_of) -> None:
    page = page_of(f"{CAPTION} Expand", "Close", CAPTION, CAPTION)
    rule = CaptionControl()
    assert rule.reason is ReasonCode.CAPTION_CONTROL
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, False, False]


def test_text_ending_in_expand_without_a_copy_is_kept(page_of) -> None:
    page = page_of("Plans for the marina are set to expand")
    assert not CaptionControl().applies(page.blocks[0], page)


def test_repeats_after_the_first_are_duplicates(page_of) -> None:
    page = page_of(CAPTION, "The storm passed overnight.", CAPTION, CAPTION.upper())
    rule = RepeatedBlock()
    assert rule.reason is ReasonCode.DUPLICATE
    assert [rule.applies(b, page) for b in page.blocks] == [False, False, True, True]
