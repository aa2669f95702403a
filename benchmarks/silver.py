"""Silver labels for the fields of text dumps: what a page's own HTML states about it.

Every dev page has page.html beside its text dumps. Where the HTML's metadata states the
headline (og:title, JSON-LD ``headline``, else the ``<title>``), the author (stated, or the
element marked as the author's) or the publication date, that statement is a label for the
same page's text dump, on all sources, not only the 61 pages whose gold has these fields. A
statement only counts where the dump prints it: the title as a line of its own (whole, or
without the site's name around it), the author's name on a short line. Dates count on every
page that states one (day by day: a dump prints the local date, the metadata often UTC, so a
page near midnight may differ by a day).

The figures print apart from the gold ones, per source, for text inputs only (for page.html the
statement is the input itself).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import title_forms

from newsclean import DEFAULT_CONFIG, RejectedInput
from newsclean.decode.input import decode_input
from newsclean.pipeline import parse
from newsclean.text import fingerprint

# A line that prints the author's name is short: a byline, not a sentence that mentions them.
MAX_AUTHOR_LINE_WORDS = 15
# A byline's leading word, left out when names are compared (as the corpus scorer does).
BYLINE_PREFIXES = frozenset({"by", "par", "por", "von", "door", "av", "af"})
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Silver:
    title: str | None
    author: str | None
    published: str | None


def silver_of(page_dir: Path) -> Silver:
    """What the page's HTML states (its metadata, not its printed text)."""
    try:
        decoded = decode_input(
            (page_dir / "page.html").read_bytes(), name="page.html", content_type=None, config=DEFAULT_CONFIG
        )
    except (RejectedInput, OSError):
        return Silver(None, None, None)
    metadata = parse(decoded).metadata
    authors = metadata.authors or ((metadata.author,) if metadata.author else ())
    return Silver(metadata.title or metadata.document_title, authors[0] if authors else None, metadata.published)


def name_tokens(text: str | None) -> list[str]:
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold())
    return tokens[1:] if tokens and tokens[0] in BYLINE_PREFIXES else tokens


def print_silver(page_dirs: list[Path], input_name: str, predictions: Mapping[str, Any]) -> None:
    """Per source: headline, byline and date of ``input_name`` against the HTML's statements."""
    tallies: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for page_dir in page_dirs:
        gold = json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))
        source = str(gold.get("source") or "other")
        silver = silver_of(page_dir)
        predicted = predictions.get(page_dir.name, {})
        lines = [line.strip() for line in (page_dir / input_name).read_text(errors="replace").splitlines()]
        printed = {fingerprint(line) for line in lines if line}
        if silver.title and printed & (forms := title_forms(silver.title)):
            tallies[source]["headline"].append(fingerprint(predicted.get("headline") or "") in forms)
        author = " ".join(name_tokens(silver.author))
        if author and any(
            author in " ".join(name_tokens(line)) and len(line.split()) <= MAX_AUTHOR_LINE_WORDS for line in lines
        ):
            tallies[source]["author"].append(author in " ".join(name_tokens(predicted.get("byline"))))
        if silver.published:
            tallies[source]["date"].append((predicted.get("published") or "")[:10] == silver.published[:10])
    print(f"== silver labels (what page.html's metadata states, where {input_name} prints it), {input_name}")
    for source, fields in sorted(tallies.items()):
        figures = "  ".join(
            f"{field} {sum(hits) / len(hits):.3f} (n={len(hits)})" for field, hits in fields.items() if hits
        )
        print(f"  {source:20s} {figures}")
