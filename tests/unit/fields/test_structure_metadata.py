"""What an HTML page states in its head, as structuring uses it: title, author, date, language, images."""

from __future__ import annotations

import json
import re

from newsclean import Article, clean
from newsclean.content.blocks import text_blocks
from newsclean.content.rules.base import Verdict
from newsclean.fields.structure import structure_article
from newsclean.model import ReasonCode
from newsclean.parsed import ParsedPage

LEAD = (
    "<p>The tide mill on Porthaven creek turned again on Saturday for the first time since the flood of 1987, "
    "after volunteers spent four winters rebuilding its wheel.</p>"
    "<p>Ida Brook, who chairs the mill trust, said the first sacks of flour would go to the harbour bakery, "
    "which had promised to bake a loaf for every volunteer.</p>"
    "<p>The mill will open to visitors at weekends from June, tides permitting, and school groups are welcome.</p>"
)

LEAD_TEXT = re.sub(r"</?p>", "\n", LEAD)


def page(head: str, before: str = "", lead: str = LEAD, html_attributes: str = "") -> Article:
    html = f"<html {html_attributes}><head>{head}</head><body><article>{before}{lead}</article></body></html>"
    return clean(html.encode(), name="page.html")


def test_the_printed_headline_when_it_is_the_stated_title_less_the_site_name() -> None:
    head = (
        '<meta property="og:site_name" content="Porthaven Post">'
        '<meta property="og:title" content="Tide mill turns again after 37 years | Porthaven Post">'
    )
    article = page(head, "<h1>Tide Mill Turns Again After 37 Years</h1>")
    assert article.headline == "Tide Mill Turns Again After 37 Years"
    assert "Tide Mill Turns Again After 37 Years" not in article.body


def test_the_stated_title_where_the_printed_headline_differs() -> None:
    head = '<meta property="og:title" content="Volunteers bring the tide mill back to life">'
    article = page(head, "<h1>Tide mill turns again after 37 years</h1>")
    assert article.headline == "Volunteers bring the tide mill back to life"
    # The printed headline is still the headline's block, not body text.
    assert "Tide mill turns again after 37 years" not in article.body


def test_a_stated_title_the_title_element_contradicts_is_stale() -> None:
    # The story page kept its home page's tags; its <title> and its <h1> name the story.
    head = (
        '<meta property="og:title" content="Porthaven Post - Latest news and sport">'
        '<meta property="og:site_name" content="Porthaven Post">'
        "<title>Tide mill turns again after 37 years</title>"
    )
    article = page(head, "<h1>Tide mill turns again after 37 years</h1>")
    assert article.headline == "Tide mill turns again after 37 years"
    # A stated title sharing the <title>'s words is no stale one: it stands.
    head = (
        '<meta property="og:title" content="Tide mill turns again">'
        "<title>The tide mill turns again after 37 years</title>"
    )
    assert page(head, "<h1>The tide mill turns again after 37 years</h1>").headline == "Tide mill turns again"


def test_a_headings_permalink_mark_is_not_the_headline() -> None:
    article = page("", '<h1>Tide mill turns again after 37 years<a class="headerlink" href="#top">¶</a></h1>')
    assert article.headline == "Tide mill turns again after 37 years"


def test_the_title_element_only_hints() -> None:
    article = page("<title>Harbour news | Porthaven Post</title>", "<h1>Tide mill turns again after 37 years</h1>")
    assert article.headline == "Tide mill turns again after 37 years"


def test_the_printed_byline_before_the_stated_author() -> None:
    head = '<meta name="author" content="Desk Editor">'
    article = page(head, "<h1>Tide mill turns again after 37 years</h1><p>By Tom Vale</p>")
    assert article.byline == "By Tom Vale"
    assert article.authors == ("Tom Vale",)


def test_the_stated_author_when_none_is_printed() -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Tide mill turns again",'
        '"author":[{"@type":"Person","name":"Ida Brook"},{"@type":"Person","name":"Tom Vale"}]}</script>'
    )
    article = page(head, "<h1>Tide mill turns again</h1>")
    assert (article.byline, article.authors, article.agency) == ("Ida Brook, Tom Vale", ("Ida Brook", "Tom Vale"), None)


def test_a_stated_organisation_is_a_byline_without_authors() -> None:
    article = page('<meta name="author" content="Contributors to the harbour wiki">', "<h1>Tide mill</h1>")
    assert (article.byline, article.authors) == ("Contributors to the harbour wiki", ())


def test_a_stated_agency_is_the_agency() -> None:
    article = page('<meta name="author" content="Reuters">', "<h1>Tide mill</h1>")
    assert (article.byline, article.authors, article.agency) == ("Reuters", (), "Reuters")


def test_stated_date_and_language() -> None:
    head = '<meta property="article:published_time" content="2024-06-01T08:30:00+01:00">'
    article = page(head, "<h1>Tide mill turns again</h1>", html_attributes='lang="en-GB"')
    assert (article.published, article.language) == ("2024-06-01T08:30:00+01:00", "en")


def test_a_time_element_in_the_article_dates_it() -> None:
    article = page("", '<h1>Tide mill turns again</h1><time datetime="2024-06-01">1 June</time>')
    assert article.published == "2024-06-01"


def test_a_time_element_outside_the_article_dates_it_last() -> None:
    html = (
        '<html><body><div class="bar"><time datetime="2024-06-01T09:00:00Z">1 June</time></div>'
        f"<article><h1>Tide mill turns again</h1>{LEAD}</article></body></html>"
    )
    assert clean(html.encode(), name="page.html").published == "2024-06-01T09:00:00+00:00"
    printed = html.replace("<h1>Tide mill turns again</h1>", "<h1>Tide mill turns again</h1><p>2 June 2024</p>")
    assert clean(printed.encode(), name="page.html").published == "2024-06-02"


def test_a_date_line_opening_with_its_date_before_interface_words() -> None:
    line = "<p>18 February, 2011 - 5:40PM View all stories | Send to a friend | Print this page now</p>"
    article = page("", "<h1>Tide mill turns again after 37 years</h1>" + line)
    assert article.published == "2011-02-18T17:40:00"


def test_a_date_line_among_furniture_under_the_headline() -> None:
    dated = (
        '<h1>Tide mill turns again after 37 years</h1><div class="info"><ul><li>Home</li><li>News</li>'
        "<li>Posted on: 17-02-2011</li><li>Share</li></ul></div>"
    )
    assert page("", dated).published == "2011-02-17"


def test_a_date_line_past_the_head_window_but_near_the_headline_is_still_read() -> None:
    lead = LEAD + "<p>A second crew will train on the wheel over the winter months, the trust said.</p>"
    article = page("", "<h1>Tide mill turns again after 37 years</h1>", lead=lead + "<p>Filed 18-02-2011</p>")
    assert article.published == "2011-02-18"


def test_a_claimed_caption_takes_its_figures_picture() -> None:
    head = '<link rel="canonical" href="https://post.example/news/mill.html">'
    figure = (
        '<figure><img src="data:image/gif;base64,R0lG" data-src="/img/wheel.jpg">'
        "<figcaption>The rebuilt wheel on Saturday (Photo: Ida Brook)</figcaption></figure>"
    )
    article = page(head, "<h1>Tide mill turns again</h1>" + figure)
    assert [image.to_dict() for image in article.images] == [
        {
            "caption": "The rebuilt wheel on Saturday",
            "credit": "Photo: Ida Brook",
            "url": "https://post.example/img/wheel.jpg",
        }
    ]


def test_the_same_picture_twice_is_one_image() -> None:
    figure = (
        '<figure><img src="https://post.example/w.jpg">'
        "<figcaption>The rebuilt wheel (Photo: Ida Brook)</figcaption></figure>"
    )
    lead = LEAD.replace("</p>", "</p>" + figure, 1)
    article = page("", "<h1>Tide mill turns again</h1>" + figure, lead=lead)
    assert [image.url for image in article.images] == ["https://post.example/w.jpg"]


def test_a_figure_caption_printed_over_several_blocks_is_one_image() -> None:
    figure = (
        '<figure><img src="https://post.example/w.jpg"><figcaption><p class="caption">The rebuilt wheel on '
        'Saturday morning.</p><p class="source">(Photo: Ida Brook)</p></figcaption></figure>'
    )
    article = page("", "<h1>Tide mill turns again</h1>" + figure)
    assert [image.to_dict() for image in article.images] == [
        {
            "caption": "The rebuilt wheel on Saturday morning.",
            "credit": "Photo: Ida Brook",
            "url": "https://post.example/w.jpg",
        }
    ]
    assert not any("Photo:" in paragraph or "rebuilt wheel" in paragraph for paragraph in article.body)


def test_a_scrapers_record_title_only_hints() -> None:
    record = {"title": "Harbour news | Porthaven Post", "text": "Tide mill turns again after 37 years\n" + LEAD_TEXT}
    article = clean(json.dumps(record).encode(), name="record.json")
    assert article.headline == "Tide mill turns again after 37 years"


def test_a_byline_under_the_lead_sentence_that_the_score_dropped_is_still_the_byline() -> None:
    lines = [
        "Tide mill turns again after 37 years",
        "The tide mill on Porthaven creek turned again on Saturday, after four winters of repairs.",
        "By Ida Brook",
        "The first sacks of flour will go to the harbour bakery, which promised a loaf for every volunteer.",
        "The mill opens to visitors at weekends from June, tides permitting, and school groups are welcome.",
        "Posted by Tom Vale",
        "Volunteers meet on the first Sunday of every month at the mill house on the creek.",
    ]
    dropped = Verdict(rule="low_content_score", reason=ReasonCode.OUTSIDE_ARTICLE)
    verdicts: list[Verdict | None] = [dropped, None, dropped, None, None, dropped, None]
    found = structure_article(ParsedPage(blocks=text_blocks("\n".join(lines))), verdicts)
    assert found.byline is not None and found.byline.authors == ("Ida Brook",)
    # A signature further down the article is not its byline.
    verdicts[2] = Verdict(rule="navigation", reason=ReasonCode.NAVIGATION)
    found = structure_article(ParsedPage(blocks=text_blocks("\n".join(lines))), verdicts)
    assert found.byline is None


def test_the_day_in_the_pages_address_outranks_a_printed_date_of_another_day() -> None:
    # An archive page's header prints today's date above the post; the post's address names its day.
    head = '<link rel="canonical" href="https://porthaven.example/2024/06/01/tide-mill-turns-again/">'
    article = page(head, "<h1>Tide mill turns again after 37 years</h1><p>Wednesday, 5 June 2024</p>")
    assert article.published == "2024-06-01"


def test_a_printed_date_of_the_addresss_day_stays_for_its_time() -> None:
    head = '<meta property="og:url" content="https://porthaven.example/news/2024-06-01/tide-mill">'
    article = page(head, "<h1>Tide mill turns again after 37 years</h1><p>1 June 2024, 10:32</p>")
    assert article.published == "2024-06-01T10:32:00"


def test_a_stated_date_outranks_the_address() -> None:
    # The stated instant is in UTC; the address's day is the newsroom's local day.
    head = (
        '<meta property="article:published_time" content="2024-06-02T01:30:00+00:00">'
        '<link rel="canonical" href="https://porthaven.example/2024/06/01/tide-mill/">'
    )
    assert page(head, "<h1>Tide mill turns again</h1>").published == "2024-06-02T01:30:00+00:00"


def test_an_address_without_a_whole_date_dates_nothing() -> None:
    head = '<link rel="canonical" href="https://porthaven.example/2024/06/tide-mill-20240601">'
    assert page(head, "<h1>Tide mill turns again</h1>").published is None


def test_a_scrapers_record_dates_a_text_dump_by_its_address() -> None:
    record = {"url": "https://porthaven.example/2024/06/01/tide-mill/", "text": "Tide mill turns again\n" + LEAD_TEXT}
    article = clean(json.dumps(record).encode(), name="record.json")
    assert article.published == "2024-06-01"
