"""The standfirst: a deck under the headline, else the lead paragraph."""

from __future__ import annotations

import pytest

from newsclean import clean
from newsclean.content.blocks import text_blocks
from newsclean.content.rules.base import Verdict
from newsclean.fields.standfirst import find_deck, is_deck_shaped, lead_excerpt
from newsclean.fields.structure import structure_article
from newsclean.model import ReasonCode
from newsclean.parsed import PageMetadata, ParsedPage

HEAD = """Home
Lighthouse keeper retires after forty years
Mara Quill never once let the lamp go out on her watch
By Ida Brook
The keeper of the Porthaven lighthouse climbed its 112 steps for the last time on Friday, forty years on.
Mara Quill, 67, said she would miss the view but not the stairs.
"""


def test_the_line_under_the_headline_before_the_byline_is_the_deck() -> None:
    blocks = text_blocks(HEAD)
    everything = [True] * len(blocks)
    assert find_deck(blocks, anchor=4, kept=[4, 5], claimable=everything, claimed=set(), headline_index=1) == 2


def test_a_deck_inside_the_kept_run_needs_a_byline_after_it() -> None:
    blocks = text_blocks(HEAD)
    everything = [True] * len(blocks)
    # The lead paragraph (4) follows the headline straight away once the deck and byline are claimed.
    assert find_deck(blocks, anchor=4, kept=[4, 5], claimable=everything, claimed={2, 3}, headline_index=1) is None
    # A summary line kept at the top of the body counts when the byline follows it.
    assert find_deck(blocks, anchor=2, kept=[2, 3, 4], claimable=everything, claimed=set(), headline_index=1) == 2


def test_no_headline_no_deck() -> None:
    blocks = text_blocks(HEAD)
    assert find_deck(blocks, 4, [4, 5], [True] * len(blocks), set(), None) is None


@pytest.mark.parametrize(
    ("text", "deck"),
    [
        ("Mara Quill never once let the lamp go out on her watch", True),
        ("The keeper says the stairs were the hardest part.", True),
        ("By Ida Brook and Sam Patel", False),
        ("Published March 5, 2024", False),
        ("The keeper at the lamp (Jo Bloggs/Coastal Press)", False),
        ("Sign up for our newsletter to get harbour news every morning", False),
        ("Short kicker", False),
        ("Read the full list of this week's sailings below:", False),
        ("PORTHAVEN – Hundreds of ferry passengers waited on the quay on Monday for the first sailing.", False),
    ],
)
def test_deck_shape(text: str, deck: bool) -> None:
    assert is_deck_shaped(text) is deck


def test_lead_excerpt_takes_the_first_paragraph_of_some_length() -> None:
    body = ["Exclusive", "The keeper of the lighthouse climbed its steps for the last time on Friday morning.", "More."]
    assert lead_excerpt(body) == body[1]
    assert lead_excerpt(["Exclusive", "Photos"]) is None


def test_a_long_lead_is_cut_after_the_sentence_that_passes_the_limit() -> None:
    first = "The keeper climbed the steps for the last time on Friday. " * 6
    lead = first + "Then she went home."
    excerpt = lead_excerpt([lead])
    assert excerpt is not None
    assert excerpt == first.strip()


def test_without_a_deck_the_standfirst_repeats_the_lead_and_the_body_keeps_it() -> None:
    text = HEAD.replace("Mara Quill never once let the lamp go out on her watch\n", "")
    article = clean(text.encode(), name="page.txt")
    assert article.standfirst == article.body[0]


def test_a_deck_leaves_the_body() -> None:
    article = clean(HEAD.encode(), name="page.txt")
    assert article.standfirst == "Mara Quill never once let the lamp go out on her watch"
    assert article.standfirst not in article.body


CAPTION = "Mara Quill polishes the lamp of the Porthaven lighthouse on her last morning at work"


@pytest.mark.parametrize(
    "copies",
    [
        [CAPTION],
        [CAPTION, CAPTION],
        # A gallery's expanded and collapsed views of the caption.
        [f"{CAPTION}. less", "Mara Quill polishes the lamp of the Porthaven lighthouse on ... more"],
    ],
)
def test_a_caption_over_its_credit_is_no_deck(copies: list[str]) -> None:
    lines = [
        "Home",
        "Lighthouse keeper retires after forty years",
        *copies,
        "Photo: Jo Bloggs, Coastal Press",
    ]
    blocks = text_blocks("\n".join([*lines, "By Ida Brook", *HEAD.splitlines()[4:]]))
    everything = [True] * len(blocks)
    anchor = len(lines) + 1
    found = find_deck(blocks, anchor=anchor, kept=[anchor], claimable=everything, claimed=set(), headline_index=1)
    assert found is None


def test_interface_labels_run_together_are_no_deck() -> None:
    assert not is_deck_shaped("Continue reading the main story Share This Page")
    # A summary may open with a word that is also a label.
    assert is_deck_shaped("Share prices in Porthaven fell after the ferry operator warned on its profits")


def test_a_keyword_or_name_list_is_no_deck_but_a_title_case_second_headline_may_be() -> None:
    assert not is_deck_shaped("Harbours Ferries Porthaven Coastal Press Lighthouse Keepers")
    assert not is_deck_shaped("Ida Brook, Coastal Press Agency; Porthaven Echo")
    assert is_deck_shaped("Porthaven Ferry Returns To The Quay After Three Months In Dry Dock")


def test_a_short_posts_only_paragraph_is_its_body_not_its_deck() -> None:
    """Deck-shaped and above the byline, but it says more than all that follows: it is the post."""
    page = ParsedPage(
        blocks=text_blocks(
            "Home\nPlum cake for a rainy Sunday\n"
            "A dark, dense plum cake that keeps for a week in a tin and tastes better on the third day.\n"
            "By Ida Brook\nClick for the recipe.\n"
        ),
        metadata=PageMetadata(),
    )
    found = structure_article(page, [Verdict("navigation_label", ReasonCode.NAVIGATION), None, None, None, None])
    assert found.body == [
        "A dark, dense plum cake that keeps for a week in a tin and tastes better on the third day.",
        "Click for the recipe.",
    ]
    assert found.standfirst != "Click for the recipe."


def test_a_deck_over_a_longer_body_stays_the_deck() -> None:
    article = clean(HEAD.encode(), name="page.txt")
    assert article.standfirst == "Mara Quill never once let the lamp go out on her watch"
    assert article.body[0].startswith("The keeper of the Porthaven lighthouse")
