"""The rule that needs to know where the article is on the page."""

from __future__ import annotations

import re
from typing import ClassVar

from newsclean.content.region import is_prose_block
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


# An author's bio: a name, "is", and a writing trade within a few words ("Ida Brook is a
# freelance writer based in Porthaven", "Jo Bloggs is the author of ..."). Present tense only: an
# obituary's "was a journalist" is the article. On dev, 18 lines of this shape in 13 sites' page.txt,
# none in a gold body.
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]*+\s++){2,6}is\s++(?:a|an|the)\s++(?:[\w,/&-]++\s++){0,6}?"
    r"(?:writer|journalist|reporter|author|editor|correspondent|columnist|blogger|contributor|freelancer)s?\b"
)


class AuthorBio:
    """Drops an author's bio ("Ida Brook is a freelance writer based in Porthaven."), in its box
    above the article or under its last paragraph, that the content score took for article text.
    Not where article prose follows at once: an article about a reporter opens the same way
    ("Ida Brook is a reporter who ..."). Code: metadata_line."""

    name: ClassVar[str] = "author_bio"
    reason: ClassVar[ReasonCode] = ReasonCode.METADATA_LINE

    def applies(self, block: Block, page: Page) -> bool:
        if not page.article_text[block.index] or _AUTHOR_BIO.match(block.text) is None:
            return False
        following = next(
            (other for other in page.blocks[block.index + 1 :] if other.text and page.article_text[other.index]), None
        )
        return following is None or not is_prose_block(following)
