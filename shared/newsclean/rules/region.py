"""The rule that needs the article's location on the page."""

from __future__ import annotations

from typing import ClassVar

from newsclean.model import Block, ReasonCode
from newsclean.rules.base import Page


class OutsideArticle:
    """Drops blocks before or after the page's densest run of prose: menus, teasers,
    footers and sidebars that no wording rule named. Code: outside_article."""

    name: ClassVar[str] = "outside_article"
    reason: ClassVar[ReasonCode] = ReasonCode.OUTSIDE_ARTICLE

    def applies(self, block: Block, page: Page) -> bool:
        return not page.in_article(block)
