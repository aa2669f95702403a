"""The standfirst: the deck printed under the headline, or else the lead paragraph.

A deck (standfirst, dek, summary) is the sentence or two that a page prints
between the headline and the article, often before the byline. In a text dump
it is one line right below the headline.

When the page prints no deck, the standfirst is the lead paragraph, the way
Readability's excerpt and a page's own description usually read: a reader
asking for "what is this article about" expects the opening, not nothing. The
lead paragraph then stays in the body too (it is copied, not claimed).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.content.language import STOPWORDS
from newsclean.content.rules import vocabulary
from newsclean.fields.bylines import parse_byline, split_credit, split_dateline
from newsclean.fields.dates import find_date
from newsclean.fields.headline import content_words
from newsclean.model import Block
from newsclean.text import ends_like_sentence, fingerprint, word_count

# A deck has at least this many words (shorter lines below a headline are labels or kickers)...
MIN_DECK_WORDS = 6
# ...and at most this many (longer is a paragraph).
MAX_DECK_WORDS = 80
# Blocks below the headline that are looked at for the deck.
DECK_REACH = 3
# A deck inside the kept run counts only when a byline or date line follows it this closely.
HEAD_LINE_REACH = 3
# A gallery's copy of a caption, whole or cut short ("... more"), opens with the same words.
COPY_OPENING_WORDS = 8
# The lead paragraph used as a standfirst has at least this many words (skips kickers and labels).
MIN_LEAD_WORDS = 12
# ... and is cut after the sentence that passes this many words (a summary, not the whole paragraph).
MAX_LEAD_WORDS = 60


def find_deck(
    blocks: Sequence[Block],
    anchor: int,
    kept: Sequence[int],
    claimable: Sequence[bool],
    claimed: set[int],
    headline_index: int | None,
    topic_words: frozenset[str] = frozenset(),
) -> int | None:
    """The index of the deck below the headline, or None when the page prints none.

    With ``topic_words`` (the content words of the headline and lead), a deck must share one
    of them: a summary talks about the story, interface lines ("Continue reading ... Share
    this page") and review notes do not."""
    if headline_index is None:
        return None
    seen = 0
    for index in range(headline_index + 1, min(len(blocks), anchor + 1)):
        if index in claimed or not claimable[index]:
            continue
        seen += 1
        if seen > DECK_REACH:
            return None
        text = blocks[index].text
        on_topic = not topic_words or not topic_words.isdisjoint(content_words(text))
        if (
            is_deck_shaped(text)
            and on_topic
            and not _credit_follows(blocks, index)
            and (index < anchor or _head_line_follows(blocks, index))
        ):
            return index
    return None


def _credit_follows(blocks: Sequence[Block], index: int) -> bool:
    """The next line (past copies of this one, as galleries print them, whole or cut short) is a
    picture credit alone ("Photo: Jo Bloggs, AP"): the line is a caption."""
    opening = fingerprint(blocks[index].text).split()[:COPY_OPENING_WORDS]
    following = index + 1
    while following < len(blocks) and fingerprint(blocks[following].text).split()[:COPY_OPENING_WORDS] == opening:
        following += 1
    if following >= len(blocks):
        return False
    credit = split_credit(blocks[following].text)
    return credit is not None and not credit[0]


def is_deck_shaped(text: str) -> bool:
    """A sentence or two of summary: not a byline, date, caption or interface line, nor the
    article's first paragraph (which opens with a dateline)."""
    words = word_count(text)
    return (
        MIN_DECK_WORDS <= words <= MAX_DECK_WORDS
        and not text.rstrip().endswith((":", ","))
        and parse_byline(text) is None
        and split_credit(text) is None
        and split_dateline(text) is None
        and not (words <= 12 and find_date(text))
        and not vocabulary.COOKIE_NOTICE.search(text)
        and not vocabulary.NEWSLETTER.search(text)
        and not vocabulary.ADVERTISEMENT.match(text)
        and not _opens_with_interface_label(text)
        and not _capitalised_list(text)
    )


# A summary is written in sentences: on dev, no gold standfirst capitalises more than 0.56 of its
# words. A line of six or more words that capitalises this share of them and has no function
# word at all is a keyword, tag or name list; a second headline in Title Case keeps its "To"
# and "In" and may still be the deck.
MAX_DECK_CAPITALISED_SHARE = 0.8
MIN_LISTED_KEYWORDS = 6
_FUNCTION_WORDS = frozenset().union(*STOPWORDS.values())


def _capitalised_list(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= MIN_LISTED_KEYWORDS
        and sum(word[0].isupper() for word in words) >= MAX_DECK_CAPITALISED_SHARE * len(words)
        and _FUNCTION_WORDS.isdisjoint(word.lower() for word in words)
    )


# An interface label of this many words or more at the start of a line: labels run together
# ("Continue reading the main story Share This Page"), not a summary. Shorter openings are
# words a sentence can start with ("Share prices fell ...").
MIN_LABEL_OPENING_WORDS = 3


def _opens_with_interface_label(text: str) -> bool:
    words = text.split()[: vocabulary.MAX_LABEL_WORDS]
    return any(vocabulary.wording_kind(" ".join(words[:count])) for count in range(MIN_LABEL_OPENING_WORDS, len(words)))


def _head_line_follows(blocks: Sequence[Block], index: int) -> bool:
    for after in range(index + 1, min(len(blocks), index + 1 + HEAD_LINE_REACH)):
        text = blocks[after].text
        if blocks[after].words <= 20 and (parse_byline(text) or find_date(text)):
            return True
    return False


def lead_excerpt(body: Sequence[str]) -> str | None:
    """The first body paragraph of some length, cut after the sentence that passes
    ``MAX_LEAD_WORDS`` words; None for a body without one."""
    for paragraph in body:
        if word_count(paragraph) >= MIN_LEAD_WORDS and ends_like_sentence(paragraph):
            return _first_sentences(paragraph)
    return None


def _first_sentences(paragraph: str) -> str:
    if word_count(paragraph) <= MAX_LEAD_WORDS:
        return paragraph
    total = 0
    pieces = paragraph.split(" ")
    for position, piece in enumerate(pieces):
        total += word_count(piece)
        if total >= MAX_LEAD_WORDS and piece.endswith((".", "!", "?", "。", "！", "？")):
            return " ".join(pieces[: position + 1])
    return paragraph
