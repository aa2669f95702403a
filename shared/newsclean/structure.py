"""From labelled blocks to an article: headline, standfirst, byline, date, images, body.

Structuring claims blocks: a claimed block leaves the body (or the audit)
and becomes a field. Only blocks that no wording rule dropped can be claimed;
blocks the article-region rule dropped before the body are the page's head,
where headline, standfirst and byline stand in a text dump.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsclean.bylines import Byline, parse_byline, split_credit, split_dateline
from newsclean.dates import find_date
from newsclean.language import detect_language
from newsclean.model import Block, BlockKind, Image, ReasonCode
from newsclean.parsed import ParsedPage
from newsclean.rules.base import Verdict
from newsclean.text import ends_like_sentence, fingerprint, word_count

# How far before the body the head is searched, in blocks.
HEAD_WINDOW = 14
# How many kept blocks at the top of the body may still be head (standfirst, byline).
HEAD_INTO_BODY = 4
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 30
MAX_STANDFIRST_WORDS = 80
# A block that is mostly a date: "Published 5 March 2024, 10:32".
MAX_DATE_LINE_WORDS = 10
_CREDIT_LABEL = re.compile(r"^(?:credit|photo|image|foto|bild)s?\s*[.:…]*$", re.IGNORECASE)


@dataclass(slots=True)
class Structure:
    headline: str | None = None
    standfirst: str | None = None
    byline: Byline | None = None
    dateline: str | None = None
    published: str | None = None
    language: str | None = None
    body: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)


def structure_article(page: ParsedPage, verdicts: Sequence[Verdict | None]) -> Structure:
    blocks = page.blocks
    claimable = [verdict is None or verdict.reason is ReasonCode.OUTSIDE_ARTICLE for verdict in verdicts]
    kept = [index for index, verdict in enumerate(verdicts) if verdict is None]
    result = Structure()
    if not kept:
        return result
    _claim_images(blocks, verdicts, claimable, result)
    head = _head_indexes(blocks, claimable, kept, result.claimed)
    _claim_byline(blocks, head, result)
    _claim_published(blocks, head, page.metadata.published, result)
    _claim_headline_and_standfirst(page, head, kept, result)
    body_indexes = [index for index in kept if index not in result.claimed]
    body_indexes = _drop_head_left_in_body(blocks, body_indexes, result)
    result.body = [blocks[index].text for index in body_indexes]
    if result.body:
        dateline = split_dateline(result.body[0])
        if dateline:
            result.dateline, result.body[0] = dateline
    result.language = _language(page, result.body)
    return result


def _head_indexes(
    blocks: Sequence[Block], claimable: Sequence[bool], kept: Sequence[int], claimed: set[int]
) -> list[int]:
    """Candidate head blocks, in page order: before the body and the first few body blocks."""
    start = kept[0]
    before = [i for i in range(max(0, start - HEAD_WINDOW), start) if claimable[i] and i not in claimed]
    into_body = [i for i in kept[:HEAD_INTO_BODY] if i not in claimed]
    return before + into_body


def _claim_byline(blocks: Sequence[Block], head: list[int], result: Structure) -> None:
    for index in head:
        byline = parse_byline(blocks[index].text)
        if byline:
            result.byline = byline
            result.claimed.add(index)
            return


def _claim_published(blocks: Sequence[Block], head: list[int], declared: str | None, result: Structure) -> None:
    result.published = find_date(declared) if declared else None
    for index in head:
        text = blocks[index].text
        if word_count(text) > MAX_DATE_LINE_WORDS or index in result.claimed:
            continue
        date = find_date(text)
        if date:
            result.published = result.published or date
            result.claimed.add(index)
            return


def _claim_headline_and_standfirst(page: ParsedPage, head: list[int], kept: Sequence[int], result: Structure) -> None:
    blocks = page.blocks
    candidates = [index for index in head if index not in result.claimed]
    headline_index = _find_headline(blocks, candidates, page.metadata.title)
    if headline_index is not None:
        result.headline = blocks[headline_index].text
        result.claimed.add(headline_index)
    elif page.metadata.title:
        result.headline = page.metadata.title
    after = [index for index in candidates if headline_index is None or index > headline_index]
    standfirst_index = _find_standfirst(blocks, after, kept, result, page.metadata.description)
    if standfirst_index is not None:
        result.standfirst = blocks[standfirst_index].text
        result.claimed.add(standfirst_index)
    elif page.metadata.description:
        result.standfirst = page.metadata.description


def _find_headline(blocks: Sequence[Block], candidates: list[int], declared_title: str | None) -> int | None:
    if declared_title:
        title_key = fingerprint(declared_title)
        for index in candidates:
            key = fingerprint(blocks[index].text)
            if key and (key == title_key or (blocks[index].words >= MIN_HEADLINE_WORDS and key in title_key)):
                return index
    headings = [
        index
        for index in candidates
        if blocks[index].kind is BlockKind.HEADING and _headline_shaped(blocks[index].text)
    ]
    if headings:
        return min(headings, key=lambda index: (blocks[index].heading_level, index))
    # In a text dump the headline is the last title-shaped line before the standfirst and byline.
    for index in reversed(candidates):
        text = blocks[index].text
        if _headline_shaped(text) and not ends_like_sentence(text.rstrip("?!")):
            return index
    return None


def _headline_shaped(text: str) -> bool:
    words = word_count(text)
    return (
        MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS
        and not text.endswith((".", ":", ","))
        and split_credit(text) is None
        and find_date(text) is None
    )


def _find_standfirst(
    blocks: Sequence[Block], after: list[int], kept: Sequence[int], result: Structure, description: str | None
) -> int | None:
    if description:
        key = fingerprint(description)
        for index in after:
            if fingerprint(blocks[index].text) == key:
                return index
        return None
    body_start = kept[0]
    byline_index = min(result.claimed, default=-1) if result.byline else -1
    for index in after:
        text = blocks[index].text
        inside_body = index >= body_start
        # A standfirst inside the kept run only counts when a byline follows it.
        if inside_body and not (result.byline and index < _byline_index(result, blocks)):
            continue
        if 6 <= word_count(text) <= MAX_STANDFIRST_WORDS and ends_like_sentence(text):
            return index
    del byline_index
    return None


def _byline_index(result: Structure, blocks: Sequence[Block]) -> int:
    for index in sorted(result.claimed):
        if result.byline and blocks[index].text == result.byline.printed:
            return index
    return -1


def _drop_head_left_in_body(blocks: Sequence[Block], body: list[int], result: Structure) -> list[int]:
    """Body blocks above the byline are head material the structuring did not name; keep them in
    the body only when no byline separates them."""
    byline_at = _byline_index(result, blocks)
    if byline_at < 0:
        return body
    return [index for index in body if index > byline_at] or body


def _claim_images(
    blocks: Sequence[Block], verdicts: Sequence[Verdict | None], claimable: Sequence[bool], result: Structure
) -> None:
    """Captions inside the article, or in the head just above it, become images."""
    kept = [index for index, verdict in enumerate(verdicts) if verdict is None]
    first, last = max(0, kept[0] - HEAD_WINDOW), kept[-1]
    seen: set[str] = set()
    for index in range(first, last + 1):
        if not claimable[index]:
            continue
        image = _image_of(blocks, verdicts, index)
        if image is None:
            continue
        key = fingerprint(image.caption or "") + "|" + fingerprint(image.credit or "")
        result.claimed.add(index)
        if image.credit and index + 2 < len(blocks) and _CREDIT_LABEL.match(blocks[index + 1].text):
            result.claimed.add(index + 2)
        if key not in seen:
            seen.add(key)
            result.images.append(image)


def _image_of(blocks: Sequence[Block], verdicts: Sequence[Verdict | None], index: int) -> Image | None:
    block = blocks[index]
    if block.kind is BlockKind.CAPTION:
        split = split_credit(block.text)
        return Image(caption=split[0], credit=split[1]) if split else Image(caption=block.text, credit=None)
    split = split_credit(block.text)
    if split and not _is_body_sentence(split[0], block):
        return Image(caption=split[0] or None, credit=split[1])
    # "<caption>" / "Credit..." / "<credit>": a lightbox credit printed on its own lines.
    if index + 2 < len(blocks) and _CREDIT_LABEL.match(blocks[index + 1].text) and blocks[index + 2].words <= 10:
        return Image(caption=block.text, credit=blocks[index + 2].text)
    return None


def _is_body_sentence(caption: str, block: Block) -> bool:
    """A long paragraph ending in a parenthesis is prose, not a caption."""
    return word_count(caption) > 60


def _language(page: ParsedPage, body: Sequence[str]) -> str | None:
    declared = page.metadata.language
    if declared:
        return declared.split("-")[0].split("_")[0].lower() or None
    return detect_language(" ".join(body[:20]))
