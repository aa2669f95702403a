"""What a page's head states: each source and each precedence choice on invented pages."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean.fields.metadata import read_metadata
from newsclean.parsed import PageMetadata


def metadata_of(head: str, body: str = "<p>Text.</p>", html_attributes: str = "") -> PageMetadata:
    return read_metadata(LexborHTMLParser(f"<html {html_attributes}><head>{head}</head><body>{body}</body></html>"))


def ld(payload: str) -> str:
    return f'<script type="application/ld+json">{payload}</script>'


# ---------------------------------------------------------------- titles


def test_json_ld_headline_before_opengraph_before_title_element() -> None:
    head = (
        ld('{"@type":"NewsArticle","headline":"Ferry returns to the estuary"}')
        + '<meta property="og:title" content="Ferry back on the estuary">'
        + "<title>Estuary ferry - Porthaven Post</title>"
    )
    metadata = metadata_of(head)
    assert metadata.title == "Ferry returns to the estuary"
    assert metadata.document_title == "Estuary ferry - Porthaven Post"


def test_opengraph_then_twitter_then_dublin_core() -> None:
    assert metadata_of('<meta name="twitter:title" content="Gull count falls">').title == "Gull count falls"
    head = '<meta name="DC.title" content="Gull census"><meta property="og:title" content="Gull count falls">'
    assert metadata_of(head).title == "Gull count falls"


def test_the_title_element_alone_is_no_stated_title() -> None:
    metadata = metadata_of("<title>Gull count falls | Porthaven Post</title>")
    assert metadata.title is None
    assert metadata.document_title == "Gull count falls | Porthaven Post"


def test_site_name_suffixes_come_off_by_site_name_and_host() -> None:
    head = (
        '<meta property="og:site_name" content="Porthaven Post">'
        '<meta property="og:title" content="Gull count falls | Porthaven Post">'
        '<link rel="canonical" href="https://news.harbourtimes.example/gulls">'
        "<title>Gull count falls – Harbour Times</title>"
    )
    metadata = metadata_of(head)
    assert metadata.title == "Gull count falls"
    assert metadata.document_title == "Gull count falls"


def test_a_title_that_is_the_site_name_gives_way() -> None:
    head = (
        '<meta property="og:site_name" content="Porthaven Post">'
        '<meta property="og:title" content="Porthaven Post">'
        '<meta name="twitter:title" content="Gull count falls">'
    )
    assert metadata_of(head).title == "Gull count falls"


def test_json_ld_name_when_the_headline_is_a_label() -> None:
    head = ld('{"@type":"Article","headline":"Encyclopedia list entry","name":"Lighthouses of the north coast"}')
    assert metadata_of(head + "<title>Lighthouses of the north coast - Wiki</title>").title == (
        "Lighthouses of the north coast"
    )
    assert metadata_of(head).title == "Encyclopedia list entry"


def test_json_ld_in_a_graph_in_cdata_and_after_a_broken_script() -> None:
    head = ld("{not json") + ld(
        '<![CDATA[{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Post"},'
        '{"@type":"NewsArticle","headline":"Tide mill restored"}]}]]>'
    )
    assert metadata_of(head).title == "Tide mill restored"


@pytest.mark.parametrize("kind", ["NewsArticle", "ReportageNewsArticle", "OpinionNewsArticle", "BlogPosting"])
def test_news_article_types(kind: str) -> None:
    payload = json.dumps({"@type": kind, "headline": "Tide mill restored"})
    assert metadata_of(ld(payload)).title == "Tide mill restored"


def test_a_specific_article_type_beats_a_web_page() -> None:
    head = ld('[{"@type":"WebPage","name":"Harbour section"},{"@type":"BlogPosting","headline":"Tide mill restored"}]')
    assert metadata_of(head).title == "Tide mill restored"
    assert metadata_of(ld('{"@type":"WebPage","name":"Tide mill restored"}')).title == "Tide mill restored"


# ---------------------------------------------------------------- authors


def test_json_ld_people_before_author_tags() -> None:
    head = (
        ld(
            '{"@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"Ida Brook"},'
            '{"@type":"Person","name":"Tom Vale "}]}'
        )
        + '<meta name="author" content="Desk Editor">'
    )
    metadata = metadata_of(head)
    assert metadata.authors == ("Ida Brook", "Tom Vale")
    assert metadata.author == "Ida Brook, Tom Vale"


def test_organisation_authors_only_when_nothing_else() -> None:
    organisation = '"author":{"@type":"Organization","name":"Harbour Desk"}'
    assert metadata_of(ld('{"@type":"NewsArticle","headline":"H",' + organisation + "}")).author == "Harbour Desk"
    head = (
        ld('{"@type":"NewsArticle","headline":"H",' + organisation + "}") + '<meta name="author" content="Ida Brook">'
    )
    assert metadata_of(head).author == "Ida Brook"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ('<meta property="article:author" content="https://social.example/ida">', None),
        ('<meta name="author" content="@idabrook">', None),
        (
            '<meta property="article:author" content="https://x.example/ida"><meta name="byl" content="By Ida Brook">',
            "Ida Brook",
        ),
        ('<meta property="article:author_name" content="Ida Brook">', "Ida Brook"),
        ('<meta name="DC.creator" content="Harbour Desk">', "Harbour Desk"),
    ],
)
def test_author_tags_hold_names_not_links_or_handles(tags: str, expected: str | None) -> None:
    assert metadata_of(tags).author == expected


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("body", "authors"),
    [
        ('<span itemprop="author">Ida Brook</span><p>Text.</p>', ("Ida Brook",)),
        ('<p class="story-byline">By <a rel="author" href="/ida">Ida Brook</a></p>', ("Ida Brook",)),
        ('<div class="byline"><span>By</span> <span>Ida Brook</span> <time>May 5, 2024</time></div>', ("Ida Brook",)),
        ('<a rel="author" href="/tomas">Tomas Reyes and Ida Brook</a>', ("Tomas Reyes", "Ida Brook")),
    ],
)
def test_an_element_the_markup_marks_as_the_authors(body: str, authors: tuple[str, ...]) -> None:
    assert metadata_of("", body).authors == authors


@pytest.mark.parametrize(
    "body",
    [
        # A reader's name in the comments.
        '<div class="comments"><div class="entry"><span class="comment-author">Tomas Reyes</span></div></div>',
        '<ol id="comment-list"><li><cite class="author">Tomas Reyes</cite></li></ol>',
        # A box about the author, and a list of the site's authors.
        '<div class="author-bio">Ida Brook writes about the harbour and its boats for the Post.</div>',
        '<ul class="authors"><li>Ida Brook</li><li>Tomas Reyes</li><li>Lena Moss</li><li>Ewan MacLeod</li></ul>',
        # Marked, but no name.
        '<span class="byline">Staff</span>',
        '<span class="byline">About Ida Brook</span>',
    ],
)
def test_elements_marked_author_that_name_no_author_of_the_article(body: str) -> None:
    assert metadata_of("", body).authors == ()


def test_the_stated_author_before_an_element_marked_as_the_authors() -> None:
    head = '<meta name="author" content="Lena Moss">'
    assert metadata_of(head, '<span class="byline">Ida Brook</span>').authors == ("Lena Moss",)


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            ld('{"@type":"NewsArticle","headline":"H","datePublished":"2024-05-02T09:00:00.123Z"}'),
            "",
            "2024-05-02T09:00:00+00:00",
        ),
        (
            '<meta property="article:published_time" content="2024-05-02T09:00:00+01:00">',
            "",
            "2024-05-02T09:00:00+01:00",
        ),
        ('<meta name="date" content="2 May 2024">', "", "2024-05-02"),
        (
            "",
            '<p>Teaser <time datetime="2023-01-01">old</time></p>'
            '<time itemprop="datePublished" datetime="2024-05-02">2 May</time>',
            "2024-05-02",
        ),
        (
            "",
            '<aside><time datetime="2023-01-01">x</time></aside><article><time datetime="2024-05-02T10:00">'
            "2 May</time></article>",
            "2024-05-02T10:00:00",
        ),
        ("", "<p>No date stated.</p>", None),
        ('<meta name="date" content="soon">', "", None),
        ('<meta name="pdate" content="20240502">', "", "2024-05-02"),
    ],
)
def test_the_published_date_in_iso_8601(head: str, body: str, expected: str | None) -> None:
    assert metadata_of(head, body).published == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<span class="entry-date">2019年4月3日</span><p>Text.</p>', "2019-04-03"),
        ('<div class="post-meta"><span class="posted-on">Oct 4 2012</span></div>', "2012-10-04"),
        ('<p class="dateline">Saturday 12-Jan-2008 11:48 AM</p>', "2008-01-12"),
        # An update's date, a reader's comment's, and a line that is no date line.
        ('<span class="date-updated">3 May 2024</span>', None),
        ('<ol class="comments"><li><span class="date">3 May 2024</span></li></ol>', None),
        (
            '<p class="timeline">On 3 May 2024 the harbour board met to agree, after a long and heated'
            " debate, that the old sea wall must be repaired.</p>",
            None,
        ),
    ],
)
def test_the_date_of_an_element_marked_as_a_date_is_a_page_date(body: str, expected: str | None) -> None:
    metadata = metadata_of("", body)
    assert (metadata.page_date, metadata.published) == (expected, None)


def test_the_first_time_element_of_the_page_is_only_a_page_date() -> None:
    metadata = metadata_of("", '<div class="info"><time datetime="2024-05-02T10:00:00Z">2 May</time></div>')
    assert (metadata.published, metadata.page_date) == (None, "2024-05-02T10:00:00+00:00")


def test_the_article_date_before_a_teasers_time_element() -> None:
    head = '<meta property="article:published_time" content="2024-05-02">'
    body = '<article><time datetime="2020-01-01">x</time></article>'
    assert metadata_of(head, body).published == "2024-05-02"


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("html_attributes", "head", "expected"),
    [
        ('lang="pt-BR"', "", "pt-BR"),
        ('lang="EN"', "", "en"),
        ("", '<meta http-equiv="Content-Language" content="de-AT, de">', "de-AT"),
        ("", '<meta property="og:locale" content="fr_FR">', "fr-FR"),
        ("", ld('{"@type":"NewsArticle","headline":"H","inLanguage":"es"}'), "es"),
        # Not a language: the next statement counts.
        ('lang="x-default"', '<meta property="og:locale" content="it_IT">', "it-IT"),
        ("", "", None),
    ],
)
def test_the_language_tag(html_attributes: str, head: str, expected: str | None) -> None:
    assert metadata_of(head, html_attributes=html_attributes).language == expected


def test_captioned_figures_come_with_the_metadata() -> None:
    body = '<figure><img src="/img/mill.jpg"><figcaption>The mill at dawn</figcaption></figure>'
    metadata = metadata_of('<meta property="og:url" content="https://post.example/a/b">', body)
    assert [(image.caption, image.url) for image in metadata.images] == [
        ("The mill at dawn", "https://post.example/img/mill.jpg")
    ]


# ---------------------------------------------------------------- descriptions


def test_json_ld_description_before_the_description_tags() -> None:
    head = (
        ld('{"@type":"NewsArticle","headline":"Ferry returns","description":"The estuary ferry sails again."}')
        + '<meta property="og:description" content="Back on the water.">'
        + '<meta name="description" content="Porthaven news, sport and weather.">'
    )
    assert metadata_of(head).description == "The estuary ferry sails again."


def test_opengraph_then_plain_then_twitter_description() -> None:
    og = '<meta property="og:description" content="Back on the water.">'
    plain = '<meta name="description" content="The ferry is back.">'
    twitter = '<meta name="twitter:description" content="Ferry back.">'
    assert metadata_of(twitter + plain + og).description == "Back on the water."
    assert metadata_of(twitter + plain).description == "The ferry is back."
    assert metadata_of(twitter).description == "Ferry back."


def test_character_references_escaped_twice_are_read() -> None:
    head = '<meta property="og:description" content="The skipper&amp;#039;s first crossing &amp;amp; a toast.">'
    assert metadata_of(head).description == "The skipper's first crossing & a toast."
    # A no-break space read that way is whitespace like any other.
    assert metadata_of('<meta name="description" content="Ferry back.&amp;nbsp;">').description == "Ferry back."
    # Read once only: text that merely shows an ampersand keeps it.
    assert metadata_of('<meta name="description" content="Fish &amp; chips">').description == "Fish & chips"
