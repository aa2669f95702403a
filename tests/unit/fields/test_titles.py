"""Site names off stated titles, and when a printed headline is the stated title."""

from __future__ import annotations

import re

import pytest

from newsclean.fields import titles
from newsclean.fields.titles import (
    is_site_name,
    same_title,
    site_keys,
    strip_site_name,
    title_overlap,
    without_edge_segment,
    without_heading_marks,
)
from tests.unit.linearity import Shape, superlinear_growth

KEYS = site_keys(["Porthaven Post"], "https://www.porthaven-post.example/news/harbour")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Swing bridge reopens | Porthaven Post", "Swing bridge reopens"),
        ("Swing bridge reopens - The Porthaven Post", "Swing bridge reopens"),
        ("Swing bridge reopens – porthaven-post.example", "Swing bridge reopens"),
        ("Porthaven Post: Swing bridge reopens", "Swing bridge reopens"),
        ("Swing bridge reopens _Local_Porthaven Post", "Swing bridge reopens _Local"),
        # A segment that does not name the site stays: it may be the headline's own words.
        ("Swing bridge reopens - six months late", "Swing bridge reopens - six months late"),
        ("Covid-19 rules lifted at the harbour", "Covid-19 rules lifted at the harbour"),
        # A segment that only mentions the site is the headline's: "Post" is in both.
        (
            "How the Porthaven Post built its tide app - a year of work",
            "How the Porthaven Post built its tide app - a year of work",
        ),
        ("Swing bridge reopens | Porthaven Post Online", "Swing bridge reopens"),
        # The site's name alone is not taken off itself.
        ("Porthaven Post", "Porthaven Post"),
    ],
)
def test_site_name_segments_come_off(title: str, expected: str) -> None:
    assert strip_site_name(title, KEYS) == expected


def test_no_site_known_nothing_comes_off() -> None:
    assert (
        strip_site_name("Swing bridge reopens | Porthaven Post", frozenset()) == "Swing bridge reopens | Porthaven Post"
    )


def test_a_short_site_name_must_match_whole() -> None:
    keys = site_keys(["AP"], None)
    assert strip_site_name("Apple harvest late - Apples", keys) == "Apple harvest late - Apples"
    assert strip_site_name("Apple harvest late - AP", keys) == "Apple harvest late"


def test_a_title_that_only_names_the_site() -> None:
    assert is_site_name("Porthaven Post", KEYS)
    # A headline mentioning its own paper is still a headline.
    assert not is_site_name("Porthaven Post wins regional award", KEYS)


def test_the_host_gives_keys_without_generic_labels() -> None:
    assert {"porthavenpost", "porthaven-post"} <= site_keys(["Porthaven Post"], "https://www.porthaven-post.example/a")
    assert "www" not in site_keys([], "https://www.porthaven-post.example/a")


def test_a_printed_headline_matches_the_stated_title_less_an_edge_segment() -> None:
    assert same_title("Swing Bridge Reopens!", "Swing bridge reopens")
    assert same_title("Swing bridge reopens", "Swing bridge reopens - Harbour news")
    assert not same_title("Harbour news", "Swing bridge reopens - Harbour news - Local")
    assert not same_title("", "Swing bridge reopens")
    assert without_edge_segment("No separator here") == []


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Installing the tide tables¶", "Installing the tide tables"),
        ("Installing the tide tables #", "Installing the tide tables"),
        ("Installing the tide tables §", "Installing the tide tables"),
        ("Issue #42 of the harbour letter", "Issue #42 of the harbour letter"),
        ("C#", "C#"),
    ],
)
def test_heading_permalink_marks_come_off(printed: str, expected: str) -> None:
    assert without_heading_marks(printed) == expected


def test_title_overlap_counts_shared_words() -> None:
    assert title_overlap("Tide mill turns again", "The tide mill turns again") > 0.8
    assert title_overlap("Latest news and sport", "Tide mill turns again") == 0.0


@pytest.mark.parametrize(
    ("title", "segments"),
    [
        ("Swing bridge reopens :: Porthaven Post", ["Swing bridge reopens", "Porthaven Post"]),
        ("Swing bridge reopens  —  Porthaven Post", ["Swing bridge reopens", "Porthaven Post"]),
        ("Swing bridge reopens\t›\tPorthaven Post", ["Swing bridge reopens", "Porthaven Post"]),
        # Two separators in a row: the second needs no spaces of its own before it.
        ("Swing bridge reopens | | Porthaven Post", ["Swing bridge reopens |", "| Porthaven Post"]),
        ("Swing bridge reopens | - Porthaven Post", ["Swing bridge reopens", "- Porthaven Post"]),
    ],
)
def test_separators_with_runs_of_spaces(title: str, segments: list[str]) -> None:
    assert without_edge_segment(title) == segments


def test_a_long_run_of_spaces_in_a_title() -> None:
    assert strip_site_name("Swing bridge reopens" + " " * 16_000 + "| Porthaven Post", KEYS) == "Swing bridge reopens"
    assert without_heading_marks("Installing the tide tables" + " " * 16_000 + "#") == "Installing the tide tables"
    assert without_heading_marks("Installing the tide tables" + " " * 16_000 + "x") == (
        "Installing the tide tables" + " " * 16_000 + "x"
    )


@pytest.mark.parametrize(
    ("pattern", "shape"),
    [
        (titles._SEPARATOR, Shape("Swing bridge reopens", " ", "x")),
        (titles._SEPARATOR, Shape("Swing bridge reopens", " ", ":x")),
        (titles._HEADING_MARK, Shape("Installing", " ", "x")),
    ],
    ids=["separator, spaces", "separator, spaces before a colon", "heading mark, spaces"],
)
def test_runs_of_spaces_take_the_patterns_linear_time(pattern: re.Pattern[str], shape: Shape) -> None:
    found = superlinear_growth(pattern, shape)
    assert found is None, f"super-linear: {found}"
