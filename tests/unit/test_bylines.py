from __future__ import annotations

import pytest

from newsclean.bylines import parse_byline, parse_name_line, split_credit, split_dateline, stated_byline


@pytest.mark.parametrize(
    ("text", "authors", "agency"),
    [
        ("By Jane Doe and John Roe, Reuters", ("Jane Doe", "John Roe"), "Reuters"),
        ("By Associated Press Reporter", (), "Associated Press"),
        ("Associated Press", (), "Associated Press"),
        ("AP Sports Writer", (), "AP"),
        ("By Maria Okafor", ("Maria Okafor",), None),
        ("By MARIA OKAFOR", ("MARIA OKAFOR",), None),
        ("Von Klaus Berger und Eva Roth", ("Klaus Berger", "Eva Roth"), None),
        ("Por Lucía Prado, Tomás Gil y Ana Ruiz", ("Lucía Prado", "Tomás Gil", "Ana Ruiz"), None),
        ("Sam Patel, AFP", ("Sam Patel",), "AFP"),
        ("Posted by Ida Brook", ("Ida Brook",), None),
    ],
)
def test_bylines_split_into_authors_and_agency(text: str, authors: tuple[str, ...], agency: str | None) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.printed == text
    assert byline.authors == authors
    assert byline.agency == agency


@pytest.mark.parametrize(
    ("text", "printed", "authors", "agency"),
    [
        ("By Ana Lima | March 5, 2024", "By Ana Lima", ("Ana Lima",), None),
        ("by Ana Lima March 5, 2024 11:00 PM PST", "by Ana Lima", ("Ana Lima",), None),
        ("By ANA LIMA MARCH 5, 2024", "By ANA LIMA", ("ANA LIMA",), None),
        ("By Ana Lima March 5 at 3:57 PM Follow @analima", "By Ana Lima", ("Ana Lima",), None),
        ("By Tomás de la Vega, Staff Writer", "By Tomás de la Vega", ("Tomás de la Vega",), None),
        ("By Ida Brook, Senior Policy Analyst, Harbour Trust", "By Ida Brook", ("Ida Brook",), None),
        ("By Ida Brook in Porthaven", "By Ida Brook", ("Ida Brook",), None),
        ("| By Ida Brook", "By Ida Brook", ("Ida Brook",), None),
        ("By Jane Doe, Reuters | May 3, 2020", "By Jane Doe, Reuters", ("Jane Doe",), "Reuters"),
        ("By Jane Doe, Staff Writer, Reuters", "By Jane Doe", ("Jane Doe",), "Reuters"),
    ],
)
def test_printed_byline_leaves_out_date_role_and_handle(
    text: str, printed: str, authors: tuple[str, ...], agency: str | None
) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.printed, byline.authors, byline.agency) == (printed, authors, agency)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Ida Brook", "Ida Brook"),
        ("Ida Brook, @idabrook", "Ida Brook"),
        ("Ida Brook 2 hours ago", "Ida Brook"),
        ("IDA BROOK", "IDA BROOK"),
        ("Tomás de la Vega", "Tomás de la Vega"),
    ],
)
def test_a_name_alone_reads_as_a_byline(text: str, printed: str) -> None:
    byline = parse_name_line(text)
    assert byline is not None
    assert byline.printed == printed
    assert byline.authors == (printed,)


def test_a_byline_that_goes_on_about_its_author() -> None:
    byline = parse_name_line(
        "By Ida Brook, a harbour reporter who has covered the coast for over a decade at the Porthaven Post."
    )
    assert byline is not None
    assert byline.printed == "By Ida Brook"
    assert byline.authors == ("Ida Brook",)


@pytest.mark.parametrize(
    "text",
    [
        "Print Article",
        "Resize Text",
        "Latest News",
        "Ida",
        "Ida Brook and Sam Patel",
        "Harbour News Home",
        "Get Started",
        "Part IV",
        "Join Now",
        "Listen Live",
        "Most Popular",
    ],
)
def test_interface_lines_are_not_names(text: str) -> None:
    assert parse_name_line(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "By the end of the week the ferry will be back in service.",
        "Harbour Bridge Reopens",
        "By train, bus and ferry: how to get to the festival",
        "Most Watched",
    ],
)
def test_not_bylines(text: str) -> None:
    assert parse_byline(text) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "PORTHAVEN, Maine (AP) — The harbour master said the ferry would resume on Monday:",
        "WILLOWMERE — Council members voted on Tuesday to repair the old footbridge",
    ],
)
def test_a_paragraph_opening_with_a_dateline_is_no_byline(paragraph: str) -> None:
    assert parse_byline(paragraph) is None
    assert parse_name_line(paragraph) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Porthaven's Harbour Board on Friday cleared the way for the new ferry terminal to open in spring",
        "Im Hafen der Stadt in Porthaven ist die Fähre seit Montag wieder unterwegs, sagt die Stadt",
    ],
)
def test_a_sentence_that_opens_with_a_name_is_no_name_line(sentence: str) -> None:
    assert parse_name_line(sentence) is None


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        (
            "Crowds on the quay at dawn (Jo Bloggs/Coastal Press)",
            "Crowds on the quay at dawn",
            "Jo Bloggs/Coastal Press",
        ),
        ("The mayor at the reopening. Photo: Lee Chan", "The mayor at the reopening.", "Lee Chan"),
        ("The old swing bridge © Porthaven Archive", "The old swing bridge", "© Porthaven Archive"),
        ("Firefighters at the scene (AP Photo)", "Firefighters at the scene", "AP Photo"),
        # A credit line alone in parentheses: the label stays with the credit, nothing is a caption.
        ("(All images: Porthaven Archive)", "", "All images: Porthaven Archive"),
        ("(Bild: Hersteller)", "", "Bild: Hersteller"),
    ],
)
def test_credits_split_from_captions(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    "text",
    ["The council met on Tuesday (its third meeting this year)", "A vote is due (probably in May)", "(Reuters)"],
)
def test_asides_in_parentheses_are_not_credits(text: str) -> None:
    assert split_credit(text) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the city overnight.", "KYIV, Ukraine (AP) —"),
        ("LONDON, Dec 29 (Reuters) - Shares rose in early trading on Friday.", "LONDON, Dec 29 (Reuters) -"),
        ("PORTHAVEN — The swing bridge reopened to traffic on Monday.", "PORTHAVEN —"),
    ],
)
def test_datelines(paragraph: str, dateline: str) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    assert found[0] == dateline
    assert paragraph.endswith(found[1])


@pytest.mark.parametrize(
    "paragraph", ["The bridge reopened on Monday — a week late.", "NHS waiting lists grew again in May."]
)
def test_no_dateline(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


def test_a_name_that_says_it_is_an_agency() -> None:
    byline = parse_byline("By Kernow Coast News Agency")
    assert byline is not None and byline.authors == () and byline.agency == "Kernow Coast News Agency"
    assert split_credit("The ferry at dawn (Kernow Coast News Agency)") == (
        "The ferry at dawn",
        "Kernow Coast News Agency",
    )


@pytest.mark.parametrize(
    ("author", "names", "authors", "agency"),
    [
        ("Ida Brook, Tom Vale", ("Ida Brook", "Tom Vale"), ("Ida Brook", "Tom Vale"), None),
        ("Ida Brook and Tom Vale", (), ("Ida Brook", "Tom Vale"), None),
        ("Associated Press", (), (), "Associated Press"),
        ("Contributors to the harbour wiki", ("Contributors to the harbour wiki",), (), None),
    ],
)
def test_a_stated_author_as_a_byline(
    author: str, names: tuple[str, ...], authors: tuple[str, ...], agency: str | None
) -> None:
    byline = stated_byline(author, names)
    assert (byline.printed, byline.authors, byline.agency) == (author, authors, agency)
