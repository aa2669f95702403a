"""A text dump into blocks: a line each, except a hard-wrapped paragraph, which is one."""

from __future__ import annotations

from newsclean import clean
from newsclean.content.blocks import is_hard_wrapped, text_blocks

WRAPPED = """Porthaven harbour board said on Monday that the old swing bridge
would reopen to traffic next week, three months after a lorry struck
its counterweight and cut the town in two. Engineers replaced the
bearings and repainted the span.

Local traders said the closure had halved their takings, and several
asked the council for help with their business rates this winter.
"""

HEADLINES = """Ferry fares to rise in spring as fuel costs climb again
Lifeboat crew honoured for rescue of trawler off the point
Council to vote on new parking charges by the harbour
"""


def test_a_hard_wrapped_paragraph_is_one_block_with_its_lines_joined() -> None:
    blocks = text_blocks(WRAPPED)
    assert [block.text for block in blocks] == [
        " ".join(WRAPPED.split("\n\n")[0].splitlines()),
        " ".join(WRAPPED.split("\n\n")[1].splitlines()),
    ]
    assert [block.index for block in blocks] == [0, 1]


def test_lines_of_like_length_that_open_in_upper_case_stay_apart() -> None:
    assert len(text_blocks(HEADLINES)) == 3


def test_what_is_not_wrapped_prose_stays_a_line_each() -> None:
    # Two sentences of two lines; no sentence end on the last line; lines far shorter than the longest.
    assert not is_hard_wrapped(["The bridge will reopen to traffic next week, they said.", "repairs ended."])
    assert is_hard_wrapped(["The bridge would reopen to traffic next week after the", "repairs."])
    assert not is_hard_wrapped(
        ["in § 12 of the harbour act - mooring fees for", "in § 14 of the act - dues", "in § 20"]
    )
    assert not is_hard_wrapped(["A long opening line of the page, well over forty characters", "a", "b."])
    one_paragraph_a_line = "The bridge reopens next week. " * 5
    assert not is_hard_wrapped([one_paragraph_a_line, one_paragraph_a_line.lower(), one_paragraph_a_line])


def test_a_wrapped_press_release_keeps_its_paragraphs_in_the_body() -> None:
    page = "\n".join(["Harbour news", "Home", "Contact us", "", "Swing bridge to reopen next week", "", WRAPPED])
    body = clean(page.encode(), name="page.txt").body
    assert [paragraph for paragraph in body if "traders" in paragraph or "swing bridge" in paragraph] == [
        " ".join(WRAPPED.split("\n\n")[0].splitlines()),
        " ".join(WRAPPED.split("\n\n")[1].splitlines()),
    ]


def test_each_line_records_whether_it_was_printed_under_the_line_above() -> None:
    blocks = text_blocks(
        "Tide times for the week\n\nMonday\t06:12\t18:40\nTuesday\t07:01\t19:25\n\nAll times are local.\n"
    )
    assert [(block.text, block.joined_above, block.cells) for block in blocks] == [
        ("Tide times for the week", False, 1),
        ("Monday 06:12 18:40", False, 3),
        ("Tuesday 07:01 19:25", True, 3),
        ("All times are local.", False, 1),
    ]


def test_a_hard_wrapped_paragraph_is_not_joined_to_anything() -> None:
    assert [block.joined_above for block in text_blocks(WRAPPED)] == [False, False]
