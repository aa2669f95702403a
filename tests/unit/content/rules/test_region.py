from __future__ import annotations

import pytest

from newsclean.content.blocks import text_blocks
from newsclean.content.region import find_article_span, is_prose_block, looks_like_code
from newsclean.content.rules.region import LowContentScore
from newsclean.model import Block, ReasonCode
from newsclean.pipeline import label_blocks

MENU = ["Home", "News", "Sport", "Business", "Weather", "Contact us"]
ARTICLE = [
    "Harbour officials in Porthaven said on Monday that the old swing bridge would reopen to traffic next week.",
    "The bridge has been closed since a lorry struck its counterweight in the spring, cutting the town in two.",
    "Engineers replaced the bearings and repainted the span, work that cost more than the council had planned.",
    "Local traders said the closure had halved their takings, and several asked for help with business rates.",
]
TEASERS = ["Man fined over parking on the promenade", "School wins national award", "Gallery: summer fair"]


def dropped(*lines: str) -> dict[str, str]:
    """Dropped block text -> the rule that dropped it."""
    blocks = text_blocks("\n".join(lines))
    return {
        block.text: verdict.rule
        for block, verdict in zip(blocks, label_blocks(blocks), strict=True)
        if verdict is not None
    }


def test_menu_and_teasers_score_low() -> None:
    assert LowContentScore.reason is ReasonCode.OUTSIDE_ARTICLE
    verdicts = dropped(*MENU, *ARTICLE, *TEASERS)
    assert list(verdicts) == MENU + TEASERS
    # The wording rules know "Home"; the content score catches what they cannot name.
    assert verdicts["Sport"] == verdicts["School wins national award"] == LowContentScore.name


def test_a_subheading_inside_the_article_stays() -> None:
    assert "What happens next" not in dropped(*MENU, *ARTICLE[:2], "What happens next", *ARTICLE[2:])


def test_densest_prose_span() -> None:
    blocks = text_blocks("\n".join([*MENU, *ARTICLE, *TEASERS]))
    assert find_article_span(blocks, [True] * len(blocks)) == (len(MENU), len(MENU) + len(ARTICLE))


def test_a_long_block_of_links_is_not_prose() -> None:
    words = " ".join(f"topic{number}" for number in range(40))
    assert is_prose_block(Block(index=0, text=words))
    assert not is_prose_block(Block(index=0, text=words, link_density=0.9))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "function openGallery(id) { var panel = document.getElementById(id); panel.style.display = 'block'; "
            "return false; } window.onload = function () { openGallery('harbour'); };",
            True,
        ),
        ('<script src="https://ads.example.net/tag.js?site=harbour&zone=top&size=300x250"></script>', True),
        (
            "The council said on Monday (after a long meeting) that the bridge would reopen: traffic "
            'will use one lane at first, and "both lanes by May", the engineer added.',
            False,
        ),
    ],
)
def test_script_text_is_no_prose(text: str, code: bool) -> None:
    assert looks_like_code(text) is code
    assert is_prose_block(Block(index=0, text=text)) is not code
