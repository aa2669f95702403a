"""An author's bio is not article text, where the content score took it for some."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.content.rules import region
from newsclean.content.rules.base import Page
from newsclean.content.rules.region import AuthorBio
from newsclean.model import ReasonCode
from tests.unit.linearity import Shape, superlinear_growth

ARTICLE = [
    "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen to traffic next week.",
    "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
    "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
]
BIO = "Ida Brook is a freelance writer based in Porthaven. She covers the harbour and the islands."


def page_of(lines: list[str], article: set[int]) -> Page:
    """A page whose content score took the blocks at ``article`` for article text."""
    blocks = text_blocks("\n".join(lines))
    return replace(Page.of(blocks), article_text=tuple(index in article for index in range(len(blocks))))


def test_a_bio_under_the_last_paragraph_goes() -> None:
    page = page_of([*ARTICLE, BIO], article={0, 1, 2, 3})
    assert AuthorBio.reason is ReasonCode.METADATA_LINE
    assert [AuthorBio().applies(block, page) for block in page.blocks] == [False, False, False, True]


def test_a_bio_in_its_box_above_the_article_goes() -> None:
    page = page_of(["About the author", BIO, "Posted on 5 May 2024 by Ida Brook", *ARTICLE], article={1, 2, 3, 4, 5})
    assert AuthorBio().applies(page.blocks[1], page)


@pytest.mark.parametrize(
    "opening",
    [
        "Ida Brook is a reporter who was arrested on the quay on Monday while filming the protest.",  # prose follows
        "Ida Brook was a journalist for forty years, and the town's harbour was her beat.",  # an obituary's past tense
        "The Porthaven Echo is a newspaper founded in 1852.",  # no person's name
    ],
)
def test_an_article_that_opens_like_a_bio_stays(opening: str) -> None:
    page = page_of([opening, *ARTICLE], article={0, 1, 2, 3})
    assert not AuthorBio().applies(page.blocks[0], page)


def test_the_bio_shape_takes_linear_time() -> None:
    for unit in ("Ab ", "A ", "is a x "):
        found = superlinear_growth(region._AUTHOR_BIO, Shape("", unit, " writer"))
        assert found is None, f"super-linear: {found}"
