"""The cleaner: decode, split into blocks, label each block, structure what is kept.

``DEFAULT_RULES`` is the explicit, ordered list of rules; the first rule that
applies to a block labels it dropped. ``CONTEXT_RULES`` run second, on a page
that knows where the article is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsclean.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.content.blocks import text_blocks
from newsclean.content.features import Evidence, PageView
from newsclean.content.rules.base import Page, Rule, Verdict
from newsclean.content.rules.chrome import (
    AdvertisementLabel,
    AlphabeticalWordList,
    ChromeClass,
    CommentsLabel,
    ConsentCheckbox,
    ContactLine,
    CookieNotice,
    EmptyBlock,
    FooterLink,
    FormText,
    HiddenElement,
    InlineMenu,
    InlineTeaser,
    LinkedCapitals,
    MetadataLine,
    NavigationLabel,
    NewsletterPromo,
    RelatedLinksLabel,
    SemanticChrome,
    ShareBar,
    WeatherOrTickerWidget,
)
from newsclean.content.rules.region import AuthorBio, LowContentScore
from newsclean.content.rules.repetition import CaptionControl, RepeatedBlock, RepeatedOutsideArticle
from newsclean.content.rules.threads import CommentThread, comment_thread_start, signed_thread_start
from newsclean.content.scoring import HTML_MODEL_RESOURCE, ContentModel, article_text_labels, bundled_model
from newsclean.decode.input import DecodedInput, decode_input
from newsclean.fields.structure import structure_article
from newsclean.fields.typed import typed_body
from newsclean.html.dom import DomSkeleton, DomView
from newsclean.memory import release_freed_memory
from newsclean.model import Article, Block, RejectedInput, RejectReason, RemovedBlock, SourceInfo
from newsclean.parsed import PageMetadata, ParsedPage

DEFAULT_RULES: tuple[Rule, ...] = (
    EmptyBlock(),
    HiddenElement(),
    SemanticChrome(),
    WeatherOrTickerWidget(),
    CaptionControl(),
    RepeatedBlock(),
    FormText(),
    ConsentCheckbox(),
    CookieNotice(),
    NavigationLabel(),
    AlphabeticalWordList(),
    ShareBar(),
    InlineTeaser(),
    MetadataLine(),
)
# Weak rules: their words and class names are evidence, not a verdict. What they match is scored
# with the rest, with a feature saying so (``features.Evidence``); the blocks the content score
# then rejects are dropped under the weak rule's name and reason. Each of these, as a veto, dropped
# more than 1% gold body text on some dev source (``benchmarks/quality.py --rule-audit``).
WEAK_RULES: tuple[Rule, ...] = (
    ChromeClass(),
    NewsletterPromo(),
    InlineMenu(),
    FooterLink(),
    AdvertisementLabel(),
    RelatedLinksLabel(),
    LinkedCapitals(),
    CommentsLabel(),
    ContactLine(),
)
CONTEXT_RULES: tuple[Rule, ...] = (CommentThread(), AuthorBio(), LowContentScore())
# HTML: the same rules, except that repeats are judged once the article is known.
HTML_RULES: tuple[Rule, ...] = tuple(rule for rule in DEFAULT_RULES if not isinstance(rule, RepeatedBlock))
HTML_CONTEXT_RULES: tuple[Rule, ...] = (CommentThread(), RepeatedOutsideArticle(), AuthorBio(), LowContentScore())
# HTML, when the class names left no article: they are the weakest evidence of the rules.
WEAK_RULES_WITHOUT_CLASS_NAMES: tuple[Rule, ...] = tuple(
    rule for rule in WEAK_RULES if not isinstance(rule, ChromeClass)
)
# Markup from which on the parser's freed tree is handed back to the system: below it the tree is
# a few MB, which the next pages' trees reuse.
RELEASE_AFTER_PARSING_BYTES = 1 << 20


def clean(
    data: bytes, *, name: str = "", content_type: str | None = None, config: CleanerConfig = DEFAULT_CONFIG
) -> Article:
    """Turn one raw page into an article, or raise ``RejectedInput`` saying why it cannot be one."""
    page, input_format, charset = read_page(data, name=name, content_type=content_type, config=config)
    verdicts = label_blocks(
        page.blocks,
        model=config.html_content_model if page.skeleton else config.content_model,
        skeleton=page.skeleton,
    )
    found = structure_article(page, verdicts)
    if not found.body and page.skeleton is not None and any(v and v.rule == ChromeClass.name for v in verdicts):
        # A furniture word on an ancestor of the whole article ("social-share-wrapper") dropped all of
        # it: the page is labelled again without class names, which the content score then weighs.
        verdicts = label_blocks(
            page.blocks,
            weak_rules=WEAK_RULES_WITHOUT_CLASS_NAMES,
            model=config.html_content_model,
            skeleton=page.skeleton,
        )
        found = structure_article(page, verdicts)
    if not found.body:
        raise RejectedInput(RejectReason.NO_ARTICLE, "no block of the page reads as article text")
    byline = found.byline
    return Article(
        headline=found.headline,
        standfirst=found.standfirst,
        byline=byline.printed if byline else page.metadata.author,
        authors=byline.authors if byline else (),
        agency=byline.agency if byline else None,
        dateline=found.dateline,
        published=found.published,
        language=found.language,
        body=tuple(found.body),
        images=tuple(found.images),
        removed=removed_entries(page.blocks, verdicts, found.claimed),
        source=SourceInfo(format=input_format, charset=charset, size=len(data), name=name, url=page.metadata.url),
        blocks=typed_body(page.blocks, found.body_indexes, found.body, page.skeleton),
    )


def read_page(
    data: bytes, *, name: str, content_type: str | None, config: CleanerConfig
) -> tuple[ParsedPage, str, str]:
    """The parsed page, and the input's format and charset.

    The decoded text is let go as soon as the page no longer needs it: HTML goes to the parser
    as the UTF-8 the parser would make of the text itself, so the str (4 bytes a character once
    one emoji is in it: 37 MB for a 10 MB page) is freed before the parser builds its tree; and
    the memory of a big page's tree goes back to the system once the blocks are read from it."""
    decoded = decode_input(data, name=name, content_type=content_type, config=config)
    input_format, charset = decoded.format, decoded.charset
    if decoded.markup == "text":
        return parse(decoded), input_format, charset
    from newsclean.html.blocks import parse_html  # text dumps, the most common input, never load the HTML parser

    metadata = PageMetadata.from_record(decoded.record)
    markup = decoded.text.encode("utf-8", "ignore")  # as selectolax encodes a str it is given
    del decoded
    page = parse_html(markup, metadata)
    if len(markup) >= RELEASE_AFTER_PARSING_BYTES:
        release_freed_memory()  # the parser's tree, freed by now
    return page, input_format, charset


def parse(decoded: DecodedInput) -> ParsedPage:
    metadata = PageMetadata.from_record(decoded.record)
    if decoded.markup == "html":
        from newsclean.html.blocks import parse_html

        return parse_html(decoded.text, metadata)
    return ParsedPage(blocks=text_blocks(decoded.text), metadata=metadata)


def rules_for(skeleton: DomSkeleton | None) -> tuple[Sequence[Rule], Sequence[Rule]]:
    """The wording rules and the context rules for a text dump (no skeleton) or an HTML page."""
    return (DEFAULT_RULES, CONTEXT_RULES) if skeleton is None else (HTML_RULES, HTML_CONTEXT_RULES)


def label_blocks(
    blocks: tuple[Block, ...],
    rules: Sequence[Rule] | None = None,
    context_rules: Sequence[Rule] | None = None,
    model: ContentModel | None = None,
    skeleton: DomSkeleton | None = None,
    weak_rules: Sequence[Rule] = WEAK_RULES,
) -> list[Verdict | None]:
    """One verdict per block: ``None`` keeps it, a ``Verdict`` names the rule that dropped it.

    The wording rules go first, one block at a time, and the weak rules flag what they match;
    then the page learns where its article is (the content score of every block still kept,
    flags included; HTML pages add what their element tree says) and the context rules use
    that. A flagged block the score rejects goes under its weak rule's name. Rules default to
    ``rules_for(skeleton)``."""
    default_rules, default_context_rules = rules_for(skeleton)
    rules = default_rules if rules is None else rules
    context_rules = default_context_rules if context_rules is None else context_rules
    first = first_pass(blocks, rules, weak_rules)
    page, verdicts = first.page, first.verdicts
    kept = [verdict is None for verdict in verdicts]
    view = PageView.of(blocks, kept, page.fingerprints, first.flagged)
    labels = _article_text(view, skeleton, model)
    thread = comment_thread_start(blocks, page.wording, labels, view.article_span[0], view.prose)
    if thread is None:
        # A short post under a long thread: the thread took the content score. Without it, the
        # page is scored again for the post.
        thread = signed_thread_start(blocks, page.wording, kept, view.prose)
        if thread is not None:
            above = [keep and index < thread for index, keep in enumerate(kept)]
            labels = _article_text(PageView.of(blocks, above, page.fingerprints, first.flagged), skeleton, model)
    verdicts = _lead_copies_kept(blocks, verdicts, labels, kept, view.prose, page)
    labels = [
        label or (verdict is None and not keep) for label, verdict, keep in zip(labels, verdicts, kept, strict=True)
    ]
    page = replace(page, article_text=tuple(labels), comment_thread_start=thread)
    return [
        verdict or _in_context(block, page, context_rules, weak)
        for block, verdict, weak in zip(blocks, verdicts, first.weak, strict=True)
    ]


def _lead_copies_kept(
    blocks: Sequence[Block],
    verdicts: list[Verdict | None],
    labels: Sequence[bool],
    kept: Sequence[bool],
    prose: Sequence[bool],
    page: Page,
) -> list[Verdict | None]:
    """A repeat whose first copy is not article text, right above article text, is the article's
    own paragraph (a lead printed first as a teaser at the top of the page): it stays, as the
    only copy in the article."""
    restored = list(verdicts)
    next_kept: int | None = None
    for index in range(len(blocks) - 1, -1, -1):
        verdict = verdicts[index]
        if (
            verdict is not None
            and verdict.rule == RepeatedBlock.name
            and prose[index]
            and next_kept is not None
            and labels[next_kept]
            and not labels[page.first_seen[page.fingerprints[index]]]
        ):
            restored[index] = None
        if kept[index]:
            next_kept = index
    return restored


def _in_context(block: Block, page: Page, context_rules: Sequence[Rule], weak: Verdict | None) -> Verdict | None:
    """The context rules' verdict on a block no wording rule dropped; where the content score
    rejects a block a weak rule flagged, the weak rule is what named it."""
    verdict = _first_match(block, page, context_rules)
    if verdict is not None and weak is not None and verdict.rule == LowContentScore.name:
        return weak
    return verdict


def _article_text(view: PageView, skeleton: DomSkeleton | None, model: ContentModel | None) -> list[bool]:
    """``article_text_labels`` with the model for the kind of page (HTML pages add the DOM's view)."""
    if skeleton is None:
        return article_text_labels(view, model or bundled_model())
    dom = DomView.of(skeleton, view.blocks, view.kept_indexes)
    return article_text_labels(view, model or bundled_model(HTML_MODEL_RESOURCE), dom)


@dataclass(frozen=True, slots=True)
class FirstPass:
    """The wording rules' view of a page, before anything is known about the article."""

    page: Page
    verdicts: list[Verdict | None]  # what the wording rules dropped
    weak: list[Verdict | None]  # the first weak rule that flagged each block they kept
    flagged: list[Evidence]  # what all the weak rules that flagged it saw, as the content score reads it


def first_pass(
    blocks: tuple[Block, ...], rules: Sequence[Rule] = DEFAULT_RULES, weak_rules: Sequence[Rule] = WEAK_RULES
) -> FirstPass:
    page = Page.of(blocks)
    verdicts = [_first_match(block, page, rules) for block in blocks]
    weak: list[Verdict | None] = []
    flagged: list[Evidence] = []
    # Each kind of evidence is asked of its first rule only: the rest would add nothing to it.
    by_kind = [
        [rule for rule in weak_rules if _evidence(rule) is kind] for kind in (Evidence.CLASS_NAME, Evidence.WORDING)
    ]
    for block, verdict in zip(blocks, verdicts, strict=True):
        first = None
        evidence = Evidence.NONE
        if verdict is None:
            for rules_of_kind in by_kind:
                found = _first_rule(block, page, rules_of_kind)
                if found is not None:
                    evidence |= _evidence(found)
                    if first is None or weak_rules.index(found) < weak_rules.index(first):
                        first = found
        weak.append(None if first is None else Verdict(first.name, first.reason))
        flagged.append(evidence)
    return FirstPass(page, verdicts, weak, flagged)


def _evidence(rule: Rule) -> Evidence:
    return Evidence.CLASS_NAME if isinstance(rule, ChromeClass) else Evidence.WORDING


def _first_rule(block: Block, page: Page, rules: Sequence[Rule]) -> Rule | None:
    return next((rule for rule in rules if rule.applies(block, page)), None)


def _first_match(block: Block, page: Page, rules: Sequence[Rule]) -> Verdict | None:
    for rule in rules:
        if rule.applies(block, page):
            return Verdict(rule.name, rule.reason)
    return None


def removed_entries(
    blocks: Sequence[Block], verdicts: Sequence[Verdict | None], claimed: set[int]
) -> tuple[RemovedBlock, ...]:
    return tuple(
        RemovedBlock(index=block.index, text=block.text, rule=verdict.rule, reason=verdict.reason)
        for block, verdict in zip(blocks, verdicts, strict=True)
        if verdict is not None and block.index not in claimed
    )
