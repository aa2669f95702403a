from __future__ import annotations

import pytest

from newsclean.content.rules import vocabulary
from newsclean.content.rules.chrome import CookieNotice, NewsletterPromo
from newsclean.model import ReasonCode


def test_newsletter_heading_and_its_pitch(page_of) -> None:
    page = page_of(
        "The ferry will run twice a day from March, the operator said in a statement on Tuesday.",
        "Morning Briefing Newsletter",
        "Start your day with the five stories that matter in Porthaven, delivered to your inbox at 7am "
        "with our free newsletter.",
    )
    rule = NewsletterPromo()
    assert rule.reason is ReasonCode.NEWSLETTER
    assert [rule.applies(b, page) for b in page.blocks] == [False, True, True]


def test_long_paragraph_about_a_newsletter_without_a_heading_is_kept(page_of) -> None:
    page = page_of(
        "The mayor said the town hall would stop printing its paper bulletin and that residents who wanted updates "
        "could subscribe to an email newsletter instead, a move opposition councillors called short-sighted."
    )
    assert not NewsletterPromo().applies(page.blocks[0], page)


def test_cookie_banner(page_of) -> None:
    page = page_of("We use cookies to improve your experience. By continuing you accept our cookie policy.")
    assert CookieNotice().applies(page.blocks[0], page)
    assert CookieNotice().reason is ReasonCode.COOKIE_NOTICE


def test_pitch_naming_two_sign_up_words(page_of) -> None:
    page = page_of("Sign up to our free newsletter for the day's local headlines, every single morning of the week.")
    assert NewsletterPromo().applies(page.blocks[0], page)


@pytest.mark.parametrize(
    "text",
    [
        "Get our newsletter",
        "Sign-up today",
        "SUBSCRIBE",
        "Subscription offers",
        "Straight to your INBOX",
        "E-mail alerts",
        "Jetzt abonnieren",
        "Abonnez-vous",
        "Suscríbete",
        "Iscriviti ora",
        "Inschrijven",
        "Assine já",
    ],
)
def test_newsletter_screen_passes_every_kind_of_phrase(text: str) -> None:
    assert vocabulary.NEWSLETTER.search(text)
    assert vocabulary.may_name_newsletter(text)


def test_newsletter_screen_drops_ascii_text_without_a_key() -> None:
    assert not vocabulary.may_name_newsletter("The council met on Tuesday to discuss the harbour.")
    # Outside ASCII the expression decides: case folding is its job there.
    assert vocabulary.may_name_newsletter("Le conseil s’est réuni mardi.")
