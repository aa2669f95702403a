"""Text into blocks: one block per non-empty line of a text dump, or per hard-wrapped paragraph."""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.model import Block
from newsclean.text import collapse_spaces, ends_like_sentence

# Hard-wrapped text (a press release or an e-mail in a <pre>, a plain-text page) breaks each
# paragraph into lines of a fixed width and separates paragraphs with a blank line. A run of
# lines between blank lines is one wrapped paragraph when it has at least this many lines
# (two only when the break falls inside a sentence) ...
MIN_WRAPPED_LINES = 2
# ... its lines (the last aside) are no longer than a wrap width in this range ...
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
# ... and nearly as long as the longest of them (a wrapped line stops short of the width by
# less than a word) ...
MIN_WRAPPED_LINE_SHARE = 0.6
# ... and this share of its line breaks fall inside a sentence, the next line opening in lower
# case; and its last line ends a sentence. A list of headlines of like length opens every line
# in upper case; list items, code and address lines do not end with a full stop.
MIN_BROKEN_SENTENCES = 0.4


def text_blocks(text: str) -> tuple[Block, ...]:
    """Each non-empty line is a block (innerText dumps put one paragraph on a line), except that
    a hard-wrapped paragraph (``is_hard_wrapped``) is one block, its lines joined by spaces. Each
    line's block records what the dump's layout says of it: whether it was printed right under
    the line above (``Block.joined_above``), and the cells of a tab-separated row (``Block.cells``).

    Space runs never span a line break, so the whole text is collapsed at once, then each
    line trimmed (``normalise_space`` line by line)."""
    lines = map(str.strip, collapse_spaces(text).splitlines())
    # Tabs are spaces once collapsed: a row's cells are counted on the raw lines, when there are any.
    cells = list(map(_cells, text.splitlines())) if "\t" in text else None
    blocks: list[Block] = []
    run: list[str] = []
    run_cells: list[int] = []
    for number, line in enumerate(lines):
        if line:
            run.append(line)
            if cells is not None:
                run_cells.append(cells[number])
            continue
        _add_run(blocks, run, run_cells)
        run, run_cells = [], []
    _add_run(blocks, run, run_cells)
    return tuple(blocks)


def _cells(raw_line: str) -> int:
    return sum(1 for cell in raw_line.split("\t") if cell.strip()) if "\t" in raw_line else 1


def _add_run(blocks: list[Block], run: list[str], run_cells: list[int]) -> None:
    """The blocks of a run of lines between blank lines: a line each, or one hard-wrapped paragraph."""
    if is_hard_wrapped(run):
        blocks.append(Block(len(blocks), " ".join(run)))
        return
    start = len(blocks)
    for position, line in enumerate(run):
        cells = run_cells[position] if run_cells else 1
        blocks.append(Block(start + position, line, joined_above=position > 0, cells=cells))


def printed_in_a_run(blocks: Sequence[Block], index: int) -> bool:
    """Whether a text dump printed this line with no blank line between it and the line above or
    below (``Block.joined_above`` of it or of the next line)."""
    following = index + 1
    return blocks[index].joined_above or (following < len(blocks) and blocks[following].joined_above)


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether a run of lines between blank lines is one paragraph broken at a fixed width."""
    if len(lines) < MIN_WRAPPED_LINES or not ends_like_sentence(lines[-1]):
        return False
    wrapped = lines[:-1]
    width = max(map(len, wrapped))
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH or len(lines[-1]) > width:
        return False
    if min(map(len, wrapped)) < MIN_WRAPPED_LINE_SHARE * width:
        return False
    broken = sum(line[:1].islower() for line in lines[1:])
    if len(lines) == 2:
        return broken == 1 and not ends_like_sentence(lines[0])
    return broken >= MIN_BROKEN_SENTENCES * (len(lines) - 1)
