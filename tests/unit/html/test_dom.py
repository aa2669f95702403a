"""DOM features: where the element tree puts each block relative to the article's element."""

from __future__ import annotations

from newsclean.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.content.features import BLOCK_FEATURES, digit_share
from newsclean.content.scoring import HTML_MODEL_RESOURCE, ContentModel, LinearStage, bundled_model
from newsclean.decode.input import decode_input
from newsclean.html.blocks import parse_html
from newsclean.html.dom import DOM_FEATURE_NAMES, NO_ELEMENT, dom_rows
from newsclean.parsed import PageMetadata, ParsedPage
from newsclean.pipeline import clean, parse

PARAGRAPH = (
    "The harbour board met on Tuesday evening and agreed, after a long debate, to repair the "
    "old sea wall before the winter storms arrive in the bay."
)
PAGE = f"""<html><body>
<div class="menu"><ul><li><a href="/a">Home</a></li><li><a href="/b">Sport</a></li>
<li><a href="/c">Weather</a></li></ul></div>
<div class="article-body">
<p>{PARAGRAPH}</p>
<p>{PARAGRAPH.replace("Tuesday", "Monday")}</p>
<h2>Who voted</h2>
<table><tr><td>Ayes 7</td><td>Noes 2</td></tr></table>
<p>{PARAGRAPH.replace("Tuesday", "Friday")}</p>
</div>
<div class="teasers"><p><a href="/d">Lifeboat crew rescue two kayakers</a></p></div>
</body></html>"""


def _parsed(html: str) -> ParsedPage:
    return parse_html(html, PageMetadata())


def _features_by_text(html: str) -> dict[str, dict[str, float]]:
    parsed = _parsed(html)
    assert parsed.skeleton is not None
    kept = range(len(parsed.blocks))
    rows = dom_rows(parsed.skeleton, parsed.blocks, kept)
    pairs = zip(parsed.blocks, rows, strict=True)
    return {block.text: dict(zip(DOM_FEATURE_NAMES, row, strict=True)) for block, row in pairs}


def test_skeleton_lists_parents_before_children() -> None:
    skeleton = _parsed(PAGE).skeleton
    assert skeleton is not None
    assert skeleton.tags[0] == "body"
    assert skeleton.parents[0] == NO_ELEMENT
    assert all(parent < element for element, parent in enumerate(skeleton.parents) if parent != NO_ELEMENT)


def test_blocks_name_their_innermost_block_element() -> None:
    parsed = _parsed(PAGE)
    assert parsed.skeleton is not None
    tags = {block.text: parsed.skeleton.tags[block.element] for block in parsed.blocks}
    assert tags[PARAGRAPH] == "p"
    assert tags["Ayes 7 Noes 2"] == "tr"
    assert tags["Home"] == "li"


def test_table_and_subheading_inside_the_prose_element_count_as_inside() -> None:
    features = _features_by_text(PAGE)
    for text in ("Who voted", "Ayes 7 Noes 2", PARAGRAPH):
        assert features[text]["in_majority_prose_element"] == 1.0
        assert features[text]["in_most_prose_element"] == 1.0
    for text in ("Home", "Lifeboat crew rescue two kayakers"):
        assert features[text]["in_majority_prose_element"] == 0.0


def test_menu_items_sit_in_elements_without_prose() -> None:
    features = _features_by_text(PAGE)
    assert features["Home"]["parent_prose_share"] == 0.0
    assert features["Home"]["grandparent_prose_share"] == 0.0
    assert features[PARAGRAPH]["grandparent_prose_share"] > 0.8


def test_article_naming_elements_and_paragraph_tags() -> None:
    features = _features_by_text(PAGE)
    assert features[PARAGRAPH]["in_article_named_element"] == 1.0
    assert features[PARAGRAPH]["from_paragraph_element"] == 1.0
    assert features["Home"]["in_article_named_element"] == 0.0
    assert features["Ayes 7 Noes 2"]["from_paragraph_element"] == 0.0


def test_furniture_class_is_not_the_article_even_when_it_says_article() -> None:
    html = f'<body><div class="related-articles"><p>{PARAGRAPH}</p></div><article><p>{PARAGRAPH}!</p></article></body>'
    features = _features_by_text(html)
    assert features[PARAGRAPH]["in_article_named_element"] == 0.0
    assert features[PARAGRAPH + "!"]["in_article_named_element"] == 1.0


def test_page_without_prose_puts_no_block_inside_an_article_element() -> None:
    features = _features_by_text("<body><ul><li>Home</li><li>Sport</li></ul></body>")
    assert all(row["in_majority_prose_element"] == 0.0 for row in features.values())


def test_text_dumps_have_no_skeleton() -> None:
    decoded = decode_input(f"Harbour wall\n{PARAGRAPH}\n".encode(), name="", content_type=None, config=DEFAULT_CONFIG)
    parsed = parse(decoded)
    assert parsed.skeleton is None
    assert {block.element for block in parsed.blocks} == {NO_ELEMENT}


def _model_trusting_only(column: int) -> ContentModel:
    """A model of the shipped HTML model's shape that looks at one column of the block rows."""
    shipped = bundled_model(HTML_MODEL_RESOURCE)

    def stage(size: int) -> LinearStage:
        weights = [0.0] * size
        weights[column] = 10.0
        return LinearStage(weights=tuple(weights), bias=-5.0, means=(0.0,) * size, scales=(1.0,) * size)

    return ContentModel(stage(len(shipped.first.weights)), stage(len(shipped.second.weights)), threshold=0.5)


def test_html_pages_are_scored_by_the_html_model_with_dom_features() -> None:
    column = len(BLOCK_FEATURES) + DOM_FEATURE_NAMES.index("in_majority_prose_element")
    config = CleanerConfig(html_content_model=_model_trusting_only(column))
    article = clean(PAGE.encode(), name="page.html", config=config)
    assert "Ayes 7 Noes 2" in article.body
    assert "Who voted" in article.body
    assert "Lifeboat crew rescue two kayakers" not in article.body


def _model_never_sure(column: int) -> ContentModel:
    """A model of the shipped HTML model's shape that scores by one column (weight 10, bias -5)
    and whose threshold no block clears: every page takes the fallback."""
    trusting = _model_trusting_only(column)
    return ContentModel(trusting.first, trusting.second, threshold=1.01)


def test_when_no_block_clears_the_threshold_the_chosen_lines_bring_their_element() -> None:
    # A calendar with no prose: one line has the most digits and is the best; the other dates
    # of its <p> score far below it, and come with it. The next paragraph stays out.
    page = (
        "<html><body><h1>Racing calendar</h1>"
        "<p>Round one: 10/03/2018 at Northfield<br>Round two: in April at Eastbury<br>"
        "Round three: in May at Westmoor</p>"
        "<p>Comments are checked before they appear on the site.</p></body></html>"
    )
    config = CleanerConfig(html_content_model=_model_never_sure(BLOCK_FEATURES.index(digit_share)))
    article = clean(page.encode(), name="page.html", config=config)
    assert list(article.body) == [
        "Round one: 10/03/2018 at Northfield",
        "Round two: in April at Eastbury",
        "Round three: in May at Westmoor",
    ]


def test_an_article_divided_by_headings_opens_with_one() -> None:
    # A round-up: each sport under an <h3>. The first <h3> sits above the article's first block,
    # where no gap between article blocks brings it in.
    scores = [
        "Northfield beat Eastbury 3-1 on Tuesday night, with two late goals from the captain.",
        "Westmoor drew 2-2 with Southpoint after trailing by two goals at half time.",
        "Eastbury beat Northfield 70-44 in the county final, their first title in a decade.",
        "Southpoint lost to Westmoor 52-61 after leading for most of the second half.",
    ]
    page = (
        "<html><body><h1>Round-up: Northfield stay unbeaten</h1><p>By Ida Brook</p>"
        f"<h3>GIRLS SOCCER</h3><p>{scores[0]}</p><p>{scores[1]}</p>"
        f"<h3>BOYS BASKETBALL</h3><p>{scores[2]}</p><p>{scores[3]}</p>"
        "<footer><p>Contact us</p></footer></body></html>"
    )
    article = clean(page.encode(), name="page.html")
    assert list(article.body) == ["GIRLS SOCCER", *scores[:2], "BOYS BASKETBALL", *scores[2:]]
