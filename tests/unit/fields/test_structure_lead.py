"""A stated description that repeats the article's first paragraph: standfirst, and still body."""

from __future__ import annotations

from newsclean import clean

FIRST = (
    "The tide mill on Porthaven creek turned again on Saturday for the first time since the flood of 1987, "
    "after volunteers spent four winters rebuilding its wheel."
)
REST = (
    "<p>Ida Brook, who chairs the mill trust, said the first sacks of flour would go to the harbour bakery, "
    "which had promised to bake a loaf for every volunteer.</p>"
    "<p>The mill will open to visitors at weekends from June, tides permitting, and school groups are welcome.</p>"
)


def _page(description: str, deck: str = "") -> str:
    return (
        f'<html><head><meta name="description" content="{description}"></head><body><article>'
        f"<h1>Tide mill turns again after 37 years</h1>{deck}<p>{FIRST}</p>{REST}</article></body></html>"
    )


def test_a_description_repeating_the_first_paragraph_leaves_it_in_the_body() -> None:
    article = clean(_page(FIRST).encode(), name="page.html")
    assert article.standfirst == FIRST
    assert article.body[0] == FIRST


def test_a_deck_above_the_article_matching_the_description_leaves_the_body() -> None:
    deck = "Volunteers rebuilt the wheel over four winters."
    article = clean(_page(deck, f"<p class='standfirst'>{deck}</p>").encode(), name="page.html")
    assert article.standfirst == deck
    assert deck not in article.body
    assert article.body[0] == FIRST
