"""From labelled blocks to an article: headline, standfirst, byline, date, images, body.

Structuring claims blocks: a claimed block leaves the body (or the audit)
and becomes a field. Only blocks that no wording rule dropped can be claimed
(plus repeats: a headline is often printed twice); blocks the article-region
rule dropped before the body are the page's head, where headline, standfirst
and byline stand in a text dump.

The order: images (captions) first, then the headline (``headline.py``), then
the byline and the date nearest below it, then the standfirst, then the
dateline off the first body paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

from newsclean.content.language import detect_language
from newsclean.content.region import is_prose_block
from newsclean.content.rules.base import Verdict
from newsclean.fields import headline as headlines
from newsclean.fields.bylines import (
    BARE_BY,
    Byline,
    is_role_line,
    parse_byline,
    parse_name_line,
    split_credit,
    split_dateline,
    stated_byline,
)
from newsclean.fields.dates import find_date, find_printed_date
from newsclean.fields.standfirst import find_deck, lead_excerpt
from newsclean.fields.titles import same_title, title_overlap, without_heading_marks
from newsclean.model import Block, BlockKind, Image, ReasonCode
from newsclean.parsed import ParsedPage
from newsclean.text import ends_like_sentence, fingerprint, word_count

# How far around the article's first paragraph the byline and date are searched, in blocks.
HEAD_WINDOW = 30
# How far before the body captions are looked for.
IMAGE_HEAD_WINDOW = 14
# How many kept blocks at the top of the body may still be head (standfirst, byline).
HEAD_INTO_BODY = 4
# A block that is mostly a date: "Published 5 March 2024, 10:32".
MAX_DATE_LINE_WORDS = 12
# ... or a line that opens with its date, within this many characters, and is not much longer.
DATE_OPENING_CHARS, MAX_OPENING_DATE_LINE_WORDS = 40, 24
# How far under the headline a dropped date line is still read as the article's date, in blocks.
DATE_REACH = 8
# A name printed alone counts as a byline only this close below the headline.
NAME_LINE_REACH = 3
# ... with no more than a deck between them.
MAX_PROSE_ABOVE_NAME_LINE = 1
# Verdicts whose blocks structuring may still claim: the article-region rule's, and repeats
# (pages print the headline twice: breadcrumb and title, or title and share text).
CLAIMABLE_REASONS = frozenset({ReasonCode.OUTSIDE_ARTICLE, ReasonCode.DUPLICATE})
# A figure's caption is found in the blocks when a run of them prints this share of it.
MIN_FIGURE_COVER = 0.6
# A caption block shorter than this must equal a figure's caption to take its picture.
MIN_CAPTION_MATCH_CHARS = 20
# A stated title sharing fewer words than this with the ``<title>`` (Dice) may be stale, when
# the page prints the ``<title>``'s headline instead: "Latest news and headlines" on a story page.
MIN_STATED_TITLE_OVERLAP = 0.2
# "10:00AM", "9/11/13", "11.03.17": a date line that ``date_line`` cannot read, as it will not
# guess which number is the day.
_CLOCK_OR_NUMERIC_DATE = re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
# "Source: Press Association" alone names where the story comes from, not a picture's credit.
_SOURCE_LINE = re.compile(r"^sources?\s*[:：]", re.IGNORECASE)
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
    body_indexes: list[int] = field(default_factory=list)  # the block each body text comes from
    images: list[Image] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)
    headline_index: int | None = None
    headline_end: int | None = None  # the last of the headline's printed copies (itself or one just below)
    byline_index: int | None = None
    byline_by_name: bool = False  # the byline is a name printed alone, not a "By" line
    standfirst_index: int | None = None  # the block claimed as the standfirst, if one was


@dataclass(frozen=True, slots=True)
class Head:
    """The page around the article's start, as structuring sees it."""

    page: headlines.HeadPage
    claimable: Sequence[bool]
    kept: Sequence[int]


def structure_article(page: ParsedPage, verdicts: Sequence[Verdict | None]) -> Structure:
    blocks = page.blocks
    result = Structure()
    head = head_of(page, verdicts)
    if head is None:
        return result
    _claim_images(page, verdicts, result)
    result.images = _with_addresses(result.images, page)
    _claim_headline(page, head, result)
    window = _head_indexes(head, result.claimed)
    _claim_byline(head.page, window, result)
    if result.byline is None and page.metadata.author:
        result.byline = stated_byline(page.metadata.author, page.metadata.authors)
    _claim_published(head.page, window, page.metadata.published, result)
    result.published = result.published or page.metadata.page_date
    if page.metadata.published is None:
        result.published = dated_by_address(result.published, page.metadata.address_date)
    _claim_standfirst(page, head, result)
    body_indexes = [index for index in head.kept if index not in result.claimed]
    body_indexes = _drop_head_left_in_body(body_indexes, result)
    if result.standfirst_index is not None and blocks[result.standfirst_index].words > sum(
        blocks[index].words for index in body_indexes
    ):
        # A short post: what read as its deck says more than all the rest ("Click here for the
        # recipe."), so it is the post's paragraph, not a deck above one.
        result.claimed.discard(result.standfirst_index)
        body_indexes = sorted([*body_indexes, result.standfirst_index])
        result.standfirst = page.metadata.description
    result.body = [blocks[index].text for index in body_indexes]
    result.body_indexes = list(body_indexes)
    if result.body:
        dateline = split_dateline(result.body[0])
        if dateline:
            result.dateline, result.body[0] = dateline
    if result.standfirst is None and not page.metadata.description:
        result.standfirst = lead_excerpt(result.body)
    result.language = _language(page, result.body)
    return result


def head_of(page: ParsedPage, verdicts: Sequence[Verdict | None]) -> Head | None:
    """Where the article starts and which blocks around it may become fields; None without a body."""
    kept = [index for index, verdict in enumerate(verdicts) if verdict is None]
    if not kept:
        return None
    claimable = [verdict is None or verdict.reason in CLAIMABLE_REASONS for verdict in verdicts]
    anchor = headlines.first_prose(page.blocks, kept)
    head_page = headlines.head_page(page.blocks, kept, anchor, page.metadata.title or page.metadata.document_title)
    return Head(page=head_page, claimable=claimable, kept=kept)


def _head_indexes(head: Head, claimed: set[int]) -> list[int]:
    """Candidate head blocks in page order: before the first paragraph and the first few kept blocks."""
    anchor = head.page.anchor
    before = [i for i in range(max(0, anchor - HEAD_WINDOW), anchor) if head.claimable[i] and i not in claimed]
    into_body = [i for i in head.kept if i >= anchor][:HEAD_INTO_BODY]
    # And what was dropped between the first paragraph and the next kept block: a byline under
    # the lead sentence that the content score rated low. (Not further: a signature after the
    # article's last paragraph is no head.)
    dropped = range(anchor + 1, into_body[1]) if len(into_body) > 1 else range(0)
    after = sorted({*into_body, *(i for i in dropped if head.claimable[i])})
    return before + [i for i in after if i not in claimed]


def _claim_headline(page: ParsedPage, head: Head, result: Structure) -> None:
    """The printed headline: the block above the article that prints the title the page's metadata
    states, else the best-scoring block. Where the stated title
    and the printed one differ, the stated title (the publisher's own statement; the ``<title>``
    element is only a hint)."""
    index = headlines.find_headline(head.page, head.claimable, result.claimed)
    stated = _trusted_title(page, head, result.claimed)
    printed = _printed_title(page.blocks, head, stated, result.claimed) if stated else None
    index = index if printed is None else printed
    if index is not None:
        result.headline = without_heading_marks(page.blocks[index].text)
        result.headline_index = result.headline_end = index
        result.claimed.add(index)
        _claim_repeats_of_headline(page.blocks, head, index, result)
    if stated and not (index is not None and same_title(page.blocks[index].text, stated)):
        result.headline = stated
    elif index is None:
        result.headline = page.metadata.document_title


def _trusted_title(page: ParsedPage, head: Head, claimed: set[int]) -> str | None:
    """The stated title, unless it is stale: it shares almost no words with the page's ``<title>``
    while the page prints the ``<title>``'s headline (an article page left with the tags of the
    home page it was made from). Then nothing is trusted as stated; the ``<title>`` hints."""
    stated, hint = page.metadata.title, page.metadata.document_title
    if not (stated and hint) or title_overlap(stated, hint) >= MIN_STATED_TITLE_OVERLAP:
        return stated
    return None if _printed_title(page.blocks, head, hint, claimed) is not None else stated


def _printed_title(blocks: Sequence[Block], head: Head, stated: str, claimed: set[int]) -> int | None:
    """The block just above the article (nearest first) that prints the stated title."""
    anchor = head.page.anchor
    for index in range(anchor, max(-1, anchor - headlines.HEADLINE_WINDOW), -1):
        if head.claimable[index] and index not in claimed and same_title(blocks[index].text, stated):
            return index
    return None


def _claim_repeats_of_headline(blocks: Sequence[Block], head: Head, index: int, result: Structure) -> None:
    """A copy of the headline right around it (title printed twice) is not body text either."""
    key = fingerprint(blocks[index].text)
    for near in range(max(0, index - 3), min(len(blocks), index + 4)):
        if near != index and head.claimable[near] and fingerprint(blocks[near].text) == key:
            result.claimed.add(near)
            result.headline_end = max(near, index)


def _claim_byline(head: headlines.HeadPage, window: list[int], result: Structure) -> None:
    """The byline nearest below the headline (or the first in reach when there is no headline);
    a name printed alone counts just below the headline (its last copy, when it is printed twice)."""
    after = result.headline_index if result.headline_index is not None else -1
    below = result.headline_end if result.headline_end is not None else -1
    ordered = [i for i in window if i > after] + [i for i in window if i <= after]
    for index in ordered:
        if index in result.claimed:
            continue
        byline = head.byline_of(index)
        if byline is None and _is_bare_by(head.blocks, index):
            # "By" on a line of its own, a name on the next: one byline over two lines.
            byline = parse_byline(f"{head.blocks[index].text} {head.blocks[index + 1].text}")
            if byline:
                result.claimed.add(index + 1)
        if byline is None and (
            _name_line_in_reach(head.blocks, below, index) or _dated_name_line(head.blocks, after, head.anchor, index)
        ):
            byline = parse_name_line(head.blocks[index].text)
            result.byline_by_name = byline is not None
        if byline:
            result.byline = byline
            result.byline_index = index
            result.claimed.add(index)
            return


def _is_bare_by(blocks: Sequence[Block], index: int) -> bool:
    """A line that is only "By" (or its like) over a line that is only a person's name."""
    if BARE_BY.fullmatch(blocks[index].text.strip()) is None or index + 1 >= len(blocks):
        return False
    return parse_name_line(blocks[index + 1].text) is not None


def _name_line_in_reach(blocks: Sequence[Block], headline_index: int, index: int) -> bool:
    """Just below the headline, with at most a deck between: a short line after the article's
    first paragraphs is a subheading, however much it looks like a name."""
    if not 0 <= headline_index < index <= headline_index + NAME_LINE_REACH:
        return False
    between = range(headline_index + 1, index)
    return sum(is_prose_block(blocks[other]) for other in between) <= MAX_PROSE_ABOVE_NAME_LINE


def _dated_name_line(blocks: Sequence[Block], headline_index: int, anchor: int, index: int) -> bool:
    """Between the headline and the article's first paragraph, with a date or a time of day
    printed on the next line, or the author's role: "Ida Brook" over "9/11/13 10:00AM" or over
    "Harbour Post Reporter" is the author's line of a post, however far the page put it from the
    headline."""
    if not headline_index < index < anchor or index + 1 >= len(blocks):
        return False
    following = blocks[index + 1].text
    return word_count(following) <= MAX_DATE_LINE_WORDS and bool(
        date_line(following) or _CLOCK_OR_NUMERIC_DATE.search(following) or is_role_line(following)
    )


def _claim_published(head: headlines.HeadPage, window: list[int], declared: str | None, result: Structure) -> None:
    """The page's stated date, else the first date line in reach (a byline line may carry it),
    else a date line printed just under the headline that the content score dropped (read, not
    claimed: it stays in the audit)."""
    blocks = head.blocks
    result.published = find_date(declared) if declared else None
    if result.byline_index is not None and result.published is None:
        result.published = find_printed_date(blocks[result.byline_index].text)
    for index in window:
        date = None if index in result.claimed else date_line(blocks[index].text)
        if date:
            result.published = result.published or date
            result.claimed.add(index)
            return
    if result.published is None and result.headline_index is not None:
        below = range(result.headline_index + 1, min(len(blocks), result.headline_index + 1 + DATE_REACH))
        result.published = next((date for index in below if (date := date_line(blocks[index].text))), None)


def dated_by_address(printed: str | None, address_day: str | None) -> str | None:
    """A date the page prints (not states) checked against the day its own address gives.

    Most publishing systems put the publication day in the article's path, so it outranks a
    printed date of another day (an archive's header, a "today" line, a comment's date); a
    printed date of that same day stays, for the time it may add.
    """
    if address_day is None or (printed is not None and printed[:10] == address_day):
        return printed
    return address_day


def date_line(text: str) -> str | None:
    """The date of a line that is mostly a date ("Published 5 March 2024, 10:32"), or that opens
    with one before a few words of interface ("5 March 2024 - 10:32 | Share | Print"; not a
    sentence: "March 5, 2024 -- The council voted..." is a paragraph); else None."""
    words = word_count(text)
    if words <= MAX_DATE_LINE_WORDS:
        return find_printed_date(text)
    if words > MAX_OPENING_DATE_LINE_WORDS or ends_like_sentence(text):
        return None
    return find_printed_date(text[:DATE_OPENING_CHARS])


def _claim_standfirst(page: ParsedPage, head: Head, result: Structure) -> None:
    """The deck printed under the headline; else the page's stated description."""
    description = page.metadata.description
    topic = head.page.lead_words
    if result.headline_index is not None:
        topic = topic | head.page.content_words_of(result.headline_index)
    index = find_deck(
        page.blocks, head.page.anchor, head.kept, head.claimable, result.claimed, result.headline_index, topic
    )
    if description:
        key = fingerprint(description)
        matching = [i for i in _head_indexes(head, result.claimed) if fingerprint(page.blocks[i].text) == key]
        index = matching[0] if matching else None
    if index is not None:
        result.standfirst = page.blocks[index].text
        # A description that repeats the article's first paragraph is a summary of the body, not
        # a deck above it: the paragraph stays in the body.
        if not (description and index >= head.page.anchor):
            result.claimed.add(index)
            result.standfirst_index = index
    elif description:
        result.standfirst = description


def _drop_head_left_in_body(body: list[int], result: Structure) -> list[int]:
    """Body blocks above the byline are head material the structuring did not name; keep them in
    the body only when no byline separates them. A name printed alone is weaker evidence (it
    may be a picture's subject under the first paragraph): it takes nothing above it along."""
    if result.byline_index is None or result.byline_by_name:
        return body
    return [index for index in body if index > result.byline_index] or body


def _claim_images(page: ParsedPage, verdicts: Sequence[Verdict | None], result: Structure) -> None:
    """Captions inside the article, or in the head just above it, become images (gallery repeats
    stay in the audit as duplicates). In HTML a ``<figure>``'s caption blocks make one image with
    the figure's caption, credit and picture."""
    blocks = page.blocks
    kept = [index for index, verdict in enumerate(verdicts) if verdict is None]
    span = range(max(0, kept[0] - IMAGE_HEAD_WINDOW), kept[-1] + 1)
    open_blocks = [_claimable_for_image(verdicts[index]) for index in span]
    figures = _figure_runs(page, span, open_blocks)
    seen: set[str] = set()
    for index in span:
        if index in result.claimed or not open_blocks[index - span.start]:
            continue
        figure = figures.get(index)
        image = figure[0] if figure else _image_of(blocks, verdicts, index)
        if image is None:
            continue
        result.claimed.update(figure[1] if figure else _caption_parts(blocks, image, index))
        key = image.url or _caption_key(image)
        if key not in seen:
            seen.add(key)
            result.images.append(image)


def _caption_parts(blocks: Sequence[Block], image: Image, index: int) -> list[int]:
    """The caption block, and a credit printed on its own lines after a "Credit" label."""
    if image.credit and index + 2 < len(blocks) and _CREDIT_LABEL.match(blocks[index + 1].text):
        return [index, index + 2]
    return [index]


def _figure_runs(page: ParsedPage, span: range, open_blocks: Sequence[bool]) -> dict[int, tuple[Image, list[int]]]:
    """For each captioned ``<figure>``, the first run of open blocks that prints its caption (each
    block part of it, together most of it), keyed by the run's first block."""
    runs: dict[int, tuple[Image, list[int]]] = {}
    taken: set[int] = set()
    for figure in page.metadata.images:
        key = f" {_caption_key(figure)} "
        run = _caption_run(page.blocks, span, open_blocks, key, taken)
        if run:
            url = urljoin(page.metadata.url, figure.url) if page.metadata.url and figure.url else figure.url
            runs[run[0]] = (Image(caption=figure.caption, credit=figure.credit, url=url), run)
            taken.update(run)
    return runs


def _caption_run(
    blocks: Sequence[Block], span: range, open_blocks: Sequence[bool], key: str, taken: set[int]
) -> list[int] | None:
    run: list[int] = []
    for index in span:
        part = f" {fingerprint(blocks[index].text)} "
        if open_blocks[index - span.start] and index not in taken and part.strip() and part in key:
            run.append(index)
            continue
        if _covers(blocks, run, key):
            return run
        run = []
    return run if _covers(blocks, run, key) else None


def _covers(blocks: Sequence[Block], run: list[int], key: str) -> bool:
    covered = sum(len(fingerprint(blocks[index].text)) + 1 for index in run)
    return bool(run) and covered >= MIN_FIGURE_COVER * (len(key) - 1)


def _claimable_for_image(verdict: Verdict | None) -> bool:
    return verdict is None or verdict.reason is ReasonCode.OUTSIDE_ARTICLE


def _with_addresses(images: list[Image], page: ParsedPage) -> list[Image]:
    """Each claimed caption with the picture its ``<figure>`` shows, once per picture."""
    figures = [(_caption_key(figure), figure) for figure in page.metadata.images if figure.url]
    found: list[Image] = []
    addresses: set[str] = set()
    for image in images:
        key = _caption_key(image)
        figure = next((figure for figure_key, figure in figures if key and _same_caption(key, figure_key)), None)
        if figure is None or figure.url is None:
            found.append(image)
            continue
        url = urljoin(page.metadata.url, figure.url) if page.metadata.url else figure.url
        if url not in addresses:
            addresses.add(url)
            # The figure's markup separates the credit where the printed text may not.
            source = figure if figure.credit else image
            found.append(Image(caption=source.caption, credit=source.credit, url=url))
    return found


def _caption_key(image: Image) -> str:
    return fingerprint(" ".join(text for text in (image.caption, image.credit) if text))


def _same_caption(key: str, other: str) -> bool:
    """The same caption, or one printed in part (a figure's caption split over several blocks)."""
    shorter, longer = sorted((key, other), key=len)
    return shorter == longer or (len(shorter) >= MIN_CAPTION_MATCH_CHARS and shorter in longer)


def _image_of(blocks: Sequence[Block], verdicts: Sequence[Verdict | None], index: int) -> Image | None:
    block = blocks[index]
    if block.kind is BlockKind.CAPTION:
        split = split_credit(block.text)
        return Image(caption=split[0], credit=split[1]) if split else Image(caption=block.text, credit=None)
    split = split_credit(block.text)
    if split and not _is_body_sentence(split[0], block) and (split[0] or not _SOURCE_LINE.match(block.text)):
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
