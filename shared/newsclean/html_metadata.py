"""What a page's markup states about it outright: title, description, author, date, language.

Read from ``<meta>`` (including OpenGraph and Twitter cards), JSON-LD article
objects (also inside ``@graph``) and ``<html lang>``; the body text is the
walk's business (``newsclean.html``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsclean.parsed import PageMetadata
from newsclean.text import normalise_space

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenews",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "webpage",
        "backgroundnewsarticle",
        "liveblogposting",
    }
)


def read_metadata(tree: LexborHTMLParser) -> PageMetadata:
    """Title, description, author, date, language and site name from meta tags and JSON-LD."""
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    return PageMetadata(
        title=_first(
            _ld_text(ld, "headline"),
            meta.get("og:title"),
            meta.get("twitter:title"),
            title_node.text(strip=True) if title_node else None,
        ),
        description=_first(meta.get("og:description"), meta.get("description"), _ld_text(ld, "description")),
        author=_first(_ld_author(ld), meta.get("author"), meta.get("article:author")),
        published=_first(
            _ld_text(ld, "datePublished"),
            meta.get("article:published_time"),
            meta.get("pubdate"),
            meta.get("date"),
            meta.get("dc.date"),
        ),
        language=_first(
            html_node.attributes.get("lang") if html_node else None,
            _ld_text(ld, "inLanguage"),
            meta.get("og:locale"),
            meta.get("content-language"),
        ),
        url=_first(meta.get("og:url"), _ld_text(ld, "url")),
        site_name=meta.get("og:site_name"),
    )


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attributes = node.attributes
        key = (
            attributes.get("property")
            or attributes.get("name")
            or attributes.get("itemprop")
            or attributes.get("http-equiv")
        )
        content = attributes.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), normalise_space(content))
    return found


def _json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds) and item.get("headline"):
                return item
    return {}


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                pending.extend(item["@graph"])


def _ld_text(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return normalise_space(value) if isinstance(value, str) and value.strip() else None


def _ld_author(ld: dict[str, Any]) -> str | None:
    authors = ld.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    raw_names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    names = [normalise_space(name) for name in raw_names if isinstance(name, str) and name.strip()]
    return ", ".join(names) or None


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)
