"""The body's blocks with their type: paragraph, heading, list item, quote, table row, code.

In HTML the type comes from the element: ``<h2>`` is a heading of level 2, an
``<li>`` of an ``<ol>`` an ordered list item, nested as deep as its lists.
A text dump says less; each type is read from one general signal, a named
unit with its own tests:

- ``is_bulleted_item``: a line that opens with a bullet, a dash or a number
  ("• ...", "- ...", "3. ...", "(b) ...") is a list item, its marker left out
  of its text;
- ``is_section_heading``: a short, title-shaped line between two paragraphs
  (no sentence end, a handful of words) is a heading;
- ``in_a_run_of_lines``: a browser prints a ``<p>`` with a blank line above
  and below, and the items of a list or the rows of a table with none
  between them. So body lines printed together are a table's rows when
  they hold tab-separated cells, and a list's items when the dump sets the
  article's paragraphs apart (``prints_paragraphs_apart``) and they are not
  code (``region.looks_like_code``: a ``<pre>`` prints its lines so too);
- ``heads_a_list``: a browser prints a heading right against the list under
  it, so a run's title-shaped first line under a paragraph that announces
  nothing (no colon) is the list's heading;
- a quote is never guessed from a dump yet: a quoted paragraph reads as a
  paragraph.

Nothing here changes what the body holds: ``body`` stays the list of strings
it always was, and ``blocks`` types the same texts, one for one (a list
item's without the bullet a dump printed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsclean.content.blocks import printed_in_a_run
from newsclean.content.region import looks_like_code
from newsclean.html.dom import NO_ELEMENT, DomSkeleton
from newsclean.model import Block, BlockKind, BodyBlock, BodyBlockType
from newsclean.text import ends_like_sentence

# A list item's opening in a text dump: a bullet or a dash and a space, or a number or a letter
# with "." or ")" (or in parentheses) and a space.
_BULLETS = r"[•·▪◦‣●○■□➢➤►▸\-–—*+]"
_BULLET = re.compile(rf"^{_BULLETS}\s+\S")
_NUMBERED = re.compile(r"^(?:\d{1,3}|[a-z])[.)]\s+\S|^\(\s*(?:\d{1,3}|[a-z])\s*\)\s+\S")
_MARKER = re.compile(rf"^(?:{_BULLETS}|\(?\s*(?:\d{{1,3}}|[a-z])\s*[.)])\s+")
# A heading in a text dump is short...
MAX_HEADING_WORDS = 12
# ... and stands between paragraphs of at least this many words.
MIN_PARAGRAPH_WORDS = 15
# The level a text dump's headings get: the headline is the article's only level 1.
TEXT_HEADING_LEVEL = 2
# A dump's run of lines is a list when at least this share of the body's words stand apart ...
MIN_APART_SHARE = 0.4
# ... and a table's when its line holds at least this many tab-separated cells.
MIN_ROW_CELLS = 2
# What a body block's source kind makes it (table cells of a layout table are paragraphs).
_TYPE_BY_KIND = {
    BlockKind.HEADING: BodyBlockType.HEADING,
    BlockKind.LIST_ITEM: BodyBlockType.LIST_ITEM,
    BlockKind.QUOTE: BodyBlockType.QUOTE,
    BlockKind.PREFORMATTED: BodyBlockType.PREFORMATTED,
    BlockKind.TABLE_ROW: BodyBlockType.TABLE_ROW,
}
_LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
_ENCLOSING_TYPES = {"blockquote": BodyBlockType.QUOTE, "pre": BodyBlockType.PREFORMATTED}


def typed_body(
    blocks: Sequence[Block], indexes: Sequence[int], texts: Sequence[str], skeleton: DomSkeleton | None
) -> tuple[BodyBlock, ...]:
    """One typed block per body text (``texts[i]`` is the body's text of ``blocks[indexes[i]]``,
    after structuring took a dateline off the first)."""
    if skeleton is not None:
        return tuple(_from_element(blocks[index], text, skeleton) for index, text in zip(indexes, texts, strict=True))
    return tuple(_from_text(blocks, indexes, texts))


def _from_element(block: Block, text: str, skeleton: DomSkeleton) -> BodyBlock:
    kind = _TYPE_BY_KIND.get(block.kind, BodyBlockType.PARAGRAPH)
    if kind is BodyBlockType.PARAGRAPH:
        # A paragraph inside a quote is the quote's ("<blockquote><p>...</p></blockquote>").
        kind = _enclosing_type(skeleton, block.element)
    # (Its links and emphasis, unless structuring cut the text: a dateline off the first paragraph.)
    inline = block.inline_markdown if text == block.text else None
    if kind is BodyBlockType.HEADING:
        return BodyBlock(kind, text, level=max(1, block.heading_level), inline_markdown=inline)
    if kind is BodyBlockType.LIST_ITEM:
        ordered, depth = _list_position(skeleton, block.element)
        return BodyBlock(kind, text, ordered=ordered, depth=depth, inline_markdown=inline)
    if kind is BodyBlockType.PREFORMATTED:
        return BodyBlock(kind, text)  # code is printed as it is, fenced
    return BodyBlock(kind, text, inline_markdown=inline)


def _enclosing_type(skeleton: DomSkeleton, element: int) -> BodyBlockType:
    """The type a paragraph gets from the nearest quote or code element around it. (Not from a list
    item: an item of several paragraphs is one item to a reader, and pages lay out whole posts in
    list items.)"""
    parent = skeleton.parents[element] if element != NO_ELEMENT else NO_ELEMENT
    while parent != NO_ELEMENT:
        enclosing = _ENCLOSING_TYPES.get(skeleton.tags[parent])
        if enclosing is not None:
            return enclosing
        parent = skeleton.parents[parent]
    return BodyBlockType.PARAGRAPH


def _list_position(skeleton: DomSkeleton, element: int) -> tuple[bool, int]:
    """Whether the item's own list is ordered, and how many lists hold it (1 for a top-level list)."""
    ordered, depth = False, 0
    parent = skeleton.parents[element] if element != NO_ELEMENT else NO_ELEMENT
    while parent != NO_ELEMENT:
        if skeleton.tags[parent] in _LIST_TAGS:
            if depth == 0:
                ordered = skeleton.tags[parent] == "ol"
            depth += 1
        parent = skeleton.parents[parent]
    return ordered, max(1, depth)


def _from_text(blocks: Sequence[Block], indexes: Sequence[int], texts: Sequence[str]) -> Iterator[BodyBlock]:
    listing = prints_paragraphs_apart(blocks, indexes)
    for position, text in enumerate(texts):
        in_run = in_a_run_of_lines(blocks, indexes, position)
        listed = in_run and listing and not looks_like_code(text)
        if is_bulleted_item(text):
            yield BodyBlock(BodyBlockType.LIST_ITEM, without_marker(text), ordered=bool(_NUMBERED.match(text)), depth=1)
        elif is_section_heading(texts, position):
            yield BodyBlock(BodyBlockType.HEADING, text, level=TEXT_HEADING_LEVEL)
        elif in_run and blocks[indexes[position]].cells >= MIN_ROW_CELLS:
            yield BodyBlock(BodyBlockType.TABLE_ROW, text)
        elif listed and heads_a_list(blocks, indexes, texts, position):
            yield BodyBlock(BodyBlockType.HEADING, text, level=TEXT_HEADING_LEVEL)
        elif listed:
            yield BodyBlock(BodyBlockType.LIST_ITEM, text, ordered=False, depth=1)
        else:
            yield BodyBlock(BodyBlockType.PARAGRAPH, text)


def heads_a_list(blocks: Sequence[Block], indexes: Sequence[int], texts: Sequence[str], position: int) -> bool:
    """Whether the first line of a run is the heading over the list below it: a browser prints a
    heading right against the list it heads, so a title-shaped line (``is_title_shaped``) that
    opens a run under a paragraph that announces nothing (no colon) heads the run."""
    index = indexes[position]
    if position == 0 or blocks[index].joined_above or not is_title_shaped(texts[position]):
        return False
    above = texts[position - 1]
    return _is_paragraph(above) and not above.endswith(":")


def in_a_run_of_lines(blocks: Sequence[Block], indexes: Sequence[int], position: int) -> bool:
    """Whether the dump printed this body line and the body line before or after it with no blank
    line between: the lines of one list, or the rows of one table."""
    index = indexes[position]
    if position > 0 and indexes[position - 1] == index - 1 and blocks[index].joined_above:
        return True
    following = position + 1 < len(indexes) and indexes[position + 1] == index + 1
    return following and blocks[index + 1].joined_above


def prints_paragraphs_apart(blocks: Sequence[Block], indexes: Sequence[int]) -> bool:
    """Whether the dump sets the article's paragraphs apart with blank lines (``MIN_APART_SHARE``
    of the body's words on lines with a blank line above and below), as a browser prints a
    ``<p>``: then a run of lines with no blank line between is a list. A dump that prints every
    line close (a story told in ``<div>`` lines) says nothing of its lists."""
    total = apart = 0
    for index in indexes:
        words = blocks[index].words
        total += words
        if not printed_in_a_run(blocks, index):
            apart += words
    return total > 0 and apart >= MIN_APART_SHARE * total


def without_marker(text: str) -> str:
    """A list item's text without the bullet or number the dump printed before it."""
    return _MARKER.sub("", text, count=1) or text


def is_bulleted_item(text: str) -> bool:
    """A line that opens with a bullet, a dash or an item number and a space."""
    return bool(_BULLET.match(text) or _NUMBERED.match(text))


def is_section_heading(texts: Sequence[str], position: int) -> bool:
    """A short line without a sentence's end between two paragraphs: a section's title, not a line
    of a list or a caption under a picture."""
    if not is_title_shaped(texts[position]) or position == 0 or position + 1 >= len(texts):
        return False
    return _is_paragraph(texts[position - 1]) and _is_paragraph(texts[position + 1])


def is_title_shaped(text: str) -> bool:
    """A handful of words (``MAX_HEADING_WORDS``) without a sentence's end or a trailing comma or colon."""
    words = len(text.split())
    return 1 <= words <= MAX_HEADING_WORDS and not ends_like_sentence(text) and not text.endswith((",", ";", ":"))


def _is_paragraph(text: str) -> bool:
    return len(text.split()) >= MIN_PARAGRAPH_WORDS and not is_bulleted_item(text)
