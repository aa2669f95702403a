"""The tag scan that keeps the HTML parser linear: nesting capped, work counted, raw text skipped."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean.html.tagscan import Bound, TagScan, scan_tags

LIMIT = 512
NO_BUDGET = 10**9


def scanned(page: str, *, max_work: int = NO_BUDGET, max_attributes: int = NO_BUDGET) -> TagScan:
    return scan_tags(page, max_open=LIMIT, max_work=max_work, max_attributes=max_attributes)


def deepest(html: str) -> int:
    """How deep the parser nests the page's elements."""
    tree = LexborHTMLParser(html)
    depth, pending = 0, [(tree.root, 0)]
    while pending:
        node, level = pending.pop()
        depth = max(depth, level)
        pending.extend((child, level + 1) for child in node.iter())
    return depth


def test_a_balanced_page_is_left_as_it_is() -> None:
    page = (
        "<html><head><title>Ferry</title><style>p { color: red }</style></head><body>"
        + "<div class='story'><p>The ferry <b>will</b> run <a href='/t'>twice</a> a day.</p></div>" * 300
        + "</body></html>"
    )
    scan = scanned(page)
    assert scan.html == page
    assert (scan.dropped, scan.finished) == (0, True)


def test_nesting_is_capped_and_the_text_kept() -> None:
    page = "<html><body>" + "<div>" * 5000 + "Deep inside the page." + "</div>" * 5000

    scan = scanned(page)

    assert scan.dropped == 5000 - LIMIT
    assert scan.html.count("<div>") == LIMIT and scan.html.count("</div>") == LIMIT
    assert "Deep inside the page." in scan.html
    assert LIMIT < deepest(scan.html) <= LIMIT + 10


def test_a_dropped_block_tag_still_separates_text() -> None:
    page = "<div>" * LIMIT + "<div>one</div><div>two</div>"
    scan = scanned(page)
    assert "<br>one<br>two" in scan.html


def test_tags_closed_by_an_outer_end_tag_do_not_pile_up() -> None:
    page = "<div><span>unclosed span inside a closed div</div>" * 2000
    scan = scanned(page)
    assert scan.dropped == 0


def test_an_end_tag_behind_a_table_closes_nothing() -> None:
    page = "<div><table></div>" * 400  # the parser ignores each </div>: the table is in the way
    scan = scanned(page)
    assert scan.dropped == 800 - LIMIT


def test_a_slash_does_not_close_an_html_element_but_closes_an_svg_one() -> None:
    assert scanned("<div/>" * 600).dropped == 600 - LIMIT
    icons = "<svg>" + "<path d='M0 0'/>" * 2000 + "</svg>"
    assert scanned(icons).dropped == 0
    breakout = "<svg>" + "<div/>" * 600  # <div> ends the SVG: from there on, HTML rules
    assert scanned(breakout).dropped > 0


def test_script_style_and_comment_contents_are_not_tags() -> None:
    page = (
        "<script>var t = '" + "<div>" * 2000 + "';</script>"
        "<style>/* <div> */</style><!-- " + "<div>" * 2000 + " -->"
        "<textarea>" + "<div>" * 2000 + "</textarea><p>Text</p>"
    )
    scan = scanned(page)
    assert scan.dropped == 0
    assert scan.work < 20


def test_a_comment_closed_the_lenient_way_ends_there() -> None:
    page = "<!-- note --!>" + "<div>" * 600
    assert scanned(page).dropped == 600 - LIMIT


def test_copies_of_open_formatting_tags_count_as_work() -> None:
    bomb = "".join(f"<b id={n}><p>x" for n in range(2000))  # each <p> makes the parser copy every <b>
    scan = scanned(bomb, max_work=100_000)
    assert not scan.finished
    assert scan.work > 100_000


def test_identical_formatting_tags_count_three_times_at_most() -> None:
    legacy = "<font color=red><p>A paragraph in an old page.</p>" * 3000  # never closed, all alike
    scan = scanned(legacy)
    assert scan.dropped == 0
    assert scan.work <= 3000 * (3 * (1 + 3) + 1)  # three tags, each with three copies at most; one attribute


# ---------------------------------------------------------------- attributes

# Tags the tokenizer reads oddly, with their attributes: all of them, and those the parser keeps.
ODD_TAGS = {
    "<div>": (0, 0),
    "<div a b c>": (3, 3),
    "<div a=1 b c='x y' d=\"z\">": (4, 4),
    "<div a/b/c>": (3, 3),  # a slash separates attributes
    "<div a=\"1\"b='2'c=3>": (3, 3),  # a closing quote ends a value, and a name may follow at once
    "<div a = 'x' / b>": (2, 2),
    "<div =x>": (1, 1),  # "=" may open a name ("=x")
    '<div a=x"y b>': (2, 2),  # a quote inside an unquoted value is text
    '<div title="a > b" lang=en>': (2, 2),  # ">" inside a quoted value does not end the tag
    '<div a=\u00a0"x>': (1, 1),  # a no-break space is no white space to the tokenizer: the value is unquoted
    "<div\u00a0a b>": (1, 1),  # nor after the name: "div\u00a0a" is the name
    "<div\tA\nb\x0cc\rd>": (4, 4),
    "<div a a a a>": (4, 1),  # duplicates: the parser drops them, after comparing each with the first
}


@pytest.mark.parametrize(("tag", "counts"), ODD_TAGS.items())
def test_attributes_are_counted_as_the_tokenizer_reads_them(tag: str, counts: tuple[int, int]) -> None:
    written, kept = counts
    assert scanned(tag).work == 1 + written
    element = LexborHTMLParser(tag).body.child
    assert element is not None and len(element.attributes) == kept


def test_a_tag_with_more_attributes_than_the_bound_stops_the_scan() -> None:
    tag = "<div " + " ".join(f"data-n{n}" for n in range(11)) + ">text</div>"
    assert scanned(tag, max_attributes=11).finished
    assert scanned(tag, max_attributes=10).exceeded is Bound.TAG_ATTRIBUTES


def test_duplicate_attributes_count_too() -> None:
    # The parser keeps one, but compares every duplicate with the attributes before it.
    assert scanned("<div" + " id=x" * 11 + ">", max_attributes=10).exceeded is Bound.TAG_ATTRIBUTES


def test_attributes_count_as_work_in_a_flood_of_unclosed_tags() -> None:
    flood = "<span a b c d>x" * 100
    assert scanned(flood).work == 100 * 5
    assert scanned(flood, max_work=499).exceeded is Bound.WORK


def test_a_quoted_value_holding_a_closing_bracket_hides_no_attributes() -> None:
    chunk = " ".join(f"a{n}" for n in range(6))
    tag = f'<div {chunk} q=">" {chunk.replace("a", "b")} r=">" {chunk.replace("a", "c")}>text</div>'
    scan = scanned(tag, max_attributes=10)
    assert scan.exceeded is Bound.TAG_ATTRIBUTES  # 20 attributes in one tag


def test_a_long_attribute_value_is_one_attribute() -> None:
    for value in ("'" + "x " * 50_000 + "'", "x" * 100_000):
        scan = scanned(f"<img alt={value}><p>text</p>", max_attributes=1)
        assert scan.finished and scan.work == 4  # <img>, its attribute, <p>, </p>


def test_tags_in_a_quoted_value_are_still_counted() -> None:
    page = "<div data-html=\"<b class='x'>one</b> > <i>two</i>\">text</div>"
    scan = scanned(page)
    assert scan.html == page
    assert scan.work >= 2 + 4  # the div and its attribute, and the four tags in the value


@pytest.mark.parametrize("opener", ["<!-- ", "<script>", "<style>", "<textarea>", "<plaintext>"])
def test_a_comment_or_raw_text_tag_in_a_quoted_value_opens_nothing(opener: str) -> None:
    # To the parser the value ends at its quote, and the divs after it are markup.
    page = f'<div title="> {opener} ">' + "<div>" * 600
    assert scanned(page).dropped > 0  # the divs are seen, and nest too deep


def test_raw_text_tags_in_svg_are_markup() -> None:
    page = "<svg><style>" + "<g>" * 600 + "</style></svg>"  # an SVG <style> holds elements, not text
    assert scanned(page).dropped > 0


def test_tags_read_again_from_inside_quoted_values_are_bounded() -> None:
    # Each <i> opens inside the value of the one before and reads on to the end: past twice the page.
    assert scanned('<i x="> " ' * 50 + "A" * 5000 + ">").exceeded is Bound.REREAD
    # Markup kept in an attribute is read twice at most.
    assert scanned('<div data-html="' + "<p class='x'>Text.</p>" * 200 + '">').finished


@pytest.mark.parametrize("opening", ["<!x <script>", "<?php <script> ?>", "</ <script>", "<!DOCTYPE html <style>"])
def test_what_the_tokenizer_reads_as_a_comment_ends_at_the_next_bracket(opening: str) -> None:
    # "<!<script>" is a bogus comment to the parser: the divs after it are markup, not script.
    assert scanned(opening + "<div>" * 600).dropped > 0


def test_cdata_is_text_in_svg_only() -> None:
    assert scanned("<svg><![CDATA[" + "<div>" * 600 + "]]></svg>").dropped == 0
    assert scanned("<![CDATA[" + "<div>" * 600 + "]]>").dropped > 0  # in HTML, a comment up to the first ">"
