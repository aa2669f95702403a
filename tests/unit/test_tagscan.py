"""The tag scan that keeps the HTML parser linear: nesting capped, work counted, raw text skipped."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsclean.tagscan import scan_tags

LIMIT = 512
NO_BUDGET = 10**9


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
    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)
    assert scan.html == page
    assert (scan.dropped, scan.finished) == (0, True)


def test_nesting_is_capped_and_the_text_kept() -> None:
    page = "<html><body>" + "<div>" * 5000 + "Deep inside the page." + "</div>" * 5000

    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)

    assert scan.dropped == 5000 - LIMIT
    assert scan.html.count("<div>") == LIMIT and scan.html.count("</div>") == LIMIT
    assert "Deep inside the page." in scan.html
    assert LIMIT < deepest(scan.html) <= LIMIT + 10


def test_a_dropped_block_tag_still_separates_text() -> None:
    page = "<div>" * LIMIT + "<div>one</div><div>two</div>"
    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)
    assert "<br>one<br>two" in scan.html


def test_tags_closed_by_an_outer_end_tag_do_not_pile_up() -> None:
    page = "<div><span>unclosed span inside a closed div</div>" * 2000
    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)
    assert scan.dropped == 0


def test_an_end_tag_behind_a_table_closes_nothing() -> None:
    page = "<div><table></div>" * 400  # the parser ignores each </div>: the table is in the way
    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)
    assert scan.dropped == 800 - LIMIT


def test_a_slash_does_not_close_an_html_element_but_closes_an_svg_one() -> None:
    assert scan_tags("<div/>" * 600, max_open=LIMIT, max_work=NO_BUDGET).dropped == 600 - LIMIT
    icons = "<svg>" + "<path d='M0 0'/>" * 2000 + "</svg>"
    assert scan_tags(icons, max_open=LIMIT, max_work=NO_BUDGET).dropped == 0
    breakout = "<svg>" + "<div/>" * 600  # <div> ends the SVG: from there on, HTML rules
    assert scan_tags(breakout, max_open=LIMIT, max_work=NO_BUDGET).dropped > 0


def test_script_style_and_comment_contents_are_not_tags() -> None:
    page = (
        "<script>var t = '" + "<div>" * 2000 + "';</script>"
        "<style>/* <div> */</style><!-- " + "<div>" * 2000 + " -->"
        "<textarea>" + "<div>" * 2000 + "</textarea><p>Text</p>"
    )
    scan = scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET)
    assert scan.dropped == 0
    assert scan.work < 20


def test_a_comment_closed_the_lenient_way_ends_there() -> None:
    page = "<!-- note --!>" + "<div>" * 600
    assert scan_tags(page, max_open=LIMIT, max_work=NO_BUDGET).dropped == 600 - LIMIT


def test_copies_of_open_formatting_tags_count_as_work() -> None:
    bomb = "".join(f"<b id={n}><p>x" for n in range(2000))  # each <p> makes the parser copy every <b>
    scan = scan_tags(bomb, max_open=LIMIT, max_work=100_000)
    assert not scan.finished
    assert scan.work > 100_000


def test_identical_formatting_tags_count_three_times_at_most() -> None:
    legacy = "<font color=red><p>A paragraph in an old page.</p>" * 3000  # never closed, all alike
    scan = scan_tags(legacy, max_open=LIMIT, max_work=NO_BUDGET)
    assert scan.dropped == 0
    assert scan.work <= 3 * 3000 * (1 + 3)
