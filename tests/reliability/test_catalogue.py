"""Each hostile input of the catalogue gets its documented outcome from ``clean`` — never another exception."""

from __future__ import annotations

from typing import Any

import pytest

from newsclean import RejectedInput, clean
from tests.reliability.catalogue import ARTICLE, CATALOGUE, Case

LIGHT = [case for case in CATALOGUE if not case.heavy]
HEAVY = [case for case in CATALOGUE if case.heavy]


def test_the_catalogue_has_at_least_30_kinds_of_bad_input() -> None:
    assert len(CATALOGUE) >= 30
    assert len({case.name for case in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", LIGHT, ids=[case.name for case in LIGHT])
def test_outcome(case: Case) -> None:
    data = case.make()
    try:
        article = clean(data, name=case.filename, content_type=case.content_type)
    except RejectedInput as rejection:
        assert rejection.reason.value == case.expected, rejection.message
        assert rejection.message
        return
    assert case.expected == ARTICLE, f"expected {case.expected}, got an article: {article.body[:2]}"
    assert case.check(article), article.body


@pytest.mark.parametrize("case", HEAVY, ids=[case.name for case in HEAVY])
def test_outcome_of_heavy_input(case: Case, measured: dict[str, dict[str, Any]]) -> None:
    """Run once in a subprocess (``conftest.measured``), which also records time and memory."""
    result = measured[case.name]
    assert result["outcome"] == case.expected, result
    if case.expected == ARTICLE:
        assert result["check"], result
