"""Golden pages: one assertion per field, so a regression names the field it broke."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsclean import clean

GOLDEN = Path(__file__).parent
PAGES = sorted(path for path in GOLDEN.iterdir() if (path / "expected.json").is_file())
FIELDS = (
    "headline",
    "standfirst",
    "byline",
    "authors",
    "agency",
    "dateline",
    "published",
    "language",
    "body",
    "blocks",
    "text",
    "markdown",
    "images",
)


def input_file(page: Path) -> Path:
    return next(path for path in page.iterdir() if path.name.startswith("input."))


def cleaned(page: Path) -> dict[str, Any]:
    source = input_file(page)
    return clean(source.read_bytes(), name=source.name).to_dict()


@pytest.fixture(scope="module", params=PAGES, ids=[page.name for page in PAGES])
def pair(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    page: Path = request.param
    return cleaned(page), json.loads((page / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", FIELDS)
def test_field(pair: tuple[dict[str, Any], dict[str, Any]], field: str) -> None:
    actual, expected = pair
    assert actual[field] == expected[field]


def test_removed_blocks_and_reasons(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    actual, expected = pair
    assert [(entry["text"], entry["reason"]) for entry in actual["removed"]] == [
        (entry["text"], entry["reason"]) for entry in expected["removed"]
    ]


def test_there_are_golden_pages() -> None:
    assert len(PAGES) >= 3
