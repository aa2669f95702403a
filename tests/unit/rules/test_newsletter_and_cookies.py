from __future__ import annotations

from newsclean.model import ReasonCode
from newsclean.rules.chrome import CookieNotice, NewsletterPromo


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
