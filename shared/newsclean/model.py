"""The data newsclean works on: blocks in, an article out.

Nothing here does I/O. ``Article.to_dict()`` is the documented JSON document
(``schema/article.schema.json``); its shape only changes with ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any

from newsclean.text import word_count

SCHEMA_VERSION = "2.1"


class ReasonCode(enum.StrEnum):
    """Why a block was dropped: a closed set, one code per kind of boilerplate."""

    EMPTY = "empty"
    WIDGET = "widget"  # weather, tickers, clocks
    CAPTION_CONTROL = "caption_control"  # lightbox "Expand" / "Close" controls
    DUPLICATE = "duplicate"  # the same block printed again (galleries, lightboxes)
    NEWSLETTER = "newsletter"
    FORM_TEXT = "form_text"  # validation messages, field labels
    NAVIGATION = "navigation"  # menus, "Most Watched" lists, skip links
    FOOTER = "footer"  # privacy, terms, copyright lines
    SHARE = "share"  # share bars, follow-us prompts
    COOKIE_NOTICE = "cookie_notice"
    ADVERTISEMENT = "advertisement"
    RELATED_LINKS = "related_links"  # "Read more", "Related", teaser lists
    COMMENTS = "comments"  # comment-thread headings and prompts
    METADATA_LINE = "metadata_line"  # reading time, "updated 3 hours ago", a reporter's e-mail line
    HIDDEN = "hidden"  # HTML elements that a browser does not show
    PAGE_CHROME = "page_chrome"  # HTML <nav>, <footer>, <aside> content
    OUTSIDE_ARTICLE = "outside_article"  # short lines far from the article's prose


class RejectReason(enum.StrEnum):
    """Why an input could not become an article."""

    EMPTY_INPUT = "empty_input"
    TOO_LARGE = "too_large"
    DECOMPRESSED_TOO_LARGE = "decompressed_too_large"
    CORRUPT_GZIP = "corrupt_gzip"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    BAD_JSON_RECORD = "bad_json_record"
    NO_ARTICLE = "no_article"
    TOO_COMPLEX = "too_complex"  # more lines or tags than any page has: a flood, not a page


class RejectedInput(Exception):
    """The input cannot become an article. ``reason`` says why, for metrics and records."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message


class BlockKind(enum.StrEnum):
    """What a block looks like in its source, when the source says (HTML); text is PARAGRAPH."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    QUOTE = "quote"
    PREFORMATTED = "preformatted"
    TABLE_CELL = "table_cell"
    TABLE_ROW = "table_row"  # a data row's cells, one line


class BodyBlockType(enum.StrEnum):
    """What a block of the body is, in the output's ``blocks``."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE_ROW = "table_row"
    PREFORMATTED = "preformatted"


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """One block of the body with its type: a heading's ``level`` (1-6), a list item's list
    (``ordered``) and nesting (``depth``, 1 for a top-level list)."""

    type: BodyBlockType
    text: str
    level: int | None = None
    ordered: bool | None = None
    depth: int | None = None
    # The text as Markdown inline (links, emphasis, code), escaped; None: the plain text, escaped.
    inline_markdown: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"type": self.type.value, "text": self.text}
        if self.type is BodyBlockType.HEADING:
            found["level"] = self.level
        elif self.type is BodyBlockType.LIST_ITEM:
            found["ordered"], found["depth"] = self.ordered, self.depth
        return found


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of the page, at a stable position.

    Text input gives one block per non-empty line. HTML input gives one per
    block-level element, with DOM signals filled in so the same rules apply.
    """

    index: int
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    heading_level: int = 0  # 1-6 for <h1>-<h6>
    link_density: float = 0.0  # share of the text inside <a>
    in_boilerplate_element: bool = False  # inside <nav>, <footer> or <aside>
    in_chrome_class: bool = False  # inside an element whose class/id names page furniture
    hidden: bool = False  # hidden by attribute or inline style
    element: int = -1  # HTML: the innermost block-level element around it (``dom.DomSkeleton``); -1 in text
    # HTML: the text with its links and emphasis as Markdown inline, where it has any (else None)
    inline_markdown: str | None = None
    # Text: the dump printed it right under the line above, no blank line between (the lines of
    # a list or a table do that where paragraphs stand apart); False in HTML
    joined_above: bool = False
    cells: int = 1  # text: tab-separated cells with text on its line (a table's row has several)
    words: int = field(init=False, compare=False)  # word_count(text), computed once: every rule asks

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", word_count(self.text))


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """An audit entry: a dropped block, the rule that dropped it and why."""

    index: int
    text: str
    rule: str
    reason: ReasonCode

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "rule": self.rule, "reason": self.reason.value}


@dataclass(frozen=True, slots=True)
class Image:
    caption: str | None
    credit: str | None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"caption": self.caption, "credit": self.credit, "url": self.url}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where the input came from and what it turned out to be."""

    format: str  # text | html | json+text | json+html, with "gzip+" in front when compressed
    charset: str
    size: int
    name: str = ""
    bucket: str | None = None
    key: str | None = None
    version_id: str | None = None
    etag: str | None = None
    url: str | None = None
    sequencer: str | None = None  # the S3 event's, which orders the events of one key
    last_modified: str | None = None  # ISO 8601, as S3 answered the read

    def to_dict(self) -> dict[str, Any]:
        return {
            "bucket": self.bucket,
            "key": self.key,
            "version_id": self.version_id,
            "etag": self.etag,
            "sequencer": self.sequencer,
            "last_modified": self.last_modified,
            "size": self.size,
            "name": self.name,
            "url": self.url,
            "format": self.format,
            "charset": self.charset,
        }


@dataclass(frozen=True, slots=True)
class Article:
    headline: str | None
    standfirst: str | None
    byline: str | None
    authors: tuple[str, ...]
    agency: str | None
    dateline: str | None
    published: str | None
    language: str | None
    body: tuple[str, ...]
    images: tuple[Image, ...]
    removed: tuple[RemovedBlock, ...]
    source: SourceInfo
    # The body's texts typed, one for one (``body`` stays the plain list readers of 2.0 know).
    blocks: tuple[BodyBlock, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def with_origin(
        self,
        *,
        bucket: str,
        key: str,
        version_id: str | None = None,
        etag: str | None = None,
        sequencer: str | None = None,
        last_modified: str | None = None,
    ) -> Article:
        """The same article, its ``source`` naming the S3 object (and the version and event) it came from."""
        origin = replace(
            self.source,
            bucket=bucket,
            key=key,
            version_id=version_id,
            etag=etag,
            sequencer=sequencer,
            last_modified=last_modified,
        )
        return replace(self, source=origin)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON document; ``text`` and ``markdown`` are rendered from ``blocks``
        here, only when the article is written (``newsclean.render``)."""
        from newsclean.render import as_markdown, as_text  # (rendering needs the whole article)

        return {
            "schema_version": self.schema_version,
            "outcome": "article",
            "headline": self.headline,
            "standfirst": self.standfirst,
            "byline": self.byline,
            "authors": list(self.authors),
            "agency": self.agency,
            "dateline": self.dateline,
            "published": self.published,
            "language": self.language,
            "body": list(self.body),
            "blocks": [block.to_dict() for block in self.blocks],
            "text": as_text(self.blocks),
            "markdown": as_markdown(self),
            "images": [image.to_dict() for image in self.images],
            "removed": [entry.to_dict() for entry in self.removed],
            "source": self.source.to_dict(),
        }
