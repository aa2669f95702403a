"""One crafted input per wording rule: it drops its kind of chrome and keeps prose that mentions it."""

from __future__ import annotations

import pytest

from newsclean.content.rules.base import Rule
from newsclean.content.rules.chrome import (
    AdvertisementLabel,
    CommentsLabel,
    FooterLink,
    FormText,
    MetadataLine,
    NavigationLabel,
    RelatedLinksLabel,
    ShareBar,
)
from newsclean.model import ReasonCode

PROSE_MENTIONING_IT = (
    "The council said it would share the privacy report with residents and advertise the "
    "consultation in every library, where comments can be left until the end of the month."
)

CASES = [
    (
        FormText(),
        ReasonCode.FORM_TEXT,
        [
            "This field is required",
            "Please enter a valid email address",
            "Ce champ est obligatoire",
            "Enter search terms here.",
        ],
    ),
    (
        NavigationLabel(),
        ReasonCode.NAVIGATION,
        [
            "Most Watched",
            "Most Read",
            "SKIP TO CONTENT",
            "Search",
            "Meistgelesen",
            "» Latest News",
            "More",
            "View all 4",
            "View all (4)",
            "Trending News",
        ],
    ),
    (
        FooterLink(),
        ReasonCode.FOOTER,
        ["Privacy", "Privacy Policy", "Terms of Use", "© 2024 Porthaven Echo Ltd", "All rights reserved."],
    ),
    (
        ShareBar(),
        ReasonCode.SHARE,
        ["Share", "Share this article", "Copy link", "WhatsApp", "Partager", "Click To Tweet"],
    ),
    (
        AdvertisementLabel(),
        ReasonCode.ADVERTISEMENT,
        ["ADVERTISEMENT", "Advert", "Story continues below advertisement", "Anzeige"],
    ),
    (
        RelatedLinksLabel(),
        ReasonCode.RELATED_LINKS,
        ["Related", "Read more", "You may also like", "Lesen Sie auch", "DON'T MISS"],
    ),
    (
        CommentsLabel(),
        ReasonCode.COMMENTS,
        ["Comments", "12 comments", "Leave a reply", "Commentaires", "Comments are now closed for this story"],
    ),
    (MetadataLine(), ReasonCode.METADATA_LINE, ["4 min read", "Updated 3 hours ago", "Reading time: 6 minutes"]),
]


@pytest.mark.parametrize(("rule", "reason", "samples"), CASES, ids=[case[0].name for case in CASES])
def test_rule_drops_its_chrome(rule: Rule, reason: ReasonCode, samples: list[str], page_of) -> None:
    page = page_of(*samples)
    assert rule.reason is reason
    for block in page.blocks:
        assert rule.applies(block, page), block.text


@pytest.mark.parametrize("rule", [case[0] for case in CASES], ids=[case[0].name for case in CASES])
def test_rule_keeps_prose_that_mentions_the_words(rule: Rule, page_of) -> None:
    page = page_of(PROSE_MENTIONING_IT)
    assert not rule.applies(page.blocks[0], page)


def test_short_headline_with_a_chrome_word_inside_is_kept(page_of) -> None:
    page = page_of("Search for missing hiker resumes at dawn", "Share prices fall as harbour closes")
    assert not NavigationLabel().applies(page.blocks[0], page)
    assert not ShareBar().applies(page.blocks[1], page)


def test_inline_menus(page_of) -> None:
    from newsclean.content.rules.chrome import InlineMenu

    page = page_of(
        "Home | News | Sport | Weather",
        "Share on Facebook | Share on Twitter | Email this article",
        "Tides today: high water 06:12 | low water 12:30",
        "The vote was 12 to 3 | a clear majority | for the plan put forward by the harbour board in May",
    )
    rule = InlineMenu()
    assert rule.reason is ReasonCode.NAVIGATION
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, False, False]


def test_consent_checkbox(page_of) -> None:
    from newsclean.content.rules.chrome import ConsentCheckbox

    page = page_of(
        "I would like to be emailed about offers, events and updates from the Porthaven Echo.",
        "I agree to the terms and conditions and the privacy policy.",
        "I would like to thank the crew who pulled us out of the water, she said.",
    )
    rule = ConsentCheckbox()
    assert rule.reason is ReasonCode.FORM_TEXT
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, False]


def test_inline_teasers(page_of) -> None:
    from newsclean.content.rules.chrome import InlineTeaser

    page = page_of(
        "Read more: Ferry fares to rise in spring",
        "Related: Harbour dues review delayed again",
        "On porthavenecho.com: Lifeboat crew honoured",
        "More: the council said the plan would be published in May, after the consultation closes.",
        "Related to the closure, traders reported a fall in takings of about a third.",
    )
    rule = InlineTeaser()
    assert rule.reason is ReasonCode.RELATED_LINKS
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, True, True, False]


def test_alphabetical_word_lists(page_of) -> None:
    from newsclean.content.rules.chrome import AlphabeticalWordList

    page = page_of(
        "bridges buses council ferries harbour lifeboats moorings parking quay rail roads tides trains",
        "Tags: Arts, Boats, Business, Council, Education, Health, Lifeboats, Politics, Sport, Tides, Transport, Zoo",
        "The council said the harbour would reopen to ferries and fishing boats once the new quay is finished.",
        "Voting for the harbour plan were councillors Ann Price, Dev Shah, Mary Owen, Tom Hill and Jo Baker.",
        "A B C D E",
    )
    rule = AlphabeticalWordList()
    assert rule.reason is ReasonCode.NAVIGATION
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, False, False, False]
