"""The headline finder: each named feature on invented lines, then the choice on invented dumps."""

from __future__ import annotations

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.fields import headline
from newsclean.fields.headline import HeadPage

DUMP = """Home
World
Business
Sport
Harbour dues to rise in spring
Ferry operator names new chief
Lighthouse keeper retires after forty years
By Ida Brook
March 5, 2024
Share
The keeper of the Porthaven lighthouse climbed its 112 steps for the last time on Friday, forty years on.
Mara Quill, 67, said she would miss the view but not the stairs, and that the lamp had never once gone out on her watch.
The lighthouse has been automated since the spring and will be run from the harbour office.
"""


def page_of(text: str, declared_title: str | None = None) -> tuple[HeadPage, list[int]]:
    blocks = text_blocks(text)
    kept = [block.index for block in blocks if block.words >= 12]
    anchor = headline.first_prose(blocks, kept)
    return headline.head_page(blocks, kept, anchor, declared_title), kept


def index_of(page: HeadPage, text: str) -> int:
    return next(block.index for block in page.blocks if block.text == text)


def test_the_line_above_the_byline_whose_words_the_lead_repeats_is_the_headline() -> None:
    page, _ = page_of(DUMP)
    found = headline.find_headline(page, [True] * len(page.blocks), set())
    assert found is not None
    assert page.blocks[found].text == "Lighthouse keeper retires after forty years"


def test_no_candidate_no_headline() -> None:
    page, _ = page_of("Home\nNews\n" + DUMP.splitlines()[10] + "\n")
    assert headline.find_headline(page, [True] * len(page.blocks), set()) is None


def test_blocks_already_claimed_or_not_claimable_are_skipped() -> None:
    page, _ = page_of(DUMP)
    title = index_of(page, "Lighthouse keeper retires after forty years")
    claimable = [index != title for index in range(len(page.blocks))]
    found = headline.find_headline(page, claimable, set())
    assert found != title
    assert headline.find_headline(page, [True] * len(page.blocks), {title}) != title


def test_credits_and_bylines_are_never_candidates() -> None:
    page, _ = page_of("The keeper at the lamp (Jo Bloggs/Coastal Press)\nBy Ida Brook\n" + DUMP)
    candidates = {page.blocks[index].text for index in headline.candidates(page, [True] * len(page.blocks), set())}
    assert "The keeper at the lamp (Jo Bloggs/Coastal Press)" not in candidates
    assert "By Ida Brook" not in candidates


@pytest.mark.parametrize(
    ("feature", "text", "expected"),
    [
        ("near_body", "Lighthouse keeper retires after forty years", 0.43),
        ("before_head_cluster", "Lighthouse keeper retires after forty years", 1.0),
        ("before_head_cluster", "World", 0.0),
        ("lead_overlap", "Lighthouse keeper retires after forty years", 0.67),
        ("lead_echoes", "Lighthouse keeper retires after forty years", 1.0),
        ("lead_echoes", "Ferry operator names new chief", 0.0),
        ("good_length", "Lighthouse keeper retires after forty years", 1.0),
        ("good_length", "Home", 0.0),
        ("menu_item", "World", 1.0),
        ("menu_item", "Lighthouse keeper retires after forty years", 0.0),
        ("has_date", "March 5, 2024", 1.0),
        ("interface", "Share", 1.0),
    ],
)
def test_features_on_the_sample_dump(feature: str, text: str, expected: float) -> None:
    page, _ = page_of(DUMP)
    assert headline.FEATURES[feature](page, index_of(page, text)) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("feature", "text", "expected"),
    [
        ("title_case", "Keeper Retires After Forty Years", 1.0),
        ("title_case", "keeper retires", 0.0),
        ("sentence_end", "The lamp never went out.", 1.0),
        ("sentence_end", "Will the lamp go out?", 0.0),
        ("sentence_end", "Coming up:", 1.0),
        ("labelled", "Tags: lighthouse, harbour", 1.0),
        ("labelled", "Filed under: Coast", 1.0),
        ("labelled", "Keeper retires after forty years on the rock", 0.0),
        ("separators", "Home » Coast » Lighthouses", 1.0),
        ("separators", "email story|print story", 1.0),
        ("separators", "Keeper retires after forty years", 0.0),
        ("numeric", "06.01.2024 01:07", 1.0),
        ("numeric", "Keeper retires after forty years", 0.0),
        ("lowercase_start", "to keep the lamp burning through the storm", 1.0),
        ("lowercase_start", "“Keep the lamp burning,” says keeper", 0.0),
    ],
)
def test_features_of_single_lines(feature: str, text: str, expected: float) -> None:
    page, _ = page_of(text + "\n" + DUMP)
    assert headline.FEATURES[feature](page, 0) == pytest.approx(expected, abs=0.01)


def test_a_declared_title_pulls_the_matching_line() -> None:
    page, _ = page_of(DUMP, declared_title="Ferry operator names new chief | Porthaven Post")
    assert headline.declared_title(page, index_of(page, "Ferry operator names new chief")) > 0.7
    assert headline.declared_title(page, index_of(page, "World")) == 0.0


def test_cjk_content_words_are_character_pairs() -> None:
    assert {"灯台", "台守"} <= headline.content_words("灯台守が四十年の勤務を終えて引退した")


def test_every_feature_has_a_weight() -> None:
    assert set(headline.FEATURES) == set(headline.WEIGHTS)


def test_first_prose_skips_short_kept_lines() -> None:
    blocks = text_blocks("Share\nThe keeper of the lighthouse climbed its steps for the last time on Friday.\n")
    assert headline.first_prose(blocks, [0, 1]) == 1
    assert headline.first_prose(blocks, [0]) == 0
