from __future__ import annotations

from newsclean.model import ReasonCode
from newsclean.rules.region import OutsideArticle

MENU = ["Home", "News", "Sport", "Business", "Weather", "Contact us"]
ARTICLE = [
    "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen to traffic next week.",
    "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
    "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
    "Local traders said the closure had halved their takings, and several asked for help with business rates.",
]
TEASERS = ["Man fined over parking", "School wins award", "Gallery: summer fair"]


def test_menu_and_teasers_fall_outside_the_article(page_of) -> None:
    page = page_of(*MENU, *ARTICLE, *TEASERS)
    rule = OutsideArticle()
    assert rule.reason is ReasonCode.OUTSIDE_ARTICLE
    dropped = [b.text for b in page.blocks if rule.applies(b, page)]
    assert dropped == MENU + TEASERS


def test_a_subheading_inside_the_article_stays(page_of) -> None:
    page = page_of(*MENU, *ARTICLE[:2], "What happens next", *ARTICLE[2:])
    kept = [b.text for b in page.blocks if not OutsideArticle().applies(b, page)]
    assert "What happens next" in kept
