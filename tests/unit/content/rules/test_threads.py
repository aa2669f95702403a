from __future__ import annotations

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.content.rules.threads import (
    CommentThread,
    is_comment_head,
    is_dated_head,
    is_signed_comment_head,
    is_thread_heading,
)
from newsclean.content.rules.vocabulary import wording_kind
from newsclean.model import Block, ReasonCode
from newsclean.pipeline import label_blocks

ARTICLE = [
    "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen to traffic next week.",
    "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
    "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
    "Local traders said the closure had halved their takings, and several asked for help with business rates.",
]
THREAD = [
    "Comments",
    "Ida Brook on May 5, 2024 at 4:47 pm said:",
    "About time too. My shop on the quay lost half its customers while the bridge was shut, and nobody helped.",
    "Sam Patel on May 5, 2024 at 6:02 pm said:",
    "The council should explain why the repairs took so long when the engineers said it was a six week job.",
]


def verdicts_of(*lines: str) -> dict[str, str | None]:
    """Each line -> the rule that dropped it (None: kept)."""
    blocks = text_blocks("\n".join(lines))
    return {
        block.text: verdict.rule if verdict else None
        for block, verdict in zip(blocks, label_blocks(blocks), strict=True)
    }


def test_the_thread_under_the_article_goes() -> None:
    assert CommentThread.reason is ReasonCode.COMMENTS
    verdicts = verdicts_of(*ARTICLE, *THREAD)
    assert [verdicts[line] for line in ARTICLE] == [None] * len(ARTICLE)
    assert verdicts["Comments"] == "comments_label"
    assert all(verdicts[line] == CommentThread.name for line in THREAD[1:])


def test_a_comment_count_above_the_article_opens_no_thread() -> None:
    verdicts = verdicts_of("Bridge to reopen next week", "Comments", "4 hours ago", *ARTICLE)
    assert [verdicts[line] for line in ARTICLE] == [None] * len(ARTICLE)


def test_a_comments_prompt_without_comment_heads_opens_no_thread() -> None:
    closing = "The council will vote on the final bill for the repairs at its meeting in the town hall next month."
    verdicts = verdicts_of(*ARTICLE[:2], "Comments", *ARTICLE[2:], closing)
    assert verdicts[closing] is None


def test_a_thread_that_names_each_reader_without_a_date_goes() -> None:
    thread = [
        "Comments are now closed for this story",
        "Ralph",
        "About time too. My shop on the quay lost half its customers while the bridge was shut.",
        "Frank @ Toronto",
        "The council should explain why the repairs took so long when it was a six week job.",
        "Lina",
        "I agree with Ralph. Nobody from the council came to see the traders on the quay.",
    ]
    verdicts = verdicts_of(*ARTICLE, *thread)
    assert [verdicts[line] for line in ARTICLE] == [None] * len(ARTICLE)
    assert all(verdicts[line] == CommentThread.name for line in thread[1:])


def test_a_comment_form_opens_no_thread() -> None:
    # Short lines over no sentence: the form's fields, not readers' names.
    closing = "The council will vote on the final bill for the repairs at its meeting in the town hall next month."
    verdicts = verdicts_of(*ARTICLE, "Leave a reply", "Name", "Email", "Website", "Post comment", closing)
    assert verdicts[closing] != CommentThread.name


def test_a_short_post_under_a_long_thread_is_found_again() -> None:
    """The thread is longer and denser than the post, so the content score prefers it; the
    signed heads still give it away, and the page is scored again without it."""
    post = (
        "Our quarterly open thread is a place for readers to ask about the harbour project, its "
        "funding or anything else, in the comments below; we answer within a week."
    )
    replies = [
        "I skimmed the dredging report and could not find any estimate of what the silt removal will cost the town.",
        "The report also says nothing about the fishing boats that moor by the old bridge, which worries me a lot.",
        "Thanks for asking. The silt estimate is in the appendix, and we will publish the mooring survey in March.",
        "We also plan a public meeting about the moorings, where the engineers will answer questions in person.",
    ]
    thread = ["Comments"]
    for number, reply in enumerate(replies * 3):
        thread += [f"Reader {number} on May {number + 1}, 2024 at 4:{10 + number} pm said:", f"{reply} ({number})"]
    menu = ["Home", "Projects", "Funding", "Harbour Blog", "About", "Contact us", "Donate"]
    head = ["Open thread for May", "May 1, 2024 | by Ida", post, "Posted in Open thread | 12 Comments"]
    verdicts = verdicts_of(*menu, *head, *thread)
    assert verdicts[post] is None
    assert all(verdicts[line] == CommentThread.name for line in thread[1:])


def test_a_counted_heading_over_dated_heads_opens_a_thread_the_score_took_for_the_article() -> None:
    """A heading that counts the replies and names the post, then name lines over date lines: the
    replies outweigh the short post, and the run of dates under the heading gives the thread away."""
    post = (
        "Twelve volunteers repainted the lifeboat station on Saturday, and the crew thanks every one "
        "of them. The paint was given by the chandlery on the quay."
    )
    thread = ["9 Responses to “Lifeboat station repainted by volunteers on a sunny Saturday”"]
    reply = "I walked past on Sunday and the station looks wonderful; well done to everyone who gave up a day for it."
    for number in range(9):
        thread += [f"Reader {number}", f"June {number + 2}, 2024 at {number + 1}:15 pm", f"{reply} ({number})"]
    verdicts = verdicts_of("Lifeboat station repainted", "June 1, 2024", post, *thread)
    assert verdicts[post] is None
    assert all(verdicts[line] == CommentThread.name for line in thread[1:])


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Comments", True),
        ("14 comments to Lifeboat station repainted by volunteers on a sunny Saturday", True),
        ("40 Responses to “Lifeboat station repainted”", True),
        ("8 users responded in “Lifeboat station repainted”", True),
        ("3 Kommentare zu „Rettungsstation neu gestrichen“", True),
        ("14 volunteers came to the station on Saturday", False),
        ("Twelve replies to the survey came in", False),
    ],
)
def test_thread_headings(text: str, heading: bool) -> None:
    assert is_thread_heading(Block(index=0, text=text), wording_kind(text)) is heading


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("October 1st, 2024 at 2:04 pm", True),
        ("Comment #3 - Posted by: Andrew at November 10, 2024 5:57 PM", True),
        ("Jamie, on 7 November 2024", True),
        ("Gift Guide 2024", False),  # a bare year is a title's
        ("The volunteers started at 9:30 and finished by tea time, when the mayor came by to look at it all", False),
    ],
)
def test_dated_heads(text: str, dated: bool) -> None:
    assert is_dated_head(Block(index=0, text=text)) is dated


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        ("Ida Brook on May 5, 2024 at 4:47 pm said:", True),
        ("Harbourwatcher on 12 June 2019 wrote:", True),
        ("Ida Brook wrote on May 5, 2024 at 4:47 pm:", True),  # when, after the verb, then a colon
        ("Ida Brook wrote on May 5, 2024 at 4:47 pm", False),
        ("Harbourwatcher wrote:", False),  # says nothing of when
        ("In a statement, the harbour master said:", False),
    ],
)
def test_signed_comment_heads(text: str, signed: bool) -> None:
    assert is_signed_comment_head(Block(index=0, text=text)) is signed


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Ida Brook on May 5, 2024 at 4:47 pm said:", True),
        ("Harbourwatcher wrote:", True),
        ("Harbourwatcher said,", True),
        ("Sam Patel 2 hours ago", True),
        ("Engineers replaced the bearings and repainted the span, work that cost more than planned.", False),
        ("Bridge to reopen next week", False),
    ],
)
def test_comment_heads(text: str, head: bool) -> None:
    assert is_comment_head(Block(index=0, text=text)) is head
