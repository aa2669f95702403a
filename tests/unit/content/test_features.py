"""The content score's features, each on a handwritten page where its value is known."""

from __future__ import annotations

import math

import pytest

from newsclean.content import features as f
from newsclean.content.blocks import text_blocks
from newsclean.content.features import PageView, block_matrix, context_rows
from newsclean.model import Block, BlockKind
from newsclean.text import fingerprint

PARAGRAPH = (
    "The harbour board said on Tuesday that the old swing bridge would reopen to traffic next week, "
    "after repairs that took longer than it had planned."
)
LINES = [
    "Home | News | Sport",  # 0
    "Swing Bridge Reopens Next Week",  # 1
    "By Mairead Quill",  # 2
    "5 March 2024 10:32",  # 3
    PARAGRAPH,  # 4
    "What happens next",  # 5
    "Traders on the quay listed what they want from the council:",  # 6
    "1) a rates holiday",  # 7
    "2) more parking",  # 8
    "“We have waited long enough,” one trader said of the delays.",  # 9
    "Ferry fares to rise in spring...",  # 10
    "Home | News | Sport",  # 11
]


def view_of(lines: list[str], kept: list[bool] | None = None) -> PageView:
    blocks = text_blocks("\n".join(lines))
    keep = kept if kept is not None else [True] * len(blocks)
    return PageView.of(blocks, keep, [fingerprint(block.text) for block in blocks])


@pytest.fixture(scope="module")
def page() -> PageView:
    return view_of(LINES)


def value(feature: f.BlockFeature, page: PageView, index: int) -> float:
    return feature(page.blocks[index], page)


@pytest.mark.parametrize(
    ("feature", "high", "low"),
    [
        (f.ends_with_sentence_mark, 4, 1),
        (f.ends_cut_short, 10, 4),
        (f.sentence_marks, 4, 1),
        (f.function_word_share, 4, 1),
        (f.digit_share, 3, 4),
        (f.capitalised_word_share, 1, 4),
        (f.has_separators, 0, 4),
        (f.starts_with_quote, 9, 4),
        (f.repeated_on_page, 0, 4),
        (f.starts_like_byline, 2, 1),
        (f.timestamp_like, 3, 1),
        (f.starts_with_item_number, 7, 4),
        (f.in_announced_list, 7, 5),
        (f.reads_as_prose, 4, 5),
        (f.words_versus_longest, 4, 5),
        (f.relative_position, 11, 0),
    ],
    ids=lambda item: item.__name__ if callable(item) else str(item),
)
def test_feature_separates_its_blocks(page: PageView, feature: f.BlockFeature, high: int, low: int) -> None:
    assert value(feature, page, high) > value(feature, page, low)


def test_length_features(page: PageView) -> None:
    assert value(f.log_words, page, 5) == pytest.approx(math.log1p(3))
    assert value(f.log_chars, page, 5) == pytest.approx(math.log1p(len("What happens next")))
    assert value(f.words_versus_longest, page, 4) == 1.0


def test_densest_prose_features() -> None:
    page = view_of(["Home", "News", PARAGRAPH, PARAGRAPH.replace("Tuesday", "Monday"), "Contact", "Privacy", "Terms"])
    assert [value(f.inside_densest_prose, page, i) for i in range(7)] == [0, 0, 1, 1, 0, 0, 0]
    assert value(f.distance_from_densest_prose, page, 2) == 0.0
    assert value(f.distance_from_densest_prose, page, 6) > value(f.distance_from_densest_prose, page, 4) > 0


def test_dom_features() -> None:
    heading = Block(index=0, text="Bridge reopens", kind=BlockKind.HEADING, heading_level=1)
    item = Block(index=1, text="Home", kind=BlockKind.LIST_ITEM, link_density=1.0)
    page = PageView.of((heading, item), [True, True], ["bridge reopens", "home"])
    assert f.is_heading(heading, page) == 1.0 and f.is_heading(item, page) == 0.0
    assert f.is_list_item(item, page) == 1.0
    assert f.link_density(item, page) == 1.0 and f.link_density(heading, page) == 0.0


def test_rows_cover_kept_blocks_only(page: PageView) -> None:
    kept = [index not in (0, 11) for index in range(len(LINES))]
    partial = view_of(LINES, kept)
    rows = block_matrix(partial)
    assert len(rows) == len(LINES) - 2
    assert all(len(row) == len(f.BLOCK_FEATURES) for row in rows)


def test_context_means_and_missing_sides() -> None:
    page = view_of(["a b", "c d", "e f", "g h"])
    rows = context_rows(page, [[1.0, 0.0, 1.0, 1.0]])
    # window 1 for the second block: before = 1.0 (first), after = 1.0 (third)
    assert rows[1][0] == 1.0 and rows[1][1] == 1.0
    # the last block has nothing after it: its "after" takes its "before"
    assert rows[3][0] == rows[3][1] == 1.0
    assert len(rows[0]) == len(f.context_names(["signal"]))


def test_dropped_neighbours_share() -> None:
    page = view_of(["a b", "c d", "e f", "g h", "i j"], kept=[False, True, True, True, False])
    rows = context_rows(page, [[0.0] * 5])
    # last column: share of the two blocks on each side that the wording rules dropped
    assert [row[-1] for row in rows] == [pytest.approx(1 / 3), pytest.approx(2 / 4), pytest.approx(1 / 3)]


def test_repeats_are_counted_up_to_a_cap() -> None:
    few = view_of(["Home", "Home", PARAGRAPH])
    flood = view_of(["Home"] * 1000 + [PARAGRAPH])
    assert value(f.repeated_on_page, few, 0) == pytest.approx(math.log(2))
    assert value(f.repeated_on_page, flood, 0) == pytest.approx(math.log(f.MAX_COUNTED_REPEATS))


def _dump_view(dump: str) -> PageView:
    blocks = text_blocks(dump)
    return PageView.of(blocks, [True] * len(blocks), [fingerprint(block.text) for block in blocks])


SPACED_DUMP = """Home
News
Sport

The harbour board met on Tuesday evening and agreed, after a long debate, to repair the sea wall.

Tide\t06:12\t18:40
Wind\t12 knots\tnorth

Work on the wall will start in March and is expected to last until the end of the summer season.
"""


def test_lines_printed_together_read_as_list_items_in_a_dump_that_sets_its_paragraphs_apart() -> None:
    view = _dump_view(SPACED_DUMP)
    assert [f.is_list_item(block, view) for block in view.blocks] == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]


def test_a_dump_printed_all_close_or_all_apart_says_nothing_of_lists() -> None:
    lines = [line for line in SPACED_DUMP.splitlines() if line]
    for dump in ("\n".join(lines), "\n\n".join(lines)):
        view = _dump_view(dump)
        assert view.in_line_runs == ()
        assert {f.is_list_item(block, view) for block in view.blocks} == {0.0}
