"""Which line under the headline of a text dump is the byline."""

from __future__ import annotations

from newsclean import clean

HEADLINE = "Porthaven ferry returns after winter repairs"
PARAGRAPHS = [
    "The Porthaven ferry carried its first passengers of the year on Monday after three months in dry dock.",
    "Harbour staff said the new engine was quieter and would cut the crossing time by almost ten minutes.",
    "Timetables for the summer season will be posted at the quay and in the library later this week.",
]


def test_a_name_printed_alone_under_the_headline_is_the_byline() -> None:
    article = clean("\n".join([HEADLINE, "Ida Brook", *PARAGRAPHS]).encode(), name="page.txt")
    assert article.byline == "Ida Brook"
    assert list(article.body) == PARAGRAPHS


def test_a_name_under_a_deck_is_the_byline() -> None:
    deck = "A new engine and a fresh coat of paint should see the old ferry through another decade."
    article = clean("\n".join([HEADLINE, deck, "Ida Brook", *PARAGRAPHS]).encode(), name="page.txt")
    assert article.byline == "Ida Brook"


def test_a_short_heading_after_the_first_paragraphs_is_no_byline() -> None:
    lines = [HEADLINE, *PARAGRAPHS[:2], "Quieter Engines", PARAGRAPHS[2]]
    article = clean("\n".join(lines).encode(), name="page.txt")
    assert article.byline is None
    assert list(article.body[:2]) == PARAGRAPHS[:2]


def test_a_name_printed_alone_takes_no_paragraph_above_it_out_of_the_body() -> None:
    # A name alone is weak evidence: it may be a caption's subject. A "By" line is not.
    article = clean("\n".join([HEADLINE, PARAGRAPHS[0], "Ida Brook", *PARAGRAPHS[1:]]).encode(), name="page.txt")
    assert article.byline == "Ida Brook"
    assert list(article.body) == PARAGRAPHS


def test_a_name_over_a_date_line_is_the_byline_however_far_below_the_headline() -> None:
    between = ["Print article", "Email", "Normal font", "Large font"]  # too far for a name alone
    for date in ("9/11/13 10:00AM", "January 19, 2008 12:00am"):
        lines = [HEADLINE, *between, "Ida Brook", date, *PARAGRAPHS]
        article = clean("\n".join(lines).encode(), name="page.txt")
        assert article.byline == "Ida Brook", date
        assert list(article.body[-3:]) == PARAGRAPHS


def test_a_name_far_below_the_headline_without_a_date_is_no_byline() -> None:
    lines = [HEADLINE, "Print article", "Email", "Normal font", "Large font", "Ida Brook", "Share", *PARAGRAPHS]
    assert clean("\n".join(lines).encode(), name="page.txt").byline is None


def test_a_name_under_the_second_copy_of_the_headline_is_the_byline() -> None:
    # The title printed twice (a page header, then the story's own), the name under the second.
    deck = "A new engine and a fresh coat of paint should see the old ferry through another decade."
    lines = [HEADLINE, "Published on: March 3, 2024", "5 min read", HEADLINE, deck, "Ida Brook", *PARAGRAPHS]
    article = clean("\n".join(lines).encode(), name="page.txt")
    assert article.headline == HEADLINE
    assert article.byline == "Ida Brook"
    assert list(article.body) == PARAGRAPHS
    # Without the second copy the name is out of reach of the headline.
    without_copy = [HEADLINE, "Published on: March 3, 2024", "5 min read", "Print article", deck, "Ida Brook"]
    assert clean("\n".join([*without_copy, *PARAGRAPHS]).encode(), name="page.txt").byline is None


def test_by_on_a_line_of_its_own_over_the_name_is_one_byline() -> None:
    article = clean("\n".join([HEADLINE, "By", "Ida Brook", *PARAGRAPHS]).encode(), name="page.txt")
    assert article.byline == "By Ida Brook"
    assert article.authors == ("Ida Brook",)
    assert list(article.body) == PARAGRAPHS


def test_by_on_a_line_of_its_own_over_no_name_is_no_byline() -> None:
    lines = [HEADLINE, "By", "TO THE EDITOR", *PARAGRAPHS]
    article = clean("\n".join(lines).encode(), name="page.txt")
    assert article.byline is None


def test_a_name_over_a_role_line_is_the_byline_however_far_below_the_headline() -> None:
    between = ["Print article", "Email", "Normal font", "Large font"]  # too far for a name alone
    for under, byline in (("Harbour Post Reporter", "Ida Brook"), ("Harbour Post Office", None)):
        lines = [HEADLINE, *between, "Ida Brook", under, *PARAGRAPHS]
        assert clean("\n".join(lines).encode(), name="page.txt").byline == byline, under
