from __future__ import annotations

from dataclasses import replace

from newsclean.content.rules.repetition import COLLAPSED_REACH, CaptionControl, RepeatedBlock, RepeatedOutsideArticle
from newsclean.html.dom import DomSkeleton
from newsclean.model import ReasonCode
from newsclean.pipeline import rules_for

CAPTION = "Lifeboat crew bring the trawler into harbour on Sunday (Jo Bloggs/Coastal Press)"


def test_lightbox_controls_and_glued_caption(page_of) -> None:
    page = page_of(f"{CAPTION} Expand", "Close", CAPTION, CAPTION)
    rule = CaptionControl()
    assert rule.reason is ReasonCode.CAPTION_CONTROL
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, False, False]


def test_a_collapsed_caption_is_a_control_when_the_page_prints_it_whole(page_of) -> None:
    expanded = f"{CAPTION}. The crew had been at sea for nine hours. less"
    collapsed = "Lifeboat crew bring the trawler into harbour on Sunday (Jo Bloggs/Coastal Press) ... more"
    page = page_of(expanded, collapsed, "Photo: Jo Bloggs")
    assert [CaptionControl().applies(b, page) for b in page.blocks] == [False, True, False]


def test_a_collapsed_view_is_matched_only_with_a_caption_printed_next_to_it(page_of) -> None:
    # Galleries print both views together; the look is bounded, so a flood of such lines stays linear.
    collapsed = "Lifeboat crew bring the trawler into harbour on Sunday (Jo Bloggs/Coastal Press) ... more"
    between = [f"Harbour note number {number} for the week" for number in range(COLLAPSED_REACH + 1)]
    page = page_of(f"{CAPTION}. The crew had been at sea for nine hours.", *between, collapsed)
    assert not CaptionControl().applies(page.blocks[-1], page)


def test_a_teaser_cut_short_without_its_whole_text_is_kept(page_of) -> None:
    # What a collapsed view keeps must open a longer block: a list of teasers is left to the score.
    page = page_of("The harbour board met on Tuesday to discuss the new ferry and … more", CAPTION)
    assert not CaptionControl().applies(page.blocks[0], page)
    short = page_of("Read … more", "Read the whole story of the harbour board and its ferry")
    assert not CaptionControl().applies(short.blocks[0], short)


def test_text_ending_in_expand_without_a_copy_is_kept(page_of) -> None:
    page = page_of("Plans for the marina are set to expand")
    assert not CaptionControl().applies(page.blocks[0], page)


def test_repeats_after_the_first_are_duplicates(page_of) -> None:
    page = page_of(CAPTION, "The storm passed overnight.", CAPTION, CAPTION.upper())
    rule = RepeatedBlock()
    assert rule.reason is ReasonCode.DUPLICATE
    assert [rule.applies(b, page) for b in page.blocks] == [False, False, True, True]


def test_numbers_repeat_as_table_cells_do(page_of) -> None:
    page = page_of("Boat", "Points", "Kestrel", "12", "Osprey", "12", "Kestrel")
    assert [RepeatedBlock().applies(b, page) for b in page.blocks] == [False] * 6 + [True]


def test_a_question_put_to_each_guest_is_a_refrain_not_a_repeat(page_of) -> None:
    question = "What first drew you to the harbour?"
    answers = [
        "My grandfather kept a boat here, and I spent every summer on the quay mending nets with him.",
        "I came for a job at the boatyard in 1998 and simply never found a reason to leave again.",
        "The light in the mornings, which painters have been coming to catch for more than a century.",
    ]
    label = "Our verdict"  # a label is too short to be a refrain
    lines = [line for answer in answers for line in (question, answer, label, f"{answer[:40]} - agreed.")]
    page = page_of(*lines)
    rule = RepeatedBlock()
    verdicts = {block.text: [] for block in page.blocks}
    for block in page.blocks:
        verdicts[block.text].append(rule.applies(block, page))
    assert verdicts[question] == [False, False, False]
    assert verdicts[label] == [False, True, True]


def test_a_caption_copied_by_a_gallery_is_no_refrain(page_of) -> None:
    page = page_of(CAPTION, "Photo: Jo Bloggs", "The storm passed overnight, and the crew were home by dawn.", CAPTION)
    assert [RepeatedBlock().applies(b, page) for b in page.blocks] == [False, False, False, True]


def test_html_repeats_stay_where_the_article_is(page_of) -> None:
    question = "What first drew you to the harbour?"
    page = replace(
        page_of(question, "Menu", question, "Answer one.", question), article_text=(False, False, True, True, False)
    )
    rule = RepeatedOutsideArticle()
    assert rule.reason is ReasonCode.DUPLICATE
    # the first copy is never a repeat; later copies go unless the article holds them
    assert [rule.applies(b, page) for b in page.blocks] == [False, False, False, False, True]


def test_html_pages_judge_repeats_after_scoring_and_text_dumps_before() -> None:
    html_rules, html_context = rules_for(DomSkeleton(parents=(), tags=(), names_article=()))
    text_rules, text_context = rules_for(None)
    assert any(isinstance(rule, RepeatedBlock) for rule in text_rules)
    assert not any(isinstance(rule, RepeatedBlock) for rule in html_rules)
    assert any(isinstance(rule, RepeatedOutsideArticle) for rule in html_context)
    assert not any(isinstance(rule, RepeatedOutsideArticle) for rule in text_context)


def test_a_lead_printed_first_as_a_teaser_stays_in_the_article() -> None:
    """The page's top prints the lead as a teaser; the article prints it again as its first
    paragraph. The teaser is outside the article, so the copy inside it is the one to keep."""
    from newsclean.content.blocks import text_blocks
    from newsclean.pipeline import label_blocks

    lead = "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen next week."
    article = [
        "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
        "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
        "Local traders said the closure had halved their takings, and several asked for help with business rates.",
    ]
    menu = ["Home", "News", "Sport", "Weather", "Travel", "Jobs", "Homes", "Puzzles"]
    lines = [lead, *menu, "Swing bridge to reopen", lead, *article, "Contact us", "Careers"]
    blocks = text_blocks("\n".join(lines))
    verdicts = label_blocks(blocks)
    copies = [index for index, block in enumerate(blocks) if block.text == lead]
    assert verdicts[copies[0]] is not None  # the teaser
    assert verdicts[copies[1]] is None  # the article's own lead
    assert all(verdicts[blocks.index(block)] is None for block in blocks if block.text in article)
