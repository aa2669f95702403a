"""The article as plain text and as Markdown, both rendered from its typed ``blocks``.

``as_text`` is the body for search and training sets: its blocks joined by
blank lines. ``as_markdown`` is the whole article in CommonMark: the
headline as ``#``, the standfirst, the byline, then the body with its
headings, lists (ordered or not, nested by two spaces a level), block quotes,
fenced code, and runs of table rows as a one-column GFM table (a text dump's
rows have lost their cells; HTML rows print theirs with spaces between).
Text is escaped where Markdown would read it as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from newsclean.model import BodyBlock, BodyBlockType

if TYPE_CHECKING:
    from newsclean.model import Article

# Characters that are markup anywhere in a line of Markdown.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|])")
# What opens a block at the start of a line: a heading, a quote, a list item, a rule, a fence.
_BLOCK_OPENING = re.compile(r"^(\s*)(?:([#>+=~-])|(\d{1,9})([.)]))")
# The body's headings sit under the headline: level 1 is the headline's.
MIN_BODY_HEADING_LEVEL = 2


def as_text(blocks: Sequence[BodyBlock]) -> str:
    """The body's blocks as plain text, separated by blank lines."""
    return "\n\n".join(block.text for block in blocks)


def as_markdown(article: Article) -> str:
    """The article in CommonMark (GFM for tables)."""
    parts = []
    if article.headline:
        parts.append(f"# {_escaped(article.headline)}")
    if article.standfirst and not _opens_the_body(article.standfirst, article.blocks):
        parts.append(_escaped(article.standfirst))
    if article.byline:
        parts.append(f"*{_escaped(article.byline)}*")
    parts.extend(_body_markdown(article.blocks))
    return "\n\n".join(parts) + "\n" if parts else ""


def _opens_the_body(standfirst: str, blocks: Sequence[BodyBlock]) -> bool:
    """A standfirst that is the first paragraph's opening (a lead excerpt) is printed once, in the body."""
    return bool(blocks) and blocks[0].text.startswith(standfirst.rstrip(" .…"))


def _body_markdown(blocks: Sequence[BodyBlock]) -> Iterator[str]:
    """One Markdown chunk per run: a list's items and a table's rows go together."""
    position = 0
    while position < len(blocks):
        block = blocks[position]
        if block.type in (BodyBlockType.LIST_ITEM, BodyBlockType.TABLE_ROW):
            end = position
            while end < len(blocks) and blocks[end].type is block.type:
                end += 1
            run = blocks[position:end]
            yield _list(run) if block.type is BodyBlockType.LIST_ITEM else _table(run)
            position = end
            continue
        yield _single(block)
        position += 1


def _single(block: BodyBlock) -> str:
    if block.type is BodyBlockType.HEADING:
        level = min(6, max(MIN_BODY_HEADING_LEVEL, block.level or MIN_BODY_HEADING_LEVEL))
        return f"{'#' * level} {_inline(block)}"
    if block.type is BodyBlockType.QUOTE:
        return f"> {_inline(block)}"
    if block.type is BodyBlockType.PREFORMATTED:
        fence = "~~~~" if "```" in block.text else "```"
        return f"{fence}\n{block.text}\n{fence}"
    return _inline(block)


def _list(items: Sequence[BodyBlock]) -> str:
    lines = []
    number = 0
    for item in items:
        indent = "  " * (max(1, item.depth or 1) - 1)
        if item.ordered:
            number += 1
            marker = f"{number}."
        else:
            marker = "-"
        lines.append(f"{indent}{marker} {_inline(item)}")
    return "\n".join(lines)


def _table(rows: Sequence[BodyBlock]) -> str:
    cells = [f"| {_escaped(row.text)} |" for row in rows]
    return "\n".join([cells[0], "| --- |", *cells[1:]])


def escaped_inline(text: str) -> str:
    """Text with the characters Markdown reads as inline markup escaped (spaces left as they are)."""
    return _INLINE_MARKUP.sub(r"\\\1", text)


def _escaped(text: str) -> str:
    return _line_start_escaped(escaped_inline(" ".join(text.split())))


def _inline(block: BodyBlock) -> str:
    """A block's text as Markdown: its inline markup where the page had some, else escaped text."""
    if block.inline_markdown is not None:
        return _line_start_escaped(block.inline_markdown)
    return _escaped(block.text)


def _line_start_escaped(text: str) -> str:
    return _BLOCK_OPENING.sub(_escaped_opening, text, count=1)


def _escaped_opening(found: re.Match[str]) -> str:
    """A block opening escaped: a mark gets a backslash, a number its delimiter (a digit is no
    escapable character in Markdown)."""
    indent, mark, number, delimiter = found.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{delimiter}"
