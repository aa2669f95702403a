from __future__ import annotations

import pytest

from newsclean.bylines import parse_byline, split_credit, split_dateline


@pytest.mark.parametrize(
    ("text", "authors", "agency"),
    [
        ("By Jane Doe and John Roe, Reuters", ("Jane Doe", "John Roe"), "Reuters"),
        ("By Associated Press Reporter", (), "Associated Press"),
        ("Associated Press", (), "Associated Press"),
        ("By Maria Okafor", ("Maria Okafor",), None),
        ("By MARIA OKAFOR", ("MARIA OKAFOR",), None),
        ("By Tomás de la Vega, Staff Writer", ("Tomás de la Vega",), None),
        ("By Ana Lima | March 5, 2024", ("Ana Lima",), None),
        ("Von Klaus Berger und Eva Roth", ("Klaus Berger", "Eva Roth"), None),
        ("Sam Patel, AFP", ("Sam Patel",), "AFP"),
    ],
)
def test_bylines_split_into_authors_and_agency(text: str, authors: tuple[str, ...], agency: str | None) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.printed == text
    assert byline.authors == authors
    assert byline.agency == agency


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
    ],
)
def test_credits_split_from_captions(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    "text", ["The council met on Tuesday (its third meeting this year)", "A vote is due (probably in May)"]
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
