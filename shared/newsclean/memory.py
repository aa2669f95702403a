"""Giving the system back memory that a C library has freed."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


def release_freed_memory() -> None:
    """Return the C heap's free pages to the system, where the C library can (glibc's malloc_trim).

    lexbor frees an HTML page's tree (about 8 times the page's size) into the C heap, where it
    is interleaved with the Python objects made meanwhile: the freed pages stay resident, and
    Python's allocator does not reuse them (it maps memory of its own), so without this a
    10 MB page costs the function the tree's 85 MB again while it is scored.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # only pages big enough to need a trim pay for the import

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc (macOS, musl): nothing to call
        return None
    return trim
