"""Handing freed C heap memory back: a no-op where the C library has no such call."""

from __future__ import annotations

from newsclean.memory import release_freed_memory


def test_release_freed_memory_can_always_be_called() -> None:
    release_freed_memory()
    release_freed_memory()  # the C function is looked up once
