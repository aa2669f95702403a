"""Unit tests run on the I/O-free core with the network switched off."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.content.rules.base import Page


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unit tests must not open sockets")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield


PageOf = Callable[..., Page]


@pytest.fixture
def page_of() -> PageOf:
    """A page of text lines, as the wording rules see it."""

    def build(*lines: str) -> Page:
        return Page.of(text_blocks("\n".join(lines)))

    return build
