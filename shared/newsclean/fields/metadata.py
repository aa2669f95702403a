"""What a page's markup states about it outright: title, description, author, date, language.

Read from JSON-LD article objects (also inside ``@graph``), ``<meta>``
(including OpenGraph, Twitter cards and Dublin Core), ``<time>`` elements and
``<html lang>``; the body text is the walk's business (``newsclean.html.blocks``).

Precedence, for each field: what the publisher states about the article
itself (JSON-LD, then the ``<meta>`` tags made for it) before generic page
tags, and page tags before elements of the page. Values are cleaned on the
way in: site names off titles, "By" off author names, profile links and
handles dropped, dates in ISO 8601, languages as tags.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.fields.bylines import parse_byline, parse_marked_names, parse_name_line
from newsclean.fields.dates import address_date, find_printed_date, read_stated_date
from newsclean.fields.images import read_images
from newsclean.fields.titles import is_site_name, site_keys, strip_site_name
from newsclean.parsed import PageMetadata
from newsclean.text import fingerprint, normalise_space, word_count

# JSON-LD types that describe the article itself; a WebPage only when nothing more specific is there.
ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
WEAK_ARTICLE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})
# <meta> names for the article's title, most specific first.
TITLE_TAGS = ("og:title", "dc.title", "dcterms.title", "twitter:title", "parsely-title", "sailthru.title")
AUTHOR_TAGS = (
    "author",
    "article:author",
    "article:author_name",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
)
DATE_TAGS = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "publication_date",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "pdate",
    "ptime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
)
# <meta> names for the article's summary, most specific first (JSON-LD's ``description`` comes before).
DESCRIPTION_TAGS = ("og:description", "description", "dc.description", "dcterms.description", "twitter:description")
LANGUAGE_TAGS = ("content-language", "language", "dc.language", "dcterms.language", "og:locale")
_NOT_A_NAME = re.compile(r"https?://|www\.|^@|/|\.(?:com|org|net)\b", re.IGNORECASE)
# Elements whose class or id names a date, those that date something else, and how long a date line is.
DATE_ELEMENTS = '[class*="date"], [id*="date"], [class*="time"], [class*="publish"], [class*="posted"]'
_NOT_PUBLICATION_DATE = re.compile(r"update|modif|comment|event|expir", re.IGNORECASE)
MAX_MARKED_DATE_WORDS = 12
# Elements the markup marks as the author's, and the class words of those that are not a byline.
AUTHOR_ELEMENTS = '[itemprop~="author"], [rel~="author"], [class*="byline"], [class*="author"]'
_NOT_AUTHOR_ELEMENT = re.compile(r"comment|bio|about|avatar|image|photo|img|more|other|related|list", re.IGNORECASE)
# A byline is short; an element marked "author" with more text is a box about them.
MAX_MARKED_AUTHOR_WORDS = 12
# "By", the name and the date may stand in elements of their own; more lines are a list of names.
MAX_MARKED_AUTHOR_LINES = 3
_BY = re.compile(r"^(?:by|written by|von|par|por|door)[:\s]\s*", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"^([a-z]{2})(?:[-_]([a-z0-9]{2,8}))?$", re.IGNORECASE)
_ESCAPED_REFERENCE = re.compile(r"&(?:#\d{2,6}|#x[0-9a-f]{2,6}|[a-z]{2,8});", re.IGNORECASE)
_CDATA = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def read_metadata(tree: LexborHTMLParser) -> PageMetadata:
    """Title, description, author, date, language, site name and captioned images the page states."""
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    addresses = (meta.get("og:url"), _ld_text(ld, "url"), _canonical_url(tree))
    url = _first(*addresses)
    keys = site_keys((meta.get("og:site_name"), _ld_publisher(ld)), url)
    document_title = _document_title(tree)
    # A title that is only the site's name is a home page's title, not the article's.
    titles = (_ld_title(ld, document_title), *(meta.get(name) for name in TITLE_TAGS))
    stated_title = _first(*(title for title in titles if title and not is_site_name(title, keys)))
    authors = _stated_authors(ld, meta) or _marked_authors(tree)
    published = _stated_date(tree, meta, ld)
    return PageMetadata(
        title=strip_site_name(stated_title, keys) if stated_title else None,
        document_title=strip_site_name(document_title, keys) if document_title else None,
        description=_stated_description(ld, meta),
        author=", ".join(authors) or None,
        authors=authors,
        published=published,
        address_date=_address_date(*addresses),
        # (The marked date is only looked for where the page states none: it would never be read.)
        page_date=_first_time_element(tree) or (None if published else _marked_date(tree)),
        language=_stated_language(tree, meta, ld),
        url=url,
        site_name=meta.get("og:site_name"),
        images=read_images(tree, url),
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
            found.setdefault(key.strip().lower(), _unescaped(content))
    return found


def _unescaped(value: str) -> str:
    """A tag's value with whitespace normalised and character references that were escaped twice
    read ("That&#039;s" in the page source shows as "That's"; the parser has read one level)."""
    if "&" in value and _ESCAPED_REFERENCE.search(value):
        value = html.unescape(value)
    return normalise_space(value)


def _document_title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    return normalise_space(node.text()) or None if node else None


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    return (node.attributes.get("href") or None) if node else None


# ---------------------------------------------------------------- JSON-LD


def _json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first article object of the page's JSON-LD; a WebPage object when there is none."""
    weak: dict[str, Any] = {}
    for item in _json_ld_items(tree):
        kinds = {kind.lower() for kind in _types(item)}
        if not (item.get("headline") or item.get("name")):
            continue
        if kinds & ARTICLE_TYPES:
            return item
        if kinds & WEAK_ARTICLE_TYPES and not weak:
            weak = item
    return weak


def _json_ld_items(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    for node in tree.css('script[type="application/ld+json"]'):
        # Some pages wrap the JSON in a CDATA section or an HTML comment.
        text = _CDATA.sub("", (node.text() or "").strip())
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        yield from _ld_items(data)


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                pending[:0] = item["@graph"]


def _types(item: dict[str, Any]) -> list[str]:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [kind for kind in kinds if isinstance(kind, str)]


def _ld_text(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return _unescaped(value) if isinstance(value, str) and value.strip() else None


def _ld_title(ld: dict[str, Any], document_title: str | None) -> str | None:
    """``headline``, or ``name`` when that is the one the page's ``<title>`` agrees with (objects
    put a site name or a type label in one of the two)."""
    headline, name = _ld_text(ld, "headline"), _ld_text(ld, "name")
    if headline and name and document_title:
        return name if _overlap(name, document_title) > _overlap(headline, document_title) else headline
    return headline or name


def _ld_publisher(ld: dict[str, Any]) -> str | None:
    publisher = ld.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    return _ld_text(publisher, "name") if isinstance(publisher, dict) else None


def _ld_people(ld: dict[str, Any], organisations: bool) -> list[str]:
    """Names of the ``author`` entries: people, or organisations when ``organisations``."""
    authors = ld.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    names = []
    for author in authors:
        is_organisation = isinstance(author, dict) and bool({k.lower() for k in _types(author)} & ORGANISATION_TYPES)
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str) and is_organisation == organisations:
            names.append(name)
    return names


def _overlap(text: str, other: str) -> float:
    words, other_words = set(fingerprint(text).split()), set(fingerprint(other).split())
    if not words or not other_words:
        return 0.0
    return 2 * len(words & other_words) / (len(words) + len(other_words))


# ---------------------------------------------------------------- authors, dates, language


def _stated_authors(ld: dict[str, Any], meta: dict[str, str]) -> tuple[str, ...]:
    """People the JSON-LD names; else the first author tag that holds names (not a profile link or
    a handle); else the organisations the JSON-LD names."""
    people = _clean_names(_ld_people(ld, organisations=False))
    if people:
        return people
    for tag in AUTHOR_TAGS:
        names = _clean_names([meta[tag]] if tag in meta else [])
        if names:
            return names
    return _clean_names(_ld_people(ld, organisations=True))


def _marked_authors(tree: LexborHTMLParser) -> tuple[str, ...]:
    """The people the first element marked as the author's names: microdata ``itemprop="author"``,
    ``rel="author"``, or a class naming the byline or the author ("byline", "author-name"),
    whose text reads as a byline or a name. Not a reader's in the comments, nor an author box
    (a biography, a list of the author's other stories)."""
    for node in tree.css(AUTHOR_ELEMENTS):
        if _NOT_AUTHOR_ELEMENT.search(_class_and_id(node)) or _in_comments(node):
            continue
        lines = [line for line in node.text(separator="\n").splitlines() if line.strip()]
        text = normalise_space(" ".join(lines))
        if not text or len(lines) > MAX_MARKED_AUTHOR_LINES or word_count(text) > MAX_MARKED_AUTHOR_WORDS:
            continue  # (a list of the site's authors, one a line, is no byline)
        byline = parse_byline(text) or parse_name_line(text) or parse_marked_names(text)
        if byline and byline.authors:
            return byline.authors
    return ()


def _class_and_id(node: LexborNode) -> str:
    return f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"


def _in_comments(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if "comment" in _class_and_id(parent).lower():
            return True
        parent = parent.parent
    return False


def _clean_names(raw: Sequence[str]) -> tuple[str, ...]:
    names = [_BY.sub("", normalise_space(name)).strip(" ,") for name in raw]
    unique = dict.fromkeys(name for name in names if name and not _NOT_A_NAME.search(name))
    return tuple(unique)


def _stated_description(ld: dict[str, Any], meta: dict[str, str]) -> str | None:
    """The article's summary as the publisher states it: JSON-LD ``description``, then the
    description tags (OpenGraph, the plain ``description``, Dublin Core, Twitter's card) — the
    same order as for the title: the statement about the article before the page's tags."""
    return _first(_ld_text(ld, "description"), *(meta.get(name) for name in DESCRIPTION_TAGS))


def _stated_date(tree: LexborHTMLParser, meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    """When the article was published, in ISO 8601: JSON-LD, then the date tags, then a
    ``<time>`` element marked as the publication date, then the article's first ``<time>``."""
    candidates = [_ld_text(ld, "datePublished"), *(meta.get(name) for name in DATE_TAGS)]
    candidates += [_ld_text(ld, "dateCreated"), *_time_elements(tree)]
    for value in candidates:
        date = read_stated_date(value) if value else None
        if date:
            return date
    return None


def _address_date(*addresses: str | None) -> str | None:
    """The first date in the path of the page's own addresses (``og:url``, JSON-LD ``url``, canonical)."""
    return next((date for address in addresses if address and (date := address_date(address))), None)


def _first_time_element(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("time[datetime]")
    return read_stated_date(node.attributes.get("datetime") or "") if node is not None else None


def _marked_date(tree: LexborHTMLParser) -> str | None:
    """The date printed in the first element whose class or id names a date ("date", "time",
    "published", "posted"), in any language's way of printing one ("Oct 4 2012", "2019年4月3日");
    not an update's, not in the comments, not a line longer than a date line."""
    for node in tree.css(DATE_ELEMENTS):
        if _NOT_PUBLICATION_DATE.search(_class_and_id(node)) or _in_comments(node):
            continue
        text = normalise_space(node.text(separator=" "))
        if (
            text
            and word_count(text) <= MAX_MARKED_DATE_WORDS
            and "://" not in text
            and (date := find_printed_date(text))
        ):
            return date
    return None


def _time_elements(tree: LexborHTMLParser) -> list[str]:
    marked = tree.css('time[itemprop~="datePublished"], time[pubdate], [itemprop~="datePublished"][datetime]')
    in_article = tree.css("article time[datetime]")
    return [node.attributes.get("datetime") or node.text() or "" for node in (*marked, *in_article[:1])]


def _stated_language(tree: LexborHTMLParser, meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    """The page's language tag ("pt-BR", "en"): ``<html lang>``, then the language tags, then JSON-LD."""
    html_node = tree.css_first("html")
    candidates = [html_node.attributes.get("lang") if html_node else None]
    candidates += [meta.get(name) for name in LANGUAGE_TAGS[:-1]]
    candidates += [_ld_text(ld, "inLanguage"), meta.get(LANGUAGE_TAGS[-1])]
    for value in candidates:
        match = _LANGUAGE_TAG.match((value or "").strip().split(",")[0].strip())
        if match:
            return match.group(1).lower() + (f"-{match.group(2)}" if match.group(2) else "")
    return None


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)
