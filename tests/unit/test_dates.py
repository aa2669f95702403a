from __future__ import annotations

import pytest

from newsclean.dates import find_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-05T10:32:00+01:00", "2024-03-05T10:32:00+01:00"),
        ("2024-03-05", "2024-03-05"),
        ("Published March 5, 2024", "2024-03-05"),
        ("Tue 5 March 2024 10.32 GMT", "2024-03-05T10:32:00+00:00"),
        ("Updated: Nov. 19, 2019 at 3:05 p.m. EST", "2019-11-19T15:05:00-05:00"),
        ("5. März 2024, 14:20 Uhr", "2024-03-05T14:20:00"),
        ("12 de marzo de 2023", "2023-03-12"),
    ],
)
def test_printed_dates(text: str, iso: str) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize("text", ["Room 2024 is on the 3rd floor", "May we all agree", "31 February 2024"])
def test_not_dates(text: str) -> None:
    assert find_date(text) is None
