"""The evaluation corpus as the benchmarks and the training script read it.

Pages are grouped by site (host of the gold URL, or the gold's ``site``) so
that cross-validation never trains and tests on the same site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class CorpusPage:
    id: str
    folder: Path
    gold: dict[str, Any]

    @property
    def source(self) -> str:
        return str(self.gold.get("source", ""))

    @property
    def site(self) -> str:
        site = self.gold.get("site")
        if not site and self.gold.get("url"):
            site = urlsplit(self.gold["url"]).hostname
        site = str(site or self.id).lower()
        return site.removeprefix("www.")

    def read(self, name: str) -> bytes:
        return (self.folder / name).read_bytes()


def load_pages(corpus: Path) -> list[CorpusPage]:
    return [
        CorpusPage(id=folder.name, folder=folder, gold=json.loads((folder / "gold.json").read_text(encoding="utf-8")))
        for folder in sorted(corpus.iterdir())
        if (folder / "gold.json").is_file()
    ]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def in_gold_body(line: str, gold_text: str, gold_lines: set[str]) -> bool:
    """Whether a line of the dump belongs to the gold body: its tokens appear in order in the gold
    text, and it is long enough (4+ tokens) for that to mean something, or is a whole gold line."""
    words = tokens(line)
    if not words:
        return False
    key = " ".join(words)
    if len(words) < 4:
        return key in gold_lines
    return f" {key} " in gold_text


def gold_index(body: str) -> tuple[str, set[str]]:
    """The gold body as one space-joined token string, and its lines as token strings."""
    lines = {" ".join(tokens(line)) for line in body.splitlines() if tokens(line)}
    return " " + " ".join(tokens(body)) + " ", lines


def folds(pages: list[CorpusPage], count: int) -> Iterator[tuple[list[CorpusPage], list[CorpusPage]]]:
    """Cross-validation folds grouped by site: each site's pages fall in exactly one test fold.
    Sites are dealt to folds by a stable hash, so the split does not depend on page order."""
    import zlib

    for fold in range(count):
        test = [page for page in pages if zlib.crc32(page.site.encode()) % count == fold]
        train = [page for page in pages if zlib.crc32(page.site.encode()) % count != fold]
        yield train, test


# What separates a title's segments: "Headline | Site", "Site - Section - Headline".
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]\s+|::|_|｜")


def title_forms(title: str) -> set[str]:
    """The title's fingerprint, and those of the runs of its segments that keep its longest
    segment (the headline without the site's name or section around it)."""
    from newsclean.text import fingerprint

    segments = [segment for segment in _TITLE_SEPARATORS.split(title) if segment.strip()]
    forms = {fingerprint(title)}
    if len(segments) > 1:
        longest = max(range(len(segments)), key=lambda i: len(segments[i]))
        for start in range(longest + 1):
            for end in range(longest + 1, len(segments) + 1):
                forms.add(fingerprint(" ".join(segments[start:end])))
    return forms - {""}
