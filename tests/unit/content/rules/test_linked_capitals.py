"""A link written in capitals between paragraphs is another story's headline."""

from __future__ import annotations

from newsclean import clean
from newsclean.content.rules.base import Page
from newsclean.content.rules.chrome import LinkedCapitals
from newsclean.model import Block, ReasonCode


def _applies(text: str, link_density: float) -> bool:
    page = Page.of((Block(index=0, text=text, link_density=link_density),))
    return LinkedCapitals().applies(page.blocks[0], page)


def test_a_linked_headline_in_capitals_is_a_teaser() -> None:
    assert LinkedCapitals.reason is ReasonCode.RELATED_LINKS
    assert _applies("HARBOUR BOARD APPROVES NEW FERRY AFTER LONG DEBATE", 1.0)
    assert _applies("'LIGHTHOUSE KEEPER' STAR OPENS UP ABOUT HER RETIREMENT", 0.95)


def test_capitals_that_are_not_one_link_stay() -> None:
    assert not _applies("HARBOUR BOARD APPROVES NEW FERRY AFTER LONG DEBATE", 0.5)  # a subheading with a link in it
    assert not _applies("Harbour board approves new ferry after long debate", 1.0)  # a link in sentence case
    assert not _applies("MORE NEWS", 1.0)  # two words: a menu label is other rules' business
    assert not _applies("By IDA BROOK", 1.0)  # a byline linked to its author's page


def test_a_linked_teaser_between_paragraphs_leaves_the_html_body() -> None:
    paragraphs = [
        "The Porthaven ferry carried its first passengers of the year on Monday after three months in dry dock.",
        "Harbour staff said the new engine was quieter and would cut the crossing time by almost ten minutes.",
        "Timetables for the summer season will be posted at the quay and in the library later this week.",
    ]
    teaser = "LIGHTHOUSE KEEPER RETIRES AFTER FORTY YEARS ON THE ROCK"
    html = (
        "<html><body><article><h1>Ferry returns after winter repairs</h1>"
        f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
        f'<p><a href="/keeper"><strong>{teaser}</strong></a></p><p>{paragraphs[2]}</p>'
        "</article></body></html>"
    )
    article = clean(html.encode(), name="page.html")
    assert list(article.body) == paragraphs
    assert any(entry.text == teaser and entry.rule == "linked_capitals" for entry in article.removed)
