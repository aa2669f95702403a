"""HTML into blocks and metadata: the DOM gives the same blocks a text dump would, plus signals."""

from __future__ import annotations

import pytest

from newsclean.html.blocks import parse_html
from newsclean.model import BlockKind
from newsclean.parsed import PageMetadata

PAGE = """<!DOCTYPE html><html lang="pt-BR"><head>
<title>Feira do livro volta ao cais | Gazeta do Porto</title>
<meta name="description" content="A feira regressa em junho.">
<meta property="og:site_name" content="Gazeta do Porto">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Gazeta"},
{"@type":"NewsArticle","headline":"Feira do livro volta ao cais","datePublished":"2024-05-02T09:00:00-03:00",
"author":{"@type":"Person","name":"Rita Soares"}}]}</script>
</head><body>
<nav><a href="/">Início</a></nav>
<script>var tracking = "x";</script><style>p { color: red }</style>
<h1>Feira do livro volta ao cais</h1>
<p>Primeira linha<br>segunda linha com <a href="/x">uma ligação</a></p>
<div hidden><p>Texto escondido</p></div>
<div style="display: none">Outro texto escondido</div>
<figure><figcaption>O cais ao amanhecer (Foto: Ana Reis)</figcaption></figure>
<div class="newsletter-signup"><p>Receba a nossa newsletter</p></div>
<article class="story has-related"><p>Texto do artigo dentro de um contentor com classe de estado.</p></article>
</body></html>"""


def blocks() -> list:
    return list(parse_html(PAGE, PageMetadata()).blocks)


def test_scripts_and_styles_are_not_text() -> None:
    assert not any("tracking" in b.text or "color" in b.text for b in blocks())


def test_br_splits_blocks_and_links_count() -> None:
    texts = [b.text for b in blocks()]
    assert "Primeira linha" in texts
    link_block = next(b for b in blocks() if b.text.startswith("segunda linha"))
    assert 0.2 < link_block.link_density < 0.6


def test_hidden_elements_give_hidden_blocks() -> None:
    hidden = [b.text for b in blocks() if b.hidden]
    assert hidden == ["Texto escondido", "Outro texto escondido"]


def test_dom_signals() -> None:
    by_text = {b.text: b for b in blocks()}
    assert by_text["Início"].in_boilerplate_element
    assert by_text["Feira do livro volta ao cais"].kind is BlockKind.HEADING
    assert by_text["Feira do livro volta ao cais"].heading_level == 1
    assert by_text["O cais ao amanhecer (Foto: Ana Reis)"].kind is BlockKind.CAPTION
    assert by_text["Receba a nossa newsletter"].in_chrome_class
    # A furniture word on the article's own container does not make the article furniture.
    assert not by_text["Texto do artigo dentro de um contentor com classe de estado."].in_chrome_class


def test_metadata_from_json_ld_graph_meta_and_lang() -> None:
    metadata = parse_html(PAGE, PageMetadata()).metadata
    assert metadata.title == "Feira do livro volta ao cais"
    assert metadata.author == "Rita Soares"
    assert metadata.published == "2024-05-02T09:00:00-03:00"
    assert metadata.language == "pt-BR"
    assert metadata.description == "A feira regressa em junho."
    assert metadata.site_name == "Gazeta do Porto"


def test_a_scrapers_record_fills_what_the_page_does_not_say() -> None:
    metadata = parse_html("<p>Texto</p>", PageMetadata(url="https://example.org/a", language="pt")).metadata
    assert metadata.url == "https://example.org/a"
    assert metadata.language == "pt"


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    deep = "<div>" * 20000 + "<p>Fundo do poço</p>" + "</div>" * 20000
    assert [b.text for b in parse_html(deep, PageMetadata()).blocks] == ["Fundo do poço"]


def test_newlines_inside_a_paragraph_are_spaces() -> None:
    page = parse_html("<p>Primeira\nlinha\r\ncontinua</p>", PageMetadata())
    assert [b.text for b in page.blocks] == ["Primeira linha continua"]


def test_a_data_row_is_one_block_and_a_layout_row_is_not() -> None:
    html = (
        "<p>The results of the regatta, boat by boat.</p><table>"
        "<tr><th>Place</th><th>Boat</th><th>Time</th></tr>"
        "<tr><td>1</td><td><b>Grey</b> Heron</td><td>41:07</td></tr>"
        "<tr><td><p>Harbour news</p></td><td>Sidebar</td></tr></table>"
    )
    blocks = parse_html(html, PageMetadata()).blocks
    assert [block.text for block in blocks] == [
        "The results of the regatta, boat by boat.",
        "Place Boat Time",
        "1 Grey Heron 41:07",
        "Harbour news",
        "Sidebar",
    ]
    assert [block.kind for block in blocks[1:3]] == [BlockKind.TABLE_ROW, BlockKind.TABLE_ROW]
    assert blocks[4].kind is BlockKind.TABLE_CELL


def test_an_inline_button_is_no_text_as_a_button_element_is_none() -> None:
    page = (
        "<html><body><p>The harbour board said the new ferry would sail in May.</p>"
        '<a href="/tweet"><span class="ctt-text">Every harbour needs a ferry.</span>'
        '<span class="ctt-btn">Click To Tweet</span></a>'
        '<p>Fares stay the same <span role="button">Show more</span></p>'
        '<div class="button-row"><p>Timetables are at the quay.</p></div></body></html>'
    )
    texts = [block.text for block in parse_html(page, PageMetadata()).blocks]
    assert texts == [
        "The harbour board said the new ferry would sail in May.",
        "Every harbour needs a ferry.",
        "Fares stay the same",
        "Timetables are at the quay.",  # a block element named for buttons still holds text
    ]


def _inline_of(body: str) -> list[str | None]:
    return [block.inline_markdown for block in parse_html(f"<html><body>{body}</body></html>", PageMetadata()).blocks]


def test_links_and_emphasis_as_markdown_inline() -> None:
    body = (
        '<p>The board met on <em>Tuesday</em>, after a <strong> long </strong> debate, says <a href="https://'
        'post.example/report">the <i>engineers</i> report</a> and <a href="/council">the council</a>.</p>'
    )  # (a relative link keeps its text alone where the page states no address)
    assert _inline_of(body) == [
        "The board met on *Tuesday*, after a **long** debate, says"
        " [the *engineers* report](https://post.example/report) and the council."
    ]


def test_inline_markdown_escapes_the_text_but_not_code() -> None:
    body = "<p>Set <code>north_end = 1</code> in a *draft* [sic] file</p>"
    assert _inline_of(body) == ["Set `north_end = 1` in a \\*draft\\* \\[sic\\] file"]


@pytest.mark.parametrize(
    "body",
    [
        "<p>The board met on Tuesday.</p>",  # no markup
        "<p>The board met on <b> </b>Tuesday.</p>",  # emphasis around nothing
        '<p>See <a href="https://post.example/a b">the report</a>.</p>',  # an address Markdown misreads
    ],
)
def test_no_inline_markdown_without_markup_worth_writing(body: str) -> None:
    assert _inline_of(body) == [None]


def test_a_span_cut_open_by_a_block_keeps_its_text_without_markers() -> None:
    assert _inline_of("<p>Before <b>bold<br>after</b> end</p>") == [None, None]


def test_relative_links_are_joined_to_the_pages_address() -> None:
    head = '<link rel="canonical" href="https://post.example/news/ferry.html">'
    body = '<p>See <a href="/council/minutes">the minutes</a> and <a href="#top">the top</a>.</p>'
    blocks = parse_html(f"<html><head>{head}</head><body>{body}</body></html>", PageMetadata()).blocks
    assert [block.inline_markdown for block in blocks] == [
        "See [the minutes](https://post.example/council/minutes) and the top."
    ]
