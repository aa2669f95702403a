from __future__ import annotations

import pytest

from newsclean.blocks import text_blocks
from newsclean.model import Block, ReasonCode
from newsclean.pipeline import label_blocks
from newsclean.rules.threads import CommentThread, is_comment_head

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


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Ida Brook on May 5, 2024 at 4:47 pm said:", True),
        ("Harbourwatcher wrote:", True),
        ("Sam Patel 2 hours ago", True),
        ("Engineers replaced the bearings and repainted the span, work that cost more than planned.", False),
        ("Bridge to reopen next week", False),
    ],
)
def test_comment_heads(text: str, head: bool) -> None:
    assert is_comment_head(Block(index=0, text=text)) is head
