"""Rules for page chrome that is recognisable from one block's own wording."""

from __future__ import annotations

import itertools
import re
from typing import ClassVar

from newsclean.content.rules import vocabulary
from newsclean.content.rules.base import Page
from newsclean.fields.bylines import parse_byline
from newsclean.model import Block, ReasonCode
from newsclean.text import CJK, word_count

# Short blocks only: a sentence of an article can mention "share" or "privacy".
MAX_CHROME_WORDS = vocabulary.MAX_LABEL_WORDS
# A teaser's headline is one line.
MAX_TEASER_WORDS = 25
# A sign-up pitch is a sentence or two.
MAX_PITCH_WORDS = 30
# Consent lines are full sentences, longer than a label.
MAX_CONSENT_WORDS = 30

# Blocks have their spaces collapsed already; tabs survive from table rows.
_MENU_SEPARATOR = re.compile(r"\s[|•·»/]\s|\t")
_MENU_SEPARATOR_CHARS = "|•·»/\t"
MIN_INLINE_MENU_ITEMS = 3
MAX_MENU_ITEM_WORDS = 4
_NO_WORDS = re.compile(r"^[\W_]*$")
# The wire services' section rule: underscores alone on a line.
_SECTION_RULE = re.compile(r"^_{3,}$")
_TEMPERATURE = re.compile(r"-?\d{1,3}(?:[.,]\d)?\s?°(?:\s?[CF]\b)?", re.IGNORECASE)
# "FTSE 100 7,512.3 +0.4%", "DOW ▲ 120.5": an index name, a level, a signed change.
_TICKER = re.compile(r"^[A-Z][A-Z0-9&. ]{1,20}?\s[▲▼]?\s?[\d,.]+\s?[+\-−▲▼]\s?[\d.,]+%?$")


class EmptyBlock:
    """Drops blocks with no letters or digits at all: separators, bullets, stray symbols. The
    wire services' section rule ("___" alone on its line) is the article's own text: it is left
    to the content score, which keeps it between paragraphs. Code: empty."""

    name: ClassVar[str] = "empty_block"
    reason: ClassVar[ReasonCode] = ReasonCode.EMPTY

    def applies(self, block: Block, page: Page) -> bool:
        text = block.text
        empty = bool(_NO_WORDS.match(text)) or (len(text) == 1 and not text.isalnum())
        return empty and not _SECTION_RULE.match(text)


class HiddenElement:
    """Drops text of HTML elements a browser would not show (hidden attribute, display:none). Code: hidden."""

    name: ClassVar[str] = "hidden_element"
    reason: ClassVar[ReasonCode] = ReasonCode.HIDDEN

    def applies(self, block: Block, page: Page) -> bool:
        return block.hidden


class WeatherOrTickerWidget:
    """Drops short widget lines: a temperature with a place ("| 7.2°C Dublin") or a market ticker. Code: widget."""

    name: ClassVar[str] = "weather_or_ticker_widget"
    reason: ClassVar[ReasonCode] = ReasonCode.WIDGET

    def applies(self, block: Block, page: Page) -> bool:
        if block.words > 12 or len(block.text.split()) > 6:
            return False
        # A temperature always has its degree sign: a substring test screens first.
        return bool(("°" in block.text and _TEMPERATURE.search(block.text)) or _TICKER.match(block.text))


class InlineMenu:
    """Drops a menu printed on one line: three or more short items between separators
    ("Home | News | Sport", "Share on Facebook | Share on Twitter | Email"). Code: navigation."""

    name: ClassVar[str] = "inline_menu"
    reason: ClassVar[ReasonCode] = ReasonCode.NAVIGATION

    def applies(self, block: Block, page: Page) -> bool:
        if not any(char in block.text for char in _MENU_SEPARATOR_CHARS):
            return False
        items = [item for item in _MENU_SEPARATOR.split(block.text) if item.strip()]
        return len(items) >= MIN_INLINE_MENU_ITEMS and all(word_count(item) <= MAX_MENU_ITEM_WORDS for item in items)


# An alphabetical word list: at least this many words of letters (CJK runs aside: they are
# not words one by one) ...
MIN_LISTED_WORDS = 12
# ... of which this share of neighbouring pairs are in alphabetical order. Prose is near half;
# on dev, every block at 0.9 or more is a tag cloud, a keyword list or an A-Z index, and the
# gold prose that comes closest scores 0.83.
MIN_ORDERED_PAIRS = 0.9
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def alphabetical_share(text: str) -> float:
    """The share of neighbouring words in alphabetical order (0.0 for fewer than ``MIN_LISTED_WORDS``)."""
    words = [word.casefold() for word in _LETTER_WORD.findall(text) if not CJK.search(word)]
    if len(words) < MIN_LISTED_WORDS:
        return 0.0
    return sum(first <= second for first, second in itertools.pairwise(words)) / (len(words) - 1)


class AlphabeticalWordList:
    """Drops a block whose words run in alphabetical order: a tag cloud, a keyword list, an
    A-Z index. Writers do not put a dozen words in order; software that lists tags does.
    Code: navigation."""

    name: ClassVar[str] = "alphabetical_word_list"
    reason: ClassVar[ReasonCode] = ReasonCode.NAVIGATION

    def applies(self, block: Block, page: Page) -> bool:
        return (
            block.words >= MIN_LISTED_WORDS
            and _opens_in_order(block.text)
            and alphabetical_share(block.text) >= MIN_ORDERED_PAIRS
        )


# A list in order opens in order: of its first ten words, at most this many pairs break it
# (prose breaks about four). Checked first, as most long blocks are prose.
MAX_OPENING_BREAKS = 3


def _opens_in_order(text: str) -> bool:
    opening = text.split(maxsplit=10)[:10]
    return sum(first.casefold() > second.casefold() for first, second in itertools.pairwise(opening)) <= (
        MAX_OPENING_BREAKS
    )


class VocabularyRule:
    """Base for rules that drop a short block whose whole text is interface wording of one kind
    (``vocabulary.WORDING_KINDS``; the page matches each block's wording once)."""

    name: ClassVar[str]
    reason: ClassVar[ReasonCode]
    kind: ClassVar[str]

    def applies(self, block: Block, page: Page) -> bool:
        return page.wording[block.index] == self.kind


class FormText(VocabularyRule):
    """Drops form labels and validation messages ("This field is required"). Code: form_text."""

    name = "form_text"
    reason = ReasonCode.FORM_TEXT
    kind = "form_text"


class ConsentCheckbox:
    """Drops the consent line of a sign-up form ("I would like to be emailed about offers...").
    Code: form_text."""

    name: ClassVar[str] = "consent_checkbox"
    reason: ClassVar[ReasonCode] = ReasonCode.FORM_TEXT

    def applies(self, block: Block, page: Page) -> bool:
        return block.words <= MAX_CONSENT_WORDS and bool(vocabulary.CONSENT.match(block.text))


class NavigationLabel(VocabularyRule):
    """Drops menu and list headings ("Most Watched", "Skip to content", "Search"). Code: navigation."""

    name = "navigation_label"
    reason = ReasonCode.NAVIGATION
    kind = "navigation"


class FooterLink(VocabularyRule):
    """Drops footer links and legal lines ("Privacy", "Terms of use", "© 2024 ..."). Code: footer."""

    name = "footer_link"
    reason = ReasonCode.FOOTER
    kind = "footer"


class ShareBar(VocabularyRule):
    """Drops share and follow controls ("Share", "Tweet", "Copy link", "12 comments"). Code: share."""

    name = "share_bar"
    reason = ReasonCode.SHARE
    kind = "share"


class AdvertisementLabel(VocabularyRule):
    """Drops advertisement slots and their labels ("Advertisement", "Story continues below"). Code: advertisement."""

    name = "advertisement_label"
    reason = ReasonCode.ADVERTISEMENT
    kind = "advertisement"


class RelatedLinksLabel(VocabularyRule):
    """Drops headings of teaser lists ("Related", "Read more", "You may also like"). Code: related_links."""

    name = "related_links_label"
    reason = ReasonCode.RELATED_LINKS
    kind = "related"


class InlineTeaser:
    """Drops a teaser set into the article: a label, a colon and another story's headline
    ("Read more: Ferry fares to rise in spring", "Related: ..."). Code: related_links."""

    name: ClassVar[str] = "inline_teaser"
    reason: ClassVar[ReasonCode] = ReasonCode.RELATED_LINKS

    def applies(self, block: Block, page: Page) -> bool:
        return block.words <= MAX_TEASER_WORDS and bool(vocabulary.TEASER_LABEL.match(block.text))


# A link in capitals: the whole block (nearly) inside <a>, nearly all its letters upper case.
MIN_TEASER_LINK_DENSITY = 0.9
MIN_CAPITALS_SHARE = 0.8
MIN_CAPITALS_WORDS = 3


class LinkedCapitals:
    """Drops a block that is one link written in capitals: the headline of another story set
    between paragraphs ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"), or a menu item.
    A subheading in capitals is no link, a byline linked to its author's page is a byline, and a
    text dump knows no links. Code: related_links."""

    name: ClassVar[str] = "linked_capitals"
    reason: ClassVar[ReasonCode] = ReasonCode.RELATED_LINKS

    def applies(self, block: Block, page: Page) -> bool:
        if block.link_density < MIN_TEASER_LINK_DENSITY or block.words < MIN_CAPITALS_WORDS:
            return False
        letters = [char for char in block.text if char.isalpha()]
        capitals = sum(map(str.isupper, letters)) >= MIN_CAPITALS_SHARE * len(letters) > 0
        return capitals and parse_byline(block.text) is None


class CommentsLabel(VocabularyRule):
    """Drops comment-thread headings and prompts ("Comments (12)", "Leave a reply"). Code: comments."""

    name = "comments_label"
    reason = ReasonCode.COMMENTS
    kind = "comments"


class MetadataLine(VocabularyRule):
    """Drops reading-time and relative-time lines ("4 min read", "2 hours ago"). Code: metadata_line."""

    name = "metadata_line"
    reason = ReasonCode.METADATA_LINE
    kind = "metadata"


class SemanticChrome:
    """Drops text inside HTML <nav>, <footer> and <aside> elements, which pages use for
    menus, footers and sidebars, never for the article. Code: page_chrome."""

    name: ClassVar[str] = "semantic_chrome"
    reason: ClassVar[ReasonCode] = ReasonCode.PAGE_CHROME

    def applies(self, block: Block, page: Page) -> bool:
        return block.in_boilerplate_element


class ChromeClass:
    """Drops text inside HTML elements whose class or id names page furniture ("newsletter-signup",
    "share-bar", "related-stories", "cookie-consent"). Code: page_chrome."""

    name: ClassVar[str] = "chrome_class"
    reason: ClassVar[ReasonCode] = ReasonCode.PAGE_CHROME

    def applies(self, block: Block, page: Page) -> bool:
        return block.in_chrome_class


class CookieNotice:
    """Drops cookie banners: consent wording in a block of at most a few sentences. Code: cookie_notice."""

    name: ClassVar[str] = "cookie_notice"
    reason: ClassVar[ReasonCode] = ReasonCode.COOKIE_NOTICE

    def applies(self, block: Block, page: Page) -> bool:
        # Every phrase of the notice vocabulary names cookies: a substring test screens first.
        return (
            block.words <= 80 and "cookie" in block.text.lower() and bool(vocabulary.COOKIE_NOTICE.search(block.text))
        )


class NewsletterPromo:
    """Drops newsletter sign-up blocks: a short block naming a newsletter or sign-up, a pitch
    that names two sign-up words ("Sign up to our free newsletter..."), or the pitch right under
    a sign-up heading ("Daily Digest Newsletter" / "Get ahead of the day..."). Code: newsletter."""

    name: ClassVar[str] = "newsletter_promo"
    reason: ClassVar[ReasonCode] = ReasonCode.NEWSLETTER

    def applies(self, block: Block, page: Page) -> bool:
        if not vocabulary.may_name_newsletter(block.text):
            return False
        if block.words > MAX_PITCH_WORDS:
            return self._follows_sign_up_heading(block, page) and bool(vocabulary.NEWSLETTER.search(block.text))
        found = {match.lower() for match in vocabulary.NEWSLETTER.findall(block.text)}
        if not found:
            return False
        return block.words <= MAX_CHROME_WORDS or len(found) >= 2 or self._follows_sign_up_heading(block, page)

    @staticmethod
    def _follows_sign_up_heading(block: Block, page: Page) -> bool:
        previous = page.blocks[block.index - 1] if block.index > 0 else None
        return (
            previous is not None
            and previous.words <= MAX_CHROME_WORDS
            and vocabulary.may_name_newsletter(previous.text)
            and bool(vocabulary.NEWSLETTER.search(previous.text))
        )


# A reporter's contact line is a sentence at most: "Staff writer Ida Brook can be reached at ...".
MAX_CONTACT_WORDS = 20
# Read from the start of the name only, each part at once: from inside a long run of word characters
# without "@" after it, the search would read the rest of the run again at each of its characters.
_EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")


class ContactLine:
    """Drops a short line that gives an e-mail address: a reporter's contact ("Write to Ida Brook
    at ida.brook@example.com"), a news desk's or a webmaster's. On dev, 52 of 54 such lines are
    not in the gold bodies. Code: metadata_line."""

    name: ClassVar[str] = "contact_line"
    reason: ClassVar[ReasonCode] = ReasonCode.METADATA_LINE

    def applies(self, block: Block, page: Page) -> bool:
        return block.words <= MAX_CONTACT_WORDS and "@" in block.text and bool(_EMAIL_ADDRESS.search(block.text))
