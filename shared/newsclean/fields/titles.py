"""Stated titles without the site's name: "Bridge reopens | Harbour Gazette" -> "Bridge reopens".

Pages append (or prepend) their site's name to the ``<title>`` and often to
``og:title`` too, joined by a separator. A segment is taken off only when it
names the site — it matches ``og:site_name``, the publisher, or the page's
host — so a title that merely contains a dash ("Covid-19 - what changed")
keeps its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from newsclean.text import fingerprint, normalise_space

# Separators between a title and the site's name: pipes, dashes, dots, colons, guillemets, arrows,
# underscores. A hyphen counts only with spaces around it (it joins words otherwise). The spaces
# before a separator are read as one run from its first (a run is never read again from inside
# it); where no run was read, as right after a separator, what needs spaces before it fails.
_SEPARATOR = re.compile(r"(?<!\s)\s++(?:[·•›>/\\]|[-–—]{1,2}|::)\s++|(?:(?<!\s)\s++)?+(?:[|»]\s*+|[:：]\s++|_\s*+)")
# A permalink mark after a heading: pilcrow, section sign, a lone hash or link symbol.
_HEADING_MARK = re.compile(r"(?:(?<!\s)\s++)?+(?:[¶§🔗]|(?<=\s)#)\s*+$")
# A site-name segment is short.
MAX_SITE_WORDS = 8
# Host labels that say nothing about the site ("www.example.co.uk" -> "example").
_GENERIC_HOST_LABELS = frozenset({"www", "m", "mobile", "amp", "news", "com", "co", "org", "net", "gov", "ac", "edu"})
# A site name shorter than this (after folding) is only matched whole: "AP" must not match "Apple".
MIN_CONTAINED_CHARS = 4
# ... and makes up this share of the segment at least: a headline that names its own site is no
# site-name segment.
MIN_CONTAINED_SHARE = 0.4


def site_keys(names: Iterable[str | None], url: str | None) -> frozenset[str]:
    """Folded forms of the site's names and of its host's distinctive labels."""
    keys = {_fold(name) for name in names if name}
    if url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        keys.update(label for label in host.split(".")[:-1] if label not in _GENERIC_HOST_LABELS)
        keys.add(_fold(host))
    return frozenset(key for key in keys if key)


def strip_site_name(title: str, keys: frozenset[str]) -> str:
    """``title`` without a leading or trailing segment that names the site (several in a row:
    "Story - Section - Site" keeps "Story - Section" unless the section is named too)."""
    title = normalise_space(title)
    if not keys:
        return title
    while True:
        trimmed = _trim_once(title, keys)
        if trimmed == title:
            return title
        title = trimmed


def is_site_name(title: str, keys: frozenset[str]) -> bool:
    """The whole title is the site's name: a home page's title, not an article's. (Whole-name
    equality only: headlines often mention their own publication.)"""
    return _fold(title) in keys


def same_title(printed: str, stated: str) -> bool:
    """A printed headline is the stated title, or the stated title less an edge segment
    ("Story" for "Story - Section")."""
    key = fingerprint(printed)
    return bool(key) and any(key == fingerprint(form) for form in (stated, *without_edge_segment(stated)))


def without_edge_segment(title: str) -> list[str]:
    """The title with its last or its first separated segment taken off (each that leaves words):
    the forms a printed headline may match."""
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return []
    first, last = separators[0], separators[-1]
    return [part for part in (title[: last.start()].strip(), title[first.end() :].strip()) if part]


def _trim_once(title: str, keys: frozenset[str]) -> str:
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    last, first = separators[-1], separators[0]
    if _names_site(title[last.end() :], keys) and title[: last.start()].strip():
        return title[: last.start()].strip()
    if _names_site(title[: first.start()], keys) and title[first.end() :].strip():
        return title[first.end() :].strip()
    return title


def _names_site(segment: str, keys: frozenset[str]) -> bool:
    if not segment.strip() or len(segment.split()) > MAX_SITE_WORDS:
        return False
    folded = _fold(segment)
    if not folded:
        return False
    return any(folded == key or _contains(folded, key) or _contains(key, folded) for key in keys)


def _contains(longer: str, shorter: str) -> bool:
    """``shorter`` is a good part of ``longer``: "Harbour Gazette Online" holds the site's name,
    "How we designed Harbour's ferry app" only mentions it."""
    return (
        len(shorter) >= MIN_CONTAINED_CHARS and len(shorter) >= MIN_CONTAINED_SHARE * len(longer) and shorter in longer
    )


def _fold(text: str) -> str:
    """Letters and digits only, case-folded: "The Harbour-Gazette.com" -> "theharbourgazettecom"."""
    return "".join(character for character in text.casefold() if character.isalnum())


def title_overlap(title: str, other: str) -> float:
    """How many words two titles share (Dice coefficient of their word sets, 0 to 1)."""
    words, other_words = set(fingerprint(title).split()), set(fingerprint(other).split())
    if not words or not other_words:
        return 0.0
    return 2 * len(words & other_words) / (len(words) + len(other_words))


def without_heading_marks(text: str) -> str:
    """A printed heading without the permalink mark that documentation pages put after it
    ("Installation¶", "Usage #", "Notes §")."""
    return _HEADING_MARK.sub("", text) or text
