"""Typed body blocks: from the element in HTML, from general signals in text dumps."""

from __future__ import annotations

import pytest

from newsclean import clean
from newsclean.content.blocks import text_blocks
from newsclean.fields.typed import (
    in_a_run_of_lines,
    is_bulleted_item,
    is_section_heading,
    prints_paragraphs_apart,
    typed_body,
    without_marker,
)
from newsclean.html.blocks import parse_html
from newsclean.model import BodyBlockType
from newsclean.parsed import PageMetadata
from tests.schemas import article_validator

PARAGRAPHS = [
    "The harbour board met on Tuesday evening and agreed, after a long debate, to repair the old sea wall.",
    "Work on the wall will start in March and is expected to last until the end of the summer season.",
    "The board said the cost would be met from the reserves that it has kept for repairs since 2019.",
]

HTML_PAGE = f"""<html><body><article>
<h1>Sea wall to be repaired before the winter storms</h1>
<p>{PARAGRAPHS[0]}</p>
<h2>What the work involves</h2>
<p>{PARAGRAPHS[1]}</p>
<ol><li>Clearing the old stones from the north end of the wall</li>
<li>Rebuilding the core<ul><li>with concrete from the quarry at Skerrin</li></ul></li></ol>
<blockquote>We cannot wait another winter for this wall to be mended.</blockquote>
<blockquote><p>The stones will be numbered and put back in their old places.</p></blockquote>
<pre>budget = 850000</pre>
<table><tr><td>North end</td><td>400 m</td></tr><tr><td>South end</td><td>250 m</td></tr></table>
<p>{PARAGRAPHS[2]}</p>
</article></body></html>"""


def test_html_blocks_take_their_type_from_the_element() -> None:
    parsed = parse_html(HTML_PAGE, PageMetadata())
    assert parsed.skeleton is not None
    texts = [block.text for block in parsed.blocks]
    typed = typed_body(parsed.blocks, range(len(texts)), texts, parsed.skeleton)
    assert [block.text for block in typed] == texts
    blocks = {block.text: block for block in typed}
    heading = blocks["What the work involves"]
    assert (heading.type, heading.level) == (BodyBlockType.HEADING, 2)
    first_item = blocks["Clearing the old stones from the north end of the wall"]
    assert (first_item.type, first_item.ordered, first_item.depth) == (BodyBlockType.LIST_ITEM, True, 1)
    nested = blocks["with concrete from the quarry at Skerrin"]
    assert (nested.type, nested.ordered, nested.depth) == (BodyBlockType.LIST_ITEM, False, 2)
    assert blocks["We cannot wait another winter for this wall to be mended."].type is BodyBlockType.QUOTE
    # A paragraph inside a quote is the quote's.
    assert blocks["The stones will be numbered and put back in their old places."].type is BodyBlockType.QUOTE
    assert blocks["budget = 850000"].type is BodyBlockType.PREFORMATTED
    assert blocks["North end 400 m"].type is BodyBlockType.TABLE_ROW
    assert blocks[PARAGRAPHS[2]].type is BodyBlockType.PARAGRAPH


def test_an_html_articles_blocks_are_its_body_typed() -> None:
    article = clean(HTML_PAGE.encode(), name="page.html")
    assert [block.text for block in article.blocks] == list(article.body)
    assert BodyBlockType.HEADING in {block.type for block in article.blocks}
    article_validator().validate(article.to_dict())


def test_text_dump_blocks_from_bullets_and_headings_between_paragraphs() -> None:
    lines = [
        "Sea wall to be repaired before the winter storms",
        PARAGRAPHS[0],
        "What the work involves",
        PARAGRAPHS[1],
        "• Clearing the old stones",
        "2. Rebuilding the core",
        PARAGRAPHS[2],
    ]
    article = clean("\n".join(lines).encode(), name="page.txt")
    typed = [(block.type, block.text) for block in article.blocks]
    assert typed == [
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[0]),
        (BodyBlockType.HEADING, "What the work involves"),
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[1]),
        (BodyBlockType.LIST_ITEM, "Clearing the old stones"),
        (BodyBlockType.LIST_ITEM, "Rebuilding the core"),
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[2]),
    ]
    assert [block.ordered for block in article.blocks[3:5]] == [False, True]
    assert article.body[3] == "• Clearing the old stones"  # the body keeps the text as printed
    article_validator().validate(article.to_dict())


def test_text_dump_lines_printed_together_are_a_list_or_a_table() -> None:
    # A browser prints a paragraph with a blank line above and below, a list's items and a
    # table's rows with none between them.
    dump = "\n".join(
        [
            "Sea wall to be repaired before the winter storms",
            "",
            PARAGRAPHS[0],
            "",
            "Clearing the old stones from the north end.",
            "Rebuilding the core with concrete.",
            "",
            PARAGRAPHS[1],
            "",
            "North end\t400 m",
            "South end\t250 m",
            "",
            PARAGRAPHS[2],
        ]
    )
    blocks = text_blocks(dump)
    body = range(1, len(blocks))  # all but the headline
    typed = [(block.type, block.text) for block in typed_body(blocks, body, [blocks[i].text for i in body], None)]
    assert typed == [
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[0]),
        (BodyBlockType.LIST_ITEM, "Clearing the old stones from the north end."),
        (BodyBlockType.LIST_ITEM, "Rebuilding the core with concrete."),
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[1]),
        (BodyBlockType.TABLE_ROW, "North end 400 m"),
        (BodyBlockType.TABLE_ROW, "South end 250 m"),
        (BodyBlockType.PARAGRAPH, PARAGRAPHS[2]),
    ]


@pytest.mark.parametrize(
    ("above", "heading"),
    [
        (PARAGRAPHS[0], True),
        ("The work will be done in two stages, the board said:", False),  # the paragraph announces a list
    ],
)
def test_a_title_line_printed_against_a_list_heads_it(above: str, heading: bool) -> None:
    dump = "\n".join([above, "", "What the work involves", "Clearing the old stones", "Rebuilding the core"])
    blocks = text_blocks(dump + "\n\n" + PARAGRAPHS[1])
    typed = typed_body(blocks, range(len(blocks)), [block.text for block in blocks], None)
    expected = BodyBlockType.HEADING if heading else BodyBlockType.LIST_ITEM
    assert [block.type for block in typed[1:4]] == [expected, BodyBlockType.LIST_ITEM, BodyBlockType.LIST_ITEM]


def test_code_printed_line_by_line_is_not_a_list() -> None:
    dump = "\n".join(
        [PARAGRAPHS[0], "", "budget = {north: 400, south: 250};", "total = north + south;", "", PARAGRAPHS[1]]
    )
    blocks = text_blocks(dump)
    typed = typed_body(blocks, range(len(blocks)), [block.text for block in blocks], None)
    assert {block.type for block in typed} == {BodyBlockType.PARAGRAPH}


def test_a_dump_that_prints_every_line_close_says_nothing_of_lists() -> None:
    blocks = text_blocks("\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "Clear the old stones first.", PARAGRAPHS[2]]))
    assert not prints_paragraphs_apart(blocks, range(len(blocks)))
    typed = typed_body(blocks, range(len(blocks)), [block.text for block in blocks], None)
    assert {block.type for block in typed} == {BodyBlockType.PARAGRAPH}


def test_a_line_printed_against_a_line_outside_the_body_is_not_in_a_run() -> None:
    # The caption printed right above the first paragraph is not article text.
    blocks = text_blocks("\n".join(["The wall after the storm of 2023", PARAGRAPHS[0], "", PARAGRAPHS[1]]))
    assert blocks[1].joined_above
    assert not in_a_run_of_lines(blocks, [1, 2], 0)
    assert in_a_run_of_lines(blocks, [0, 1, 2], 1)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("• Clearing the old stones", True),
        ("- Clearing the old stones", True),
        ("3. Rebuilding the core", True),
        ("(b) Rebuilding the core", True),
        ("-3 degrees at the quay overnight", False),
        ("2024 was the wettest year on record", False),
        ("Clearing the old stones", False),
    ],
)
def test_bulleted_items(line: str, expected: bool) -> None:
    assert is_bulleted_item(line) is expected


def test_a_marker_comes_off_an_items_text() -> None:
    assert [without_marker(line) for line in ("• Stones", "3. Core", "(b) Core", "Core")] == [
        "Stones",
        "Core",
        "Core",
        "Core",
    ]


@pytest.mark.parametrize(
    ("texts", "position", "expected"),
    [
        ([PARAGRAPHS[0], "What the work involves", PARAGRAPHS[1]], 1, True),
        # Not at the start, not before a short line, not a sentence or a lead-in.
        (["What the work involves", PARAGRAPHS[1]], 0, False),
        ([PARAGRAPHS[0], "What the work involves", "Clearing the stones"], 1, False),
        ([PARAGRAPHS[0], "The work starts in March.", PARAGRAPHS[1]], 1, False),
        ([PARAGRAPHS[0], "The work involves:", PARAGRAPHS[1]], 1, False),
    ],
)
def test_section_headings(texts: list[str], position: int, expected: bool) -> None:
    assert is_section_heading(texts, position) is expected
