"""The rule for reader comments below an article: once the thread starts, nothing is article.

Comments are prose, so the content score keeps them; what gives a thread away is its
heading ("Comments", "3 Comments", "Leave a reply") printed after the article, followed at
once by comment heads that say when each reader wrote ("Ida on May 5, 2024 at 4:47 pm
said:", "2 hours ago") or, in a thread without dates, by readers' names over what they
wrote. Both are needed: a "Comments (4)" link near the headline sits before the article,
and a heading with no comment heads under it is a prompt, not a thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import ClassVar

from newsclean.content.rules.base import Page
from newsclean.fields.dates import find_printed_date
from newsclean.model import Block, ReasonCode
from newsclean.text import ends_like_sentence

# Article prose (words the content score keeps, from the densest run of prose on) that must
# stand above a comments heading for it to open a thread: above that, it is a count link in
# the page's head. 20 words: a lead sentence. Measured on dev page.txt and flat.txt, the rule
# then drops ~1,700 words outside the gold bodies for 27 inside them.
MIN_ARTICLE_WORDS_ABOVE = 20
# Comment heads are looked for in this many blocks below the heading.
COMMENT_HEAD_REACH = 6
# A comment head is a short line.
MAX_COMMENT_HEAD_WORDS = 15
# "Name said:" / "Name wrote:" / "Name says," closing a comment head, or followed by when and a
# colon ("Name wrote on May 5, 2024 at 4:47 pm:").
_SAID = (
    r"\b(?:said|says|wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef)"
    r"(?:\s*[:,]?|\s+(?:on|at|am|le|el|il|op)\s.{1,50}:)$"
)
# A time of day, "4:47" or glued to its "pm" ("11:40am").
_TIME = r"\b\d{1,2}:\d\d(?!\d)"
# When a reader wrote: a time of day, "... ago", or "Name said:" / "Name wrote:".
_COMMENT_HEAD = re.compile(rf"{_TIME}|\bago\b|{_SAID}", re.IGNORECASE)
# A signed comment head says both when and that a reader wrote ("Ida on May 5, 2024 at 4:47 pm
# said:"): no article line reads like that, so it gives a thread away even where the content
# score took the thread for the article.
_SIGNED = re.compile(_SAID, re.IGNORECASE)
_WHEN = re.compile(r"\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b")
_TIME_OF_DAY = re.compile(_TIME)
# A thread's heading that counts it, whatever follows: the post's title, however long ("14 comments
# to ...", "40 Responses to “...”", "8 users responded in ..."), or a prompt ("20 Comments Post a
# comment"). The wording vocabulary only reads short blocks, and whole ones.
_COUNTED_HEADING = re.compile(
    r"^\W{0,3}\d+\s+(?:\w+\s+)?(?:comments?|responses?|replies|thoughts|reactions|kommentare|commentaires|"
    r"comentarios|commenti|reacties|comentários)\b"
    r"|^\W{0,3}\d+\s+(?:users?|readers?|people)\s+(?:responded|commented|replied)\b",
    re.IGNORECASE,
)
# A thread's heading is at most this long: a count and the post's title.
MAX_HEADING_WORDS = 40
# Dated heads give a thread away when at least this many come within ``DATED_HEAD_REACH`` blocks
# under its heading: one date under a heading is a post's date; a run of them is a thread's.
MIN_DATED_HEADS = 3
# A reader's name over a comment without a date: a few words ("Frank @ Toronto").
MAX_NAME_HEAD_WORDS = 4
DATED_HEAD_REACH = 16


def is_comment_head(block: Block) -> bool:
    """A short line that says when a reader wrote, or that they said something."""
    return block.words <= MAX_COMMENT_HEAD_WORDS and bool(_COMMENT_HEAD.search(block.text))


def comment_thread_start(
    blocks: Sequence[Block],
    wording: Sequence[str | None],
    article_text: Sequence[bool],
    article_start: int,
    prose: Sequence[bool],
) -> int | None:
    """The index of the heading that opens the reader comments under the article, or None.
    ``prose`` says for each block whether it reads as prose (``region.is_prose_block``)."""
    article_prose = [
        label and index >= article_start and reads
        for index, (label, reads) in enumerate(zip(article_text, prose, strict=True))
    ]
    return _thread_start(blocks, wording, article_prose, is_comment_head)


def is_signed_comment_head(block: Block) -> bool:
    """A comment head that names a time or a year and ends with "said:" or "wrote:"."""
    return block.words <= MAX_COMMENT_HEAD_WORDS and bool(_SIGNED.search(block.text) and _WHEN.search(block.text))


def is_thread_heading(block: Block, wording: str | None) -> bool:
    """A comments heading: interface wording ("Comments", "Leave a reply") or a count that names the post."""
    return wording == "comments" or (
        block.words <= MAX_HEADING_WORDS and _COUNTED_HEADING.match(block.text) is not None
    )


def is_dated_head(block: Block) -> bool:
    """A short line that prints a time of day or a whole date: a comment's date line, or a head
    with one (a bare year is a title's: "Gift Guide 2012")."""
    return block.words <= MAX_COMMENT_HEAD_WORDS and (
        _TIME_OF_DAY.search(block.text) is not None or find_printed_date(block.text) is not None
    )


def signed_thread_start(
    blocks: Sequence[Block], wording: Sequence[str | None], kept: Sequence[bool], prose: Sequence[bool]
) -> int | None:
    """The comments heading that opens a signed reader thread (``is_signed_comment_head`` right
    under it) with at least a lead sentence of kept prose above, whatever the content score made of
    either. A short post over a long thread loses the content score to the thread; this finds
    the thread without that score, so the page can be scored again without it."""
    kept_prose = [keep and reads for keep, reads in zip(kept, prose, strict=True)]
    return _thread_start(blocks, wording, kept_prose, is_signed_comment_head, min_dated_heads=MIN_DATED_HEADS)


def _thread_start(
    blocks: Sequence[Block],
    wording: Sequence[str | None],
    counted: Sequence[bool],
    is_head: Callable[[Block], bool],
    min_dated_heads: int | None = None,
) -> int | None:
    """The first comments heading with ``MIN_ARTICLE_WORDS_ABOVE`` words of ``counted`` blocks
    above it and a comment head (``is_head``) within reach below it, or, given
    ``min_dated_heads``, that many dated heads within ``DATED_HEAD_REACH``."""
    words_above = 0
    for block in blocks:
        index = block.index
        # The heading is looked at even where the content score took it for article text.
        if words_above >= MIN_ARTICLE_WORDS_ABOVE and is_thread_heading(block, wording[index]):
            below = blocks[index + 1 : index + 1 + COMMENT_HEAD_REACH]
            if any(is_head(head) for head in below):
                return index
            if _named_replies(blocks[index + 1 : index + 1 + DATED_HEAD_REACH]):
                return index
            if min_dated_heads is not None and _dated_replies(blocks[index + 1 : index + 1 + DATED_HEAD_REACH]):
                return index
        if counted[index]:
            words_above += block.words
    return None


def _named_replies(below: Sequence[Block]) -> bool:
    """Readers' names over what they wrote, ``MIN_DATED_HEADS`` times: a short line that is no
    sentence ("Ralph", "Frank @ Toronto") right over one that is, as a thread without dates
    prints its comments."""
    named = sum(
        1
        for head, text in zip(below, below[1:], strict=False)
        if head.words <= MAX_NAME_HEAD_WORDS
        and not ends_like_sentence(head.text)
        and text.words > MAX_NAME_HEAD_WORDS
        and ends_like_sentence(text.text)
    )
    return named >= MIN_DATED_HEADS


def _dated_replies(below: Sequence[Block]) -> bool:
    """Dated heads over what readers wrote: ``MIN_DATED_HEADS`` of them, and sentences between
    them (a list of recent posts is dated titles, with no sentence among them)."""
    dated = [is_dated_head(block) for block in below]
    sentences = sum(
        1 for block, is_head in zip(below, dated, strict=True) if not is_head and ends_like_sentence(block.text)
    )
    return sum(dated) >= MIN_DATED_HEADS and sentences >= MIN_DATED_HEADS - 1


class CommentThread:
    """Drops everything below the heading that opens a reader-comment thread under the article
    (``comment_thread_start``): the comments, their heads and reply links. Code: comments."""

    name: ClassVar[str] = "comment_thread"
    reason: ClassVar[ReasonCode] = ReasonCode.COMMENTS

    def applies(self, block: Block, page: Page) -> bool:
        return page.comment_thread_start is not None and block.index > page.comment_thread_start
