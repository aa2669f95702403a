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
* counts ``work``: one unit per tag plus one per open formatting element the
  parser may have to copy after it, an upper bound on the nodes it creates.
  The caller rejects the page when that passes its budget.

Script, style and other raw-text contents and comments are skipped, as the
parser skips them. The scan errs towards counting too much, never too little.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Start tags: a name right after "<"; end tags: after "</"; and comment openings.
_TOKEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)|<!--")
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
# How many formatting elements of one kind (same tag, same attributes) the parser keeps open.
NOAHS_ARK = 3


@dataclass(frozen=True, slots=True)
class TagScan:
    html: str  # the page, with the tags that nested too deep taken out
    work: int  # nodes the parser may create, counting copies of formatting elements
    dropped: int  # start tags taken out
    finished: bool  # False when the scan stopped at ``max_work``


@dataclass(slots=True)
class _OpenElements:
    """The scan's estimate of the parser's stack and of its list of open formatting elements."""

    max_open: int
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

    @property
    def depth(self) -> int:
        return len(self.stack) + self.formatting_depth

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


def scan_tags(html: str, *, max_open: int, max_work: int) -> TagScan:
    """The page with its nesting capped at ``max_open`` open elements, and the parser's work.

    Stops early (``finished=False``) once ``work`` passes ``max_work``.
    """
    state = _OpenElements(max_open)
    pos = 0
    while state.work <= max_work and (match := _TOKEN.search(html, pos)) is not None:
        pos = _next_position(html, match, state)
        if pos < 0:
            break
    finished = state.work <= max_work
    return TagScan(
        html=_without_drops(html, state.drops), work=state.work, dropped=state.dropped_starts, finished=finished
    )


def _next_position(html: str, match: re.Match[str], state: _OpenElements) -> int:
    """Account for the tag or comment at ``match``; where the scan goes on, or -1 at the page's end."""
    closing, raw_name = match.groups()
    if raw_name is None:
        return _comment_end(html, match.end())
    end = html.find(">", match.end())
    if end < 0:
        return -1  # a tag cut off by the end of the page: the parser drops it
    name, start = raw_name.lower(), match.start()
    if closing:
        state.end_tag(name, start, end + 1)
        return end + 1
    state.start_tag(name, html[start : end + 1], start, end + 1)
    if name == "plaintext":
        return -1  # everything after it is text
    if name in RAW_TEXT:
        closing = _RAW_TEXT_END[name].search(html, end + 1)
        return closing.start() if closing else -1
    return end + 1


def _comment_end(html: str, after: int) -> int:
    if html.startswith(">", after) or html.startswith("->", after):  # "<!-->" and "<!--->" end at once
        return after + 1
    found = _COMMENT_END.search(html, after)
    return found.end() if found else -1


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
