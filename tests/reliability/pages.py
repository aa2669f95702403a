"""Invented pages for the reliability tests: one article, in the shapes scrapers store it.

The article is written for these tests (no real outlet, people or events); it is long
and plain enough that every version of the cleaner keeps its body.
"""

from __future__ import annotations

import json

HEADLINE = "Night ferry to the outer islands returns after a two-year gap"
BYLINE = "By Mara Lindqvist"
PARAGRAPHS = (
    "The overnight ferry between Saltholm and the outer islands will sail again from the first week of "
    "October, two years after the route was dropped when its only vessel failed an engine inspection.",
    "The island council signed a three-year contract on Tuesday with a small operator from the mainland, "
    "which will run a converted cargo ship with room for sixty passengers and a dozen vehicles.",
    "Fishermen on the outer islands said the return of the night crossing would let them land their "
    "catch in the morning market instead of selling it to buyers who arrive by boat once a week.",
    "The crossing will take a little under five hours in calm weather, leaving the harbour at eleven "
    "in the evening and arriving in time for the first bus on the far side, the operator said.",
    "Councillors who voted against the contract said the subsidy, which they put at several hundred "
    "thousand a year, would be better spent on repairing the breakwater at the northern landing.",
    "A public meeting about the timetable is planned for next month in the school hall, and residents "
    "can send written comments to the council office until the end of September.",
)
MENU = ("Home", "News", "Sport", "Weather", "Opinion", "Contact us")
FOOTER = ("Privacy policy", "Terms of use", "© 2024 Saltholm Courier")


def text_dump() -> str:
    """What a browser shows, one block per line, with a menu above and a footer below."""
    return "\n".join((*MENU, HEADLINE, BYLINE, *PARAGRAPHS, *FOOTER)) + "\n"


def html_page() -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    menu = "".join(f"<li><a href='/{item.lower()}'>{item}</a></li>" for item in MENU)
    footer = "".join(f"<a href='/f{n}'>{item}</a> " for n, item in enumerate(FOOTER))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
        f"{HEADLINE}</title></head><body><nav><ul>{menu}</ul></nav><article><h1>{HEADLINE}</h1>"
        f"<p class='byline'>{BYLINE}</p>{paragraphs}</article><footer>{footer}</footer></body></html>"
    )


def json_record(**extra: object) -> str:
    return json.dumps({"url": "https://courier.example/ferry", "title": HEADLINE, "text": text_dump(), **extra})


def keeps_the_body(body: tuple[str, ...] | list[str]) -> bool:
    """Every paragraph of the article is in ``body`` (in any longer paragraph, for merged blocks)."""
    joined = "\n".join(body)
    return all(paragraph in joined for paragraph in PARAGRAPHS)


def keeps_every_paragraph_opening(body: tuple[str, ...] | list[str]) -> bool:
    """Each paragraph's first words are in ``body``, for inputs that garble the rest of one."""
    joined = "\n".join(body)
    return all(paragraph[:40] in joined for paragraph in PARAGRAPHS)
