"""HTML into the same blocks a text dump gives, plus what the page's head states.

The DOM is walked once, iteratively (deeply nested pages cannot exhaust the
stack). Each block-level element or ``<br>`` ends a block; scripts and styles
are not text and are skipped; hidden elements still give blocks, marked
``hidden`` so that a rule drops them into the audit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.fields.metadata import read_metadata
from newsclean.html.dom import NO_ELEMENT, DomSkeleton, SkeletonBuilder
from newsclean.model import Block, BlockKind
from newsclean.parsed import PageMetadata, ParsedPage
from newsclean.render import escaped_inline
from newsclean.text import normalise_space

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "-comment",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "details",
        "summary",
        "fieldset",
        "legend",
        "center",
        "body",
        "html",
    }
)
CELL_TAGS = frozenset({"td", "th"})
# A row needs this many cells to be a line of data rather than a layout box.
MIN_DATA_ROW_CELLS = 2
# Page chrome by element semantics. <header> often holds the headline and <form> wraps whole
# ASP.NET pages, so neither counts.
CHROME_TAGS = frozenset({"nav", "footer", "aside"})
KIND_BY_TAG = {
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "blockquote": BlockKind.QUOTE,
    "pre": BlockKind.PREFORMATTED,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    **{f"h{level}": BlockKind.HEADING for level in range(1, 7)},
}
# class/id words that name page furniture: sign-up boxes, share bars, teaser lists, ads.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:newsletter|signup|sign-up|subscribe|subscription|share|sharing|social|comments?|cookie|"
    r"consent|advert|advertisement|ads|sponsor(?:ed)?|promo|outbrain|taboola|recirc|most-?read|"
    r"most-?popular|trending|breadcrumbs?|related)(?:$|[\s_-])",
    re.IGNORECASE,
)
_ARTICLE_CLASS = re.compile(
    r"(?:article|story|entry|post|news|main)[_-]?(?:body|content|text)|articlebody|(?:^|\s)(?:article|story)(?:$|\s)",
    re.IGNORECASE,
)
_BUTTON_CLASS = re.compile(r"(?:^|[\s_-])(?:btn|button)(?:$|[\s_-])", re.IGNORECASE)
_CONTENT_CLASS = re.compile(r"article|content|story|entry|post|main|body|text", re.IGNORECASE)
CONTENT_TAGS = frozenset({"article", "main", "body", "html"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(slots=True)
class _Walk:
    """The walk's running state: the open block's text and what encloses it."""

    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    hidden_depth: int = 0
    chrome_depth: int = 0
    chrome_class_depth: int = 0
    link_depth: int = 0
    block_tags: list[str] = field(default_factory=list)
    # Per open <tr>: whether it is a data row, whose cells make one block (one line of a table).
    row_modes: list[bool] = field(default_factory=list)
    # The block-level elements met so far (the DOM skeleton) and the ones open now.
    skeleton: SkeletonBuilder = field(default_factory=SkeletonBuilder)
    open_elements: list[int] = field(default_factory=list)
    # Links and emphasis in the open block: (where in ``parts``, opener, closer); a close is ("", "").
    markers: list[tuple[int, str, str]] = field(default_factory=list)
    base_url: str | None = None

    def add_text(self, text: str) -> None:
        self.parts.append(text)
        if self.link_depth:
            self.link_chars += len(text.strip())

    def open_markup(self, opener: str, closer: str) -> None:
        self.markers.append((len(self.parts), opener, closer))

    def close_markup(self) -> None:
        self.markers.append((len(self.parts), "", ""))

    def flush(self) -> None:
        if not self.parts:
            self.markers.clear()
            return
        # Newlines inside an element are source formatting; <br> and block ends split blocks.
        text = normalise_space("".join(self.parts).replace("\r", " ").replace("\n", " "))
        inline = _inline_markdown(self.parts, self.markers) if self.markers else None
        self.markers.clear()
        tag = self.block_tags[-1] if self.block_tags else "p"
        if text:
            kind = BlockKind.TABLE_ROW if tag == "tr" else KIND_BY_TAG.get(tag, BlockKind.PARAGRAPH)
            total = max(1, len(text))
            self.blocks.append(
                Block(
                    index=len(self.blocks),
                    text=text,
                    kind=kind,
                    heading_level=int(tag[1]) if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else 0,
                    link_density=min(1.0, self.link_chars / total),
                    in_boilerplate_element=self.chrome_depth > 0,
                    in_chrome_class=self.chrome_class_depth > 0,
                    hidden=self.hidden_depth > 0,
                    element=self.open_elements[-1] if self.open_elements else NO_ELEMENT,
                    inline_markdown=inline if inline is not None and inline != escaped_inline(text) else None,
                )
            )
        self.parts.clear()
        self.link_chars = 0


def parse_html(html: str | bytes, declared: PageMetadata) -> ParsedPage:
    """The page's blocks, skeleton and metadata; bytes are read as UTF-8."""
    tree = LexborHTMLParser(html)
    metadata = read_metadata(tree).merged_over(declared) if declared else read_metadata(tree)
    root = tree.body or tree.root
    if root is None:
        return ParsedPage(blocks=(), metadata=metadata)
    blocks, skeleton = _walk(root, base_url=metadata.url)
    return ParsedPage(blocks=blocks, metadata=metadata, skeleton=skeleton)


# What an element opened, remembered until the walk leaves it (so its attributes are read once).
(
    _OPENS_BLOCK,
    _OPENS_LINK,
    _OPENS_CHROME,
    _OPENS_CHROME_CLASS,
    _OPENS_HIDDEN,
    _OPENS_ROW,
    _OPENS_CELL_IN_ROW,
    _OPENS_MARKUP,
) = (1 << bit for bit in range(8))
# Inline elements written as Markdown emphasis or code in ``Block.inline_markdown``.
INLINE_MARKUP = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}
# A link address Markdown would misread (spaces, parentheses): the link's text stays plain.
_UNSAFE_IN_LINK = re.compile(r"[\s()<>]")


def _link_address(href: str, base_url: str | None) -> str | None:
    """An absolute http(s) address for a link: as written, or joined to the page's address (not a
    fragment of this page, a script or a mail address)."""
    if href.startswith(("http://", "https://")):
        return href
    if base_url is None or not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    joined = urljoin(base_url, href)
    return joined if joined.startswith(("http://", "https://")) else None


def _inline_markdown(parts: list[str], markers: list[tuple[int, str, str]]) -> str:
    """The block's text with its links and emphasis as Markdown inline, the text escaped. A marker
    around nothing but spaces goes; spaces at a marked span's edges move outside it (``*word*``,
    not ``* word *``); a span a block boundary cut open keeps its text without markers."""
    stack: list[tuple[str, str, list[str]]] = [("", "", [])]
    position = 0
    for index in range(len(parts) + 1):
        while position < len(markers) and markers[position][0] == index:
            _, opener, closer = markers[position]
            position += 1
            if opener:
                stack.append((opener, closer, []))
            elif len(stack) > 1:
                opener, closer, inside = stack.pop()
                stack[-1][2].append(_marked(opener, closer, "".join(inside)))
        if index < len(parts):
            text = parts[index].replace("\r", " ").replace("\n", " ")
            # Code is literal in Markdown: nothing inside backticks is escaped.
            in_code = any(opener == "`" for opener, _, _ in stack)
            stack[-1][2].append(text if in_code else escaped_inline(text))
    while len(stack) > 1:
        _, _, inside = stack.pop()
        stack[-1][2].append("".join(inside))
    return normalise_space("".join(stack[0][2]))


def _marked(opener: str, closer: str, inside: str) -> str:
    core = inside.strip()
    if not core:
        return inside
    if opener == "`" and "`" in core:
        return escaped_inline(inside)  # a backtick in code: plain escaped text rather than a broken span
    lead, trail = inside[: len(inside) - len(inside.lstrip())], inside[len(inside.rstrip()) :]
    return f"{lead}{opener}{core}{closer}{trail}"


def _walk(root: LexborNode, base_url: str | None = None) -> tuple[tuple[Block, ...], DomSkeleton]:
    # Relative links are joined to the page's own address where it states an absolute one.
    state = _Walk(base_url=base_url if base_url and base_url.startswith(("http://", "https://")) else None)
    # Nodes still to enter, and (tag, marks) for elements to leave once their children are done.
    stack: list[LexborNode | tuple[str, int]] = [root]
    while stack:
        item = stack.pop()
        if type(item) is tuple:
            _leave(item[0], item[1], state)
            continue
        node = cast(LexborNode, item)
        tag = node.tag or ""
        if tag == "-text":
            state.add_text(node.text_content or "")
            continue
        if tag in SKIPPED_TAGS or (tag not in BLOCK_TAGS and _is_inline_button(node.attributes)):
            continue
        if tag == "br":
            state.flush()
            continue
        stack.append((tag, _enter(node, tag, state)))
        children = list(node.iter(include_text=True))
        children.reverse()
        stack.extend(children)
    state.flush()
    return tuple(state.blocks), state.skeleton.build()


def _enter(node: LexborNode, tag: str, state: _Walk) -> int:
    """Open the element in the walk's state; returns what it opened, for ``_leave``."""
    attributes = node.attributes
    marks = 0
    if tag in CELL_TAGS and state.row_modes and state.row_modes[-1]:
        state.parts.append(" ")
        marks |= _OPENS_CELL_IN_ROW
    elif tag in BLOCK_TAGS:
        state.flush()
        state.block_tags.append(tag)
        parent = state.open_elements[-1] if state.open_elements else NO_ELEMENT
        state.open_elements.append(state.skeleton.add(tag, parent, _names_article(tag, attributes)))
        marks |= _OPENS_BLOCK
    if tag == "tr":
        state.row_modes.append(_is_data_row(node))
        marks |= _OPENS_ROW
    if tag == "a":
        state.link_depth += 1
        marks |= _OPENS_LINK
        href = _link_address((attributes.get("href") or "").strip(), state.base_url)
        if href and not _UNSAFE_IN_LINK.search(href):
            state.open_markup("[", f"]({href})")
            marks |= _OPENS_MARKUP
    elif tag in INLINE_MARKUP:
        opener = INLINE_MARKUP[tag]
        state.open_markup(opener, opener)
        marks |= _OPENS_MARKUP
    if tag in CHROME_TAGS:
        state.chrome_depth += 1
        marks |= _OPENS_CHROME
    if attributes and _has_chrome_class(tag, attributes):
        state.chrome_class_depth += 1
        marks |= _OPENS_CHROME_CLASS
    if attributes and _is_hidden(attributes):
        state.hidden_depth += 1
        marks |= _OPENS_HIDDEN
    return marks


def _leave(tag: str, marks: int, state: _Walk) -> None:
    if marks & _OPENS_CELL_IN_ROW:
        state.parts.append(" ")
    elif marks & _OPENS_BLOCK:
        state.flush()
        state.block_tags.pop()
        state.open_elements.pop()
    if marks & _OPENS_ROW:
        state.row_modes.pop()
    if marks & _OPENS_MARKUP:
        state.close_markup()
    if marks & _OPENS_LINK:
        state.link_depth -= 1
    if marks & _OPENS_CHROME:
        state.chrome_depth -= 1
    if marks & _OPENS_CHROME_CLASS:
        state.chrome_class_depth -= 1
    if marks & _OPENS_HIDDEN:
        state.hidden_depth -= 1


def _is_data_row(row: LexborNode) -> bool:
    """A table row of two or more cells holding only inline content: a line of data, which
    reads as one line ("3  Kevin Harvick  5033"), unlike a layout row whose cells hold blocks."""
    cells = [cell for cell in row.iter() if cell.tag in CELL_TAGS]
    if len(cells) < MIN_DATA_ROW_CELLS:
        return False
    # traverse() starts at the cell itself; any nested table shows as <table>.
    return not any(
        (child.tag in BLOCK_TAGS and child.tag not in CELL_TAGS) or child.tag == "br"
        for cell in cells
        for child in cell.traverse(include_text=False)
    )


def _has_chrome_class(tag: str, attributes: Mapping[str, str | None]) -> bool:
    """Furniture by class or id, unless the element also names itself the article: pages put
    state classes ("url-breadcrumb", "has-comments") on their article containers."""
    if tag in CONTENT_TAGS:
        return False
    names = " ".join(value for value in (attributes.get("class"), attributes.get("id")) if value)
    return bool(names and _CHROME_CLASS.search(names) and not _CONTENT_CLASS.search(names))


def _is_inline_button(attributes: Mapping[str, str | None]) -> bool:
    """An inline element that is a control, as a <button> is: role="button", or a class naming a
    button ("Click To Tweet" in <span class="ctt-btn"> at the end of a pull quote)."""
    if not attributes:
        return False
    if attributes.get("role") == "button":
        return True
    names = attributes.get("class")
    return bool(names and _BUTTON_CLASS.search(names))


def _names_article(tag: str, attributes: Mapping[str, str | None]) -> bool:
    """An element that says it holds the article: <article>, <main>, itemprop="articleBody", or
    a class/id such as "article-body" or "story-content" that names no furniture."""
    if tag in {"article", "main"}:
        return True
    if attributes.get("itemprop") == "articleBody":
        return True
    names = " ".join(value for value in (attributes.get("class"), attributes.get("id")) if value)
    return bool(names and _ARTICLE_CLASS.search(names) and not _CHROME_CLASS.search(names))


def _is_hidden(attributes: Mapping[str, str | None]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
