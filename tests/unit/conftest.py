"""Unit tests run on the I/O-free core with the network switched off."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

from newsclean.blocks import text_blocks
from newsclean.region import find_article_span
from newsclean.rules.base import Page


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unit tests must not open sockets")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield


PageOf = Callable[..., Page]


@pytest.fixture
def page_of() -> PageOf:
    """A page of text lines, its article span found as the pipeline would."""

    def build(*lines: str) -> Page:
        blocks = text_blocks("\n".join(lines))
        span = find_article_span(blocks, [True] * len(blocks))
        return Page.of(blocks, article_span=span)

    return build
