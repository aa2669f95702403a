"""The rule that needs to know where the article is on the page."""

from __future__ import annotations

from typing import ClassVar

from newsclean.content.rules.base import Page
from newsclean.model import Block, ReasonCode


class LowContentScore:
    """Drops blocks the learned content score (``newsclean.content.scoring``) rates as not article text:
    menus, teasers, sidebars, comment threads and footers that no wording rule named.
    Code: outside_article."""

    name: ClassVar[str] = "low_content_score"
    reason: ClassVar[ReasonCode] = ReasonCode.OUTSIDE_ARTICLE

    def applies(self, block: Block, page: Page) -> bool:
        return not page.article_text[block.index]
