"""Text into blocks: one block per non-empty line of a text dump."""

from __future__ import annotations

from newsclean.model import Block
from newsclean.text import collapse_spaces


def text_blocks(text: str) -> tuple[Block, ...]:
    """Each non-empty line is a block; innerText dumps put one paragraph on a line.

    Space runs never span a line break, so the whole text is collapsed at once, then each
    line trimmed (``normalise_space`` line by line)."""
    lines = filter(None, map(str.strip, collapse_spaces(text).splitlines()))
    return tuple(Block(index=index, text=line) for index, line in enumerate(lines))
