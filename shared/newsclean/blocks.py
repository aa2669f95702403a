"""Text into blocks: one block per non-empty line of a text dump."""

from __future__ import annotations

from newsclean.model import Block
from newsclean.text import normalise_space


def text_blocks(text: str) -> tuple[Block, ...]:
    """Each non-empty line is a block; innerText dumps put one paragraph on a line."""
    lines = (normalise_space(line) for line in text.splitlines())
    return tuple(Block(index=index, text=line) for index, line in enumerate(line for line in lines if line))
