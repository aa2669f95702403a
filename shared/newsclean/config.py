"""The cleaner's settings: one frozen object, resolved by the caller.

The core never reads the environment; handlers and the CLI build a
``CleanerConfig`` (or use ``DEFAULT_CONFIG``) and pass it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean.content.scoring import ContentModel

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class CleanerConfig:
    # Raw object size accepted. News pages are rarely over 2 MB of HTML; 10 MB
    # leaves room for inline assets while keeping the function's memory bounded.
    max_input_bytes: int = 10 * MIB
    # Size after gzip. Anything beyond this is treated as a decompression bomb.
    max_decompressed_bytes: int = 20 * MIB
    # Nested gzip layers accepted before the input is rejected.
    max_gzip_layers: int = 2
    # Share of control characters (besides whitespace) above which bytes are binary.
    max_control_char_ratio: float = 0.05
    # A text dump's lines, and the HTML parser's work (tags and their attributes, plus the
    # copies of open formatting tags it may make after each tag), above which the input is a
    # flood, not a page. The largest page of the evaluation corpus has 9,892 tags and 13,949
    # attributes (work 39,568) and the longest dump 2,566 lines; every block costs up to ~600
    # bytes on its way through the cleaner, and every attribute ~250 in the parser, so this
    # keeps a 10 MB input inside the function's 512 MB (tests/reliability/test_cost_bounds.py).
    max_lines: int = 400_000
    max_html_work: int = 400_000
    # Attributes in one tag (duplicates too), above which the input is a flood: the parser
    # compares each with every one before it, so 80,000 in one tag cost it 10-60 s. The most in
    # the evaluation corpus is 102 (78 distinct); at this bound the work budget's worst page
    # (400 such tags) parses in under a second.
    max_tag_attributes: int = 1_000
    # Elements open at once in HTML; deeper tags are flattened (WebKit and Blink stop at 512).
    max_open_elements: int = 512
    # The learned content score's weights; None uses the model shipped with the package.
    # Benchmarks pass a model trained without the test pages' sites (cross-validation).
    content_model: ContentModel | None = None
    html_content_model: ContentModel | None = None  # the same for HTML pages (DOM features too)


DEFAULT_CONFIG = CleanerConfig()
