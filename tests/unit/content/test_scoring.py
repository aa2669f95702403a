"""The content score: the linear units, the labelling, and the shipped weights."""

from __future__ import annotations

import math

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.content.features import BLOCK_FEATURES, PageView, reads_as_prose
from newsclean.content.scoring import ContentModel, LinearStage, article_text_labels, bundled_model, content_scores
from newsclean.html.blocks import parse_html
from newsclean.html.dom import DomView
from newsclean.parsed import PageMetadata
from newsclean.text import fingerprint

PARAGRAPHS = [
    "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen to traffic next week.",
    "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
    "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
]


def view_of(lines: list[str]) -> PageView:
    blocks = text_blocks("\n".join(lines))
    return PageView.of(blocks, [True] * len(blocks), [fingerprint(b.text) for b in blocks])


def stage(weights: tuple[float, ...], bias: float = 0.0) -> LinearStage:
    return LinearStage(weights=weights, bias=bias, means=(1.0,) * len(weights), scales=(2.0,) * len(weights))


def test_linear_stage_standardises_then_applies_the_logistic() -> None:
    unit = stage((0.5, -1.0), bias=0.25)
    row = (3.0, 5.0)
    expected = 1 / (1 + math.exp(-(0.25 + 0.5 * (3 - 1) / 2 - 1.0 * (5 - 1) / 2)))
    assert math.isclose(unit.probability(row), expected)
    assert LinearStage.from_dict(unit.to_dict()) == unit


def test_model_round_trips_through_its_document() -> None:
    model = bundled_model()
    assert ContentModel.from_dict(model.to_dict()) == model


def test_a_page_without_prose_has_no_article_text() -> None:
    view = view_of(["Home", "News", "Sport", "Weather"])
    assert article_text_labels(view, bundled_model()) == [False] * 4


def test_article_paragraphs_score_above_menu_items() -> None:
    view = view_of(["Home", "News", "Sport", *PARAGRAPHS, "Contact us", "Careers"])
    scores = content_scores(view, bundled_model())
    assert min(scores[3:6]) > max(scores[:3] + scores[6:])


def test_best_prose_block_survives_a_threshold_no_block_clears() -> None:
    never = ContentModel(first=bundled_model().first, second=bundled_model().second, threshold=1.01)
    view = view_of(["Home", "News", PARAGRAPHS[0], "Contact us"])
    labels = article_text_labels(view, never)
    assert labels[2] is True and sum(labels) == 1


def test_short_line_between_article_blocks_joins_them() -> None:
    from newsclean.content.scoring import _fill_short_gaps

    view = view_of([PARAGRAPHS[0], "What happens next", PARAGRAPHS[1], PARAGRAPHS[2], "Contact us"])
    assert _fill_short_gaps(view, [True, False, True, False, False]) == [True, True, True, False, False]
    # a long block between article blocks is the model's call, not the gap rule's
    view = view_of([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]])
    assert _fill_short_gaps(view, [True, False, True]) == [True, False, True]


def test_paragraphs_under_headings_between_article_blocks_join_them() -> None:
    from newsclean.content.scoring import _fill_prose_holes

    lines = [PARAGRAPHS[0], "Repairs", PARAGRAPHS[1], "Costs", "Next steps", PARAGRAPHS[2], PARAGRAPHS[0] + " Again."]
    view = view_of(lines)
    chosen = [True, False, False, False, False, False, True]
    assert _fill_prose_holes(view, chosen) == [True] * 7


def test_a_list_of_teaser_titles_between_article_blocks_stays_out() -> None:
    from newsclean.content.scoring import _fill_prose_holes

    teasers = ["Ferry fares to rise", "Pier reopens", "Gull numbers fall", "Lifeboat day", "Quay car park shut"]
    view = view_of([PARAGRAPHS[0], *teasers, PARAGRAPHS[1], PARAGRAPHS[2]])
    chosen = [True, *[False] * 5, False, True]
    # five titles for one paragraph: a list of links, not an article's sections
    assert _fill_prose_holes(view, chosen) == chosen
    # a hole with no prose at all is the short-gap rule's, not this one's
    view = view_of([PARAGRAPHS[0], "Costs", PARAGRAPHS[1]])
    assert _fill_prose_holes(view, [True, False, True]) == [True, False, True]


def test_the_rows_of_a_list_an_article_sentence_announces_are_article_text() -> None:
    from newsclean.content.scoring import _with_announced_lists

    rows = ["1 Ida Brook 5040 5", "2 Sam Patel 5035 7", "3 Mara Quill 5033 4"]
    announcer = "The final standings of the harbour regatta after all twelve races of the season:"
    view = view_of([PARAGRAPHS[0], announcer, *rows, PARAGRAPHS[1]])
    scored = [True, True, False, False, False, True]
    assert _with_announced_lists(view, scored, scored) == [True] * 6
    # not when the sentence itself is not article text
    not_chosen = [True, False, False, False, False, True]
    assert _with_announced_lists(view, not_chosen, not_chosen) == not_chosen
    # nor when only a gap rule let a short prompt in
    prompt_view = view_of([PARAGRAPHS[0], "Share this on:", *rows, PARAGRAPHS[1]])
    assert _with_announced_lists(prompt_view, not_chosen, scored) == scored


def test_a_dropped_block_ends_an_announced_list() -> None:
    from newsclean.content.scoring import _with_announced_lists

    announcer = "Tell your friends about the regatta by clicking on one of the buttons below:"
    blocks = text_blocks("\n".join([PARAGRAPHS[0], announcer, "Share", "Ferry fares to rise", "Pier reopens"]))
    kept = [True, True, False, True, True]
    view = PageView.of(blocks, kept, [fingerprint(b.text) for b in blocks])
    scored = [True, True, False, False]
    assert _with_announced_lists(view, scored, scored) == scored


def test_the_densest_run_of_paragraphs_joins_a_choice_that_missed_it() -> None:
    """The article cannot vanish: a score that took a box for the article still gets the article."""
    from newsclean.content.scoring import _with_densest_prose

    box = "Sign up to our weekly letter of harbour news, sent every Friday to your inbox, free of charge."
    longer = [f"{paragraph} {paragraph} {paragraph}" for paragraph in PARAGRAPHS]  # 160 words
    menu = ["News", "Sport", "Weather", "Travel", "Jobs", "Homes", "Cars", "Puzzles"]
    view = view_of([box, *menu, *longer, "Contact us"])
    nothing_else = [False] * len(menu)
    assert view.article_span == (len(menu) + 1, len(menu) + 4)
    chosen = [True, *nothing_else, False, False, False, False]
    assert _with_densest_prose(view, chosen) == [True, *nothing_else, True, True, True, False]
    # a choice inside the run is left as it is
    inside = [False, *nothing_else, True, False, False, False]
    assert _with_densest_prose(view, inside) == inside


def test_one_long_block_is_not_a_run_the_choice_must_hold() -> None:
    from newsclean.content.scoring import _with_densest_prose

    comment = " ".join(PARAGRAPHS * 3)  # a reader's long comment, one block
    view = view_of([PARAGRAPHS[0], "Comments", comment])
    assert _with_densest_prose(view, [True, False, False]) == [True, False, False]


def test_a_page_with_prose_gets_its_best_blocks_even_when_the_best_is_not_prose() -> None:
    """An article that is a list of dates: the model prefers the list; the page has prose."""
    size = len(bundled_model().first.weights)
    prose_column = BLOCK_FEATURES.index(reads_as_prose)
    weights = tuple(-4.0 if column == prose_column else 0.0 for column in range(size))
    distrusts_prose = LinearStage(weights=weights, bias=-6.0, means=(0.0,) * size, scales=(1.0,) * size)
    second = bundled_model().second
    model = ContentModel(first=distrusts_prose, second=second, threshold=1.01)
    view = view_of(["1 March: Porthaven", "8 March: Eastcliff", PARAGRAPHS[0]])
    assert any(article_text_labels(view, model))


def test_scores_equal_the_stages_applied_to_their_rows() -> None:
    # content_scores never builds a row; training reads the rows. Both must mean the same model.
    from newsclean.content.scoring import block_rows, first_stage_rows, second_stage_rows

    model = bundled_model()
    view = view_of(["Home", "News", *PARAGRAPHS, "Share this", "12:30 Monday", "Contact us"])
    rows = block_rows(view, None)
    first = [model.first.probability(row) for row in first_stage_rows(view, rows)]
    expected = [model.second.probability(row) for row in second_stage_rows(view, rows, first)]
    # The same terms in the same order: equal on 3.11; 3.12's compensated sum() may differ in the last bit.
    assert content_scores(view, model) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_scores_of_a_page_with_no_kept_block() -> None:
    view = PageView.of(text_blocks("Home\nNews"), [False, False], ["home", "news"])
    assert content_scores(view, bundled_model()) == []


WHOLE_ELEMENTS_PAGE = f"""<html><body>
<div class="post">
<p>{PARAGRAPHS[0]}</p>
<p>The new ferry timetable, which the harbour board agreed on Monday, runs as follows:</p>
<ul><li>Monday to Friday, seven sailings from the north quay, the first at six in the morning</li>
<li>Saturday, three sailings</li><li>Sunday, none</li><li><a href="/t">Download the timetable</a></li></ul>
<p>{PARAGRAPHS[1]}<br>Tickets go on sale in May.<br>By Ann Reeve</p>
<p>{PARAGRAPHS[2]}</p>
</div>
<div class="rail"><ul><li>Lifeboat volunteers raise a record sum at the summer fair on the quay</li>
<li>Road closures</li></ul></div>
</body></html>"""


def _html_view(html: str) -> tuple[PageView, DomView]:
    parsed = parse_html(html, PageMetadata())
    assert parsed.skeleton is not None
    blocks = parsed.blocks
    view = PageView.of(blocks, [True] * len(blocks), [fingerprint(b.text) for b in blocks])
    return view, DomView.of(parsed.skeleton, blocks, view.kept_indexes)


def test_the_other_items_and_lines_of_chosen_elements_join_them() -> None:
    from newsclean.content.scoring import _with_whole_elements, article_element

    view, dom = _html_view(WHOLE_ELEMENTS_PAGE)
    texts = [block.text for block in view.blocks]
    long_item = "Monday to Friday, seven sailings from the north quay, the first at six in the morning"
    rail_item = "Lifeboat volunteers raise a record sum at the summer fair on the quay"
    # The score took the paragraphs, the long item of the timetable and, wrongly, a teaser.
    chosen = [text in (*PARAGRAPHS, long_item, rail_item) for text in texts]
    labelled = dict(
        zip(texts, _with_whole_elements(view, dom, chosen, article_element(view, dom, chosen)), strict=True)
    )
    assert labelled["Saturday, three sailings"] and labelled["Sunday, none"]  # the list's other items
    assert labelled["Tickets go on sale in May."]  # another line of a chosen paragraph
    assert not labelled["By Ann Reeve"]  # a byline in the paragraph is not its text
    assert not labelled["Download the timetable"]  # a link line
    assert not labelled["Road closures"]  # a list outside the article's element
    assert not labelled["The new ferry timetable, which the harbour board agreed on Monday, runs as follows:"]


def test_nothing_joins_when_no_chosen_block_is_a_paragraph_or_an_item() -> None:
    from newsclean.content.scoring import _with_whole_elements, article_element

    view, dom = _html_view(WHOLE_ELEMENTS_PAGE)
    nothing = [False] * len(view.blocks)
    assert _with_whole_elements(view, dom, nothing, article_element(view, dom, nothing)) == nothing


STRUCTURE_PAGE = f"""<html><body>
<div class="post">
<p>{PARAGRAPHS[0]}</p>
<ol><li>Close the swing bridge</li><li>Lift the span</li></ol>
<h3>Costs</h3>
<p>{PARAGRAPHS[1]}</p>
<table><tr><td>Bearings</td><td>£40,000</td></tr><tr><td>Paint</td><td>£8,000</td></tr></table>
<div class="box"><h3>Elsewhere</h3><ul><li><a href="/a">Gull census results</a></li></ul></div>
<p>{PARAGRAPHS[2]}</p>
</div>
<div class="rail"><h3>More news</h3><p>{PARAGRAPHS[2].replace("Engineers", "Surveyors")}</p></div>
</body></html>"""


def test_headings_lists_and_tables_beside_the_articles_paragraphs_join_it() -> None:
    from newsclean.content.scoring import _with_structure_beside_the_text

    view, dom = _html_view(STRUCTURE_PAGE)
    texts = [block.text for block in view.blocks]
    chosen = [text in PARAGRAPHS for text in texts]
    labelled = dict(zip(texts, _with_structure_beside_the_text(view, dom, chosen), strict=True))
    assert labelled["Close the swing bridge"] and labelled["Lift the span"]  # a list right after the text
    assert labelled["Costs"]  # a heading right above the text
    assert labelled["Bearings £40,000"] and labelled["Paint £8,000"]
    assert not labelled["Elsewhere"]  # a box's heading heads no article text
    assert not labelled["Gull census results"]  # a link line
    assert not labelled["More news"]  # outside the span of the chosen text


TAIL_INTRO = "The glaze the harbour café puts on its sea wall buns takes ten minutes and keeps a week in a jar."
TAIL_PAGE = f"""<html><body>
<div class="recipe">
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{TAIL_INTRO}</p>
<div>Harbour glaze</div>
<ul><li>2 cups of sugar</li><li>1 lemon</li></ul>
<ol><li>{PARAGRAPHS[2]}</li></ol>
<div><a href="/tag/a">Sea wall</a> <a href="/tag/b">Porthaven</a></div>
<p>Thanks for reading, and do come back next week for the next part of the story.</p>
</div>
<div class="rail"><p>{PARAGRAPHS[2].replace("Engineers", "Surveyors")}</p></div>
</body></html>"""


def test_the_article_runs_on_to_its_elements_end_or_a_link_line() -> None:
    from newsclean.content.scoring import _with_the_articles_tail, article_element

    view, dom = _html_view(TAIL_PAGE)
    texts = [block.text for block in view.blocks]
    chosen = [text in (*PARAGRAPHS[:2], TAIL_INTRO) for text in texts]
    labelled = dict(zip(texts, _with_the_articles_tail(view, chosen, article_element(view, dom, chosen)), strict=True))
    assert labelled["Harbour glaze"] and labelled["2 cups of sugar"] and labelled["1 lemon"]
    assert labelled[PARAGRAPHS[2]]  # the last step: a paragraph of prose in the tail
    assert not labelled["Sea wall Porthaven"]  # a tag list ends the tail
    assert not labelled["Thanks for reading, and do come back next week for the next part of the story."]
    assert not labelled[PARAGRAPHS[2].replace("Engineers", "Surveyors")]  # outside the article's element


def test_a_tail_without_prose_stays_out() -> None:
    from newsclean.content.scoring import _with_the_articles_tail, article_element

    view, dom = _html_view(TAIL_PAGE.replace(f"<ol><li>{PARAGRAPHS[2]}</li></ol>", ""))
    chosen = [block.text in (*PARAGRAPHS[:2], TAIL_INTRO) for block in view.blocks]
    assert _with_the_articles_tail(view, chosen, article_element(view, dom, chosen)) == chosen
