"""One linear pass over a page's tags that keeps the HTML parser's work linear too.

An HTML tree builder looks through its stack of open elements at many start
tags, and copies every open formatting element (``<b>``, ``<font>``, ``<a>``...)
back in after each block that closed over it. Neither is bounded by the size
of the page: 100,000 nested ``<div>`` tags (500 kB) cost the parser seconds
that grow with the square of their number, and ``<b id=N><p>x`` repeated
makes it copy every earlier ``<b>`` at each paragraph, until memory runs out.

``scan_tags`` walks the tags once, without building a tree, tracking an
estimate of what is open: block elements popped by an end tag as the parser
would pop them, formatting elements until their own end tag (three of a
kind at most, as the parser's own "Noah's Ark" rule keeps them). It

* drops start tags that would open more than ``max_open`` elements at once,
  with their end tags — as WebKit and Blink stop nesting at 512 levels. A
  dropped block tag becomes ``<br>``, so its text still starts a new block;
  a dropped inline tag just goes;
* counts ``work``: one unit per tag and per attribute, plus one per open
  formatting element the parser may have to copy after a tag, an upper bound
  on the nodes it creates. The caller rejects the page when that passes its
  budget;
* stops at a tag with more than ``max_attributes`` attributes: the parser
  compares each attribute with every one before it in its tag, so 80,000
  attributes in one tag (700 kB) cost it seconds to a minute.

A tag's attributes are read as the parser's tokenizer reads them: a quoted
value may hold a ">" without ending the tag, so 80,000 attributes cannot hide
behind ">" in values. The scan still goes on after the first ">", so that it
skips nothing the parser could read as markup; what it reads twice that way
is bounded by twice the page's length. Comments (and doctypes, "<?xml ...>",
which the tokenizer reads as comments), script, style and other raw-text
contents are skipped, as the parser skips them, except where they open in a
quoted value or in SVG and MathML. The scan errs towards counting too much,
never too little.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

# What HTML's tokenizer takes for white space between a tag's name and attributes (no other:
# "a=\xa0'x'" is an unquoted value, so a wider class would misread where the tag ends).
_SPACE = r"\t\n\f\r "
# One attribute as the tokenizer reads it: separators ("/" is one), a name, perhaps "=" and a
# value. A quoted value runs to its closing quote, ">" and all; an unquoted one to a space or ">".
# Possessive quantifiers: every character is read once, whatever the input.
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/>=]*+"  # ("=" may open a name: "<p =x>" has an attribute "=x")
_VALUE = rf"""[{_SPACE}]*+=[{_SPACE}]*+(?:"[^"]*+"?|'[^']*+'?|[^{_SPACE}>]*+)"""
_ATTRIBUTE = rf"[{_SPACE}/]*+{_NAME}(?:{_VALUE})?+"
# (Without its separators, so that a search fails at once at each of a run of them; the empty
# group: ``findall`` copies no text.)
_ONE_ATTRIBUTE = re.compile(rf"{_NAME}(?:{_VALUE})?+()")
# A tag's first attributes are each followed by an empty group, so that the match's ``lastindex``
# counts them (97% of tags have fewer); those of a tag with more are counted again.
MARKED_ATTRIBUTES = 4
_NAME_GROUP = 2


def _marked(count: int) -> str:
    """``count`` attributes, each optional after the one before and followed by its mark."""
    pattern = ""
    for _ in range(count):
        pattern = f"(?:{_ATTRIBUTE}(){pattern})?+"
    return pattern


# A tag: "<", "/" for an end tag, its name and its attributes, up to where the tokenizer ends it
# (a ">" outside quotes, or the end of the page); or the opening of a comment, or of what the
# tokenizer reads as one up to the next ">" ("<!DOCTYPE", "<?xml", "</ x>", "<!x").
_TOKEN = re.compile(rf"<(/?)([A-Za-z][^{_SPACE}/>]*){_marked(MARKED_ATTRIBUTES)}(?:{_ATTRIBUTE})*+[{_SPACE}/]*+|<[!?/]")
_COMMENT_END = re.compile(r"--!?>")
VOID = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr".split()
)
# Elements the parser closes when a sibling opens (<p>, <li>, <td>...): they never pile up on
# their own, and whatever nests inside them is counted.
SELF_CLOSING_SIBLINGS = frozenset(
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc html head body".split()
)
FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
# The parser ignores an end tag whose element lies below one of these on its stack.
SCOPE_BOUNDARIES = frozenset({"table", "object", "applet", "marquee", "template"})
FOREIGN_ROOTS = frozenset({"svg", "math"})
# HTML tags that end SVG or MathML content (where "<x/>" is a complete element).
FOREIGN_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu "
    "meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
# Elements whose content is text up to their end tag (the parser does not look for tags in it).
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_RAW_TEXT_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in RAW_TEXT}
TEXT_ONLY = RAW_TEXT | {"plaintext"}  # (after <plaintext>, everything is text)
# How many formatting elements of one kind (same tag, same attributes) the parser keeps open.
NOAHS_ARK = 3


class Bound(enum.Enum):
    """The bound a scan stopped at: the page would cost the parser too much."""

    WORK = "work"  # nodes: tags, attributes and copies of formatting elements
    TAG_ATTRIBUTES = "tag_attributes"  # attributes in one tag
    REREAD = "reread"  # characters read again from tags inside quoted values, past twice the page's length


@dataclass(frozen=True, slots=True)
class TagScan:
    html: str  # the page, with the tags that nested too deep taken out
    work: int  # nodes the parser may create: tags, attributes and copies of formatting elements
    dropped: int  # start tags taken out
    exceeded: Bound | None  # the bound the scan stopped at, if it did

    @property
    def finished(self) -> bool:
        return self.exceeded is None


@dataclass(slots=True)
class _OpenElements:
    """The scan's estimate of the parser's stack and of its list of open formatting elements."""

    max_open: int
    max_attributes: int
    max_reread: int
    stack: list[str] = field(default_factory=list)
    positions: dict[str, list[int]] = field(default_factory=dict)  # name -> its indices in the stack
    boundaries: list[int] = field(default_factory=list)  # stack indices of scope boundaries
    foreign: int = 0  # open <svg>/<math> elements
    formatting: dict[str, list[str]] = field(default_factory=dict)  # name -> open tags, innermost last
    kinds: Counter[str] = field(default_factory=Counter)  # open formatting tags by their whole text
    formatting_depth: int = 0  # open formatting elements, three of a kind at most
    pending_drops: Counter[str] = field(default_factory=Counter)  # dropped elements whose end tag is due
    drops: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, replacement)
    dropped_starts: int = 0
    work: int = 0
    reread: int = 0  # characters of quoted values holding ">", read again from tags inside them
    read_to: int = 0  # where the attributes read so far end: a tag or comment before it is in a quoted value
    exceeded: Bound | None = None

    @property
    def depth(self) -> int:
        return len(self.stack) + self.formatting_depth

    def read_attributes(self, html: str, match: re.Match[str]) -> int:
        """Count the attributes of the tag at ``match`` as work, duplicates too (the parser compares
        each with those before it). Returns the tag's first ">", where the scan goes on, or -1 past
        a bound."""
        end = match.end()
        last_mark = match.lastindex or 0
        count = last_mark - _NAME_GROUP
        if count == MARKED_ATTRIBUTES:
            count += self._attributes_between(html, match.end(last_mark), end)
        self.work += count
        first = html.find(">", match.end(_NAME_GROUP), end)
        if first >= 0:  # in a quoted value: the parser reads on, the scan goes on from it to skip no markup
            self.reread += end - first
            self.read_to = max(self.read_to, end)
            end = first
        if count > self.max_attributes:
            self.exceeded = Bound.TAG_ATTRIBUTES
        elif self.reread > self.max_reread:
            self.exceeded = Bound.REREAD
        return -1 if self.exceeded else end

    def _attributes_between(self, html: str, start: int, end: int) -> int:
        """Counted up to one past ``max_attributes``."""
        if end - start > 2 * self.max_attributes:  # (two characters an attribute at least) may pass it
            return sum(1 for _ in islice(_ONE_ATTRIBUTE.finditer(html, start, end), self.max_attributes + 1))
        return len(_ONE_ATTRIBUTE.findall(html, start, end))

    def start_tag(self, name: str, tag: str, start: int, end: int) -> None:
        self.work += 1 + self.formatting_depth
        if name in VOID or name in SELF_CLOSING_SIBLINGS:
            return
        if self.foreign and name in FOREIGN_BREAKOUT:
            self.foreign = 0
        elif self.foreign and tag.endswith("/>"):
            return
        if self.depth >= self.max_open:
            self.pending_drops[name] += 1
            self.dropped_starts += 1
            self.drops.append((start, end, "" if name in FORMATTING else "<br>"))
        elif name in FORMATTING:
            self._open_formatting(name, tag.lower())
        else:
            self._push(name)

    def end_tag(self, name: str, start: int, end: int) -> None:
        self.work += 1 + self.formatting_depth
        if self.pending_drops.get(name):  # (``get``: a Counter's missing key costs a method call)
            self.pending_drops[name] -= 1
            self.drops.append((start, end, ""))
        elif name in FORMATTING:
            self._close_formatting(name)
        elif where := self.positions.get(name):
            if not self.boundaries or self.boundaries[-1] <= where[-1]:
                self._pop_to(where[-1])

    def _push(self, name: str) -> None:
        self.positions.setdefault(name, []).append(len(self.stack))
        if name in SCOPE_BOUNDARIES:
            self.boundaries.append(len(self.stack))
        if name in FOREIGN_ROOTS:
            self.foreign += 1
        self.stack.append(name)

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            name = self.stack.pop()
            self.positions[name].pop()
            if name in SCOPE_BOUNDARIES:
                self.boundaries.pop()
            if name in FOREIGN_ROOTS:
                self.foreign = max(0, self.foreign - 1)

    def _open_formatting(self, name: str, tag: str) -> None:
        if name in {"a", "nobr"} and self.formatting.get(name):
            self._close_formatting(name)  # a second <a> closes the first
        self.formatting.setdefault(name, []).append(tag)
        kind = self.kinds.get(tag, 0)
        if kind < NOAHS_ARK:
            self.formatting_depth += 1
        self.kinds[tag] = kind + 1

    def _close_formatting(self, name: str) -> None:
        if tags := self.formatting.get(name):
            tag = tags.pop()
            self.kinds[tag] -= 1
            if self.kinds[tag] < NOAHS_ARK:
                self.formatting_depth -= 1


def scan_tags(html: str, *, max_open: int, max_work: int, max_attributes: int) -> TagScan:
    """The page with its nesting capped at ``max_open`` open elements, and the parser's work.

    Stops early (``finished=False``) once ``work`` passes ``max_work``, at a tag with more than
    ``max_attributes`` attributes, or once the characters read again pass the page's length.
    """
    state = _OpenElements(max_open, max_attributes, max_reread=2 * len(html))
    pos = 0
    while state.work <= max_work and (match := _TOKEN.search(html, pos)) is not None:
        pos = _next_position(html, match, state)
        if pos < 0:
            break
    exceeded = state.exceeded or (Bound.WORK if state.work > max_work else None)
    return TagScan(
        html=_without_drops(html, state.drops), work=state.work, dropped=state.dropped_starts, exceeded=exceeded
    )


def _next_position(html: str, match: re.Match[str], state: _OpenElements) -> int:
    """Account for the tag or comment at ``match``; where the scan goes on, or -1 at the page's end."""
    closing, raw_name = match.group(1, 2)
    if raw_name is None:
        if match.start() < state.read_to:
            return match.end()  # in a quoted value "<!--" opens no comment
        return _comment_end(html, match.start(), in_foreign=state.foreign > 0)
    end = match.end()  # where the tokenizer ends the tag: at its ">", or at the page's end
    if match.lastindex != _NAME_GROUP:  # (the name's group is the last only with no attribute)
        end = state.read_attributes(html, match)
        if end < 0:
            return -1  # over a bound: the caller rejects the page
    if end == len(html):
        return -1  # a tag cut off by the end of the page: the parser drops it
    name, start = raw_name.lower(), match.start()
    if closing:
        state.end_tag(name, start, end + 1)
        return end + 1
    state.start_tag(name, html[start : end + 1], start, end + 1)
    if name not in TEXT_ONLY or state.foreign or start < state.read_to:
        return end + 1  # markup follows: in SVG and MathML, and in a quoted value, these are no HTML elements
    if name == "plaintext":
        return -1  # everything after it is text
    closing = _RAW_TEXT_END[name].search(html, end + 1)
    return closing.start() if closing else -1


def _comment_end(html: str, start: int, *, in_foreign: bool) -> int:
    """Where the comment opening at ``start`` ends, or -1 when the page does first."""
    if html.startswith("<!--", start):
        after = start + 4
        if html.startswith(">", after) or html.startswith("->", after):  # "<!-->" and "<!--->" end at once
            return after + 1
        found = _COMMENT_END.search(html, after)
        return found.end() if found else -1
    if in_foreign and html.startswith("<![CDATA[", start):  # text, in SVG and MathML
        found_at = html.find("]]>", start + 9)
        return found_at + 3 if found_at >= 0 else -1
    found_at = html.find(">", start + 2)  # a doctype, or a "bogus comment"
    return found_at + 1 if found_at >= 0 else -1


def _without_drops(html: str, drops: list[tuple[int, int, str]]) -> str:
    if not drops:
        return html
    parts: list[str] = []
    pos = 0
    for start, end, replacement in drops:
        parts += (html[pos:start], replacement)
        pos = end
    parts.append(html[pos:])
    return "".join(parts)
