"""The article as plain text and as Markdown, rendered from its typed blocks."""

from __future__ import annotations

from newsclean.model import Article, BodyBlock, BodyBlockType, SourceInfo
from newsclean.render import as_markdown, as_text

P, H, L, Q, T, C = (
    BodyBlockType.PARAGRAPH,
    BodyBlockType.HEADING,
    BodyBlockType.LIST_ITEM,
    BodyBlockType.QUOTE,
    BodyBlockType.TABLE_ROW,
    BodyBlockType.PREFORMATTED,
)


def article_of(*blocks: BodyBlock, headline: str | None = "Sea wall to be repaired") -> Article:
    return Article(
        headline=headline,
        standfirst="Work starts in March.",
        byline="By Ida Brook",
        authors=("Ida Brook",),
        agency=None,
        dateline=None,
        published=None,
        language="en",
        body=tuple(block.text for block in blocks),
        images=(),
        removed=(),
        source=SourceInfo(format="text", charset="utf-8", size=1, name="page.txt"),
        blocks=blocks,
    )


def test_text_is_the_blocks_joined_by_blank_lines() -> None:
    blocks = (BodyBlock(P, "One."), BodyBlock(H, "Two", level=2), BodyBlock(L, "Three", ordered=False, depth=1))
    assert as_text(blocks) == "One.\n\nTwo\n\nThree"


def test_markdown_of_a_whole_article() -> None:
    article = article_of(
        BodyBlock(P, "The board met on Tuesday."),
        BodyBlock(H, "What the work involves", level=1),
        BodyBlock(L, "Clear the stones", ordered=True, depth=1),
        BodyBlock(L, "Rebuild the core", ordered=True, depth=1),
        BodyBlock(L, "with quarry concrete", ordered=False, depth=2),
        BodyBlock(Q, "We cannot wait another winter."),
        BodyBlock(C, "budget = 850000"),
        BodyBlock(T, "North end 400 m"),
        BodyBlock(T, "South end 250 m"),
        BodyBlock(H, "Costs", level=3),
    )
    assert as_markdown(article) == (
        "# Sea wall to be repaired\n\n"
        "Work starts in March.\n\n"
        "*By Ida Brook*\n\n"
        "The board met on Tuesday.\n\n"
        "## What the work involves\n\n"  # the headline alone is level 1
        "1. Clear the stones\n"
        "2. Rebuild the core\n"
        "  - with quarry concrete\n\n"
        "> We cannot wait another winter.\n\n"
        "```\nbudget = 850000\n```\n\n"
        "| North end 400 m |\n| --- |\n| South end 250 m |\n\n"
        "### Costs\n"
    )


def test_markdown_escapes_what_it_would_read_as_markup() -> None:
    article = article_of(
        BodyBlock(P, "# not a heading"),
        BodyBlock(P, "1. not a list, *not* emphasis, [not] a link"),
        BodyBlock(C, "fence ``` inside"),
        headline=None,
    )
    body = as_markdown(article).split("\n\n", 2)[2]
    assert body == (
        "\\# not a heading\n\n1\\. not a list, \\*not\\* emphasis, \\[not\\] a link\n\n~~~~\nfence ``` inside\n~~~~\n"
    )


def test_markdown_uses_a_blocks_inline_markup() -> None:
    linked = BodyBlock(P, "See the report.", inline_markdown="See [the report](https://post.example/r).")
    item = BodyBlock(L, "Clear the stones", ordered=False, depth=1, inline_markdown="Clear the *old* stones")
    body = as_markdown(article_of(linked, item)).split("\n\n", 3)[3]
    assert body == "See [the report](https://post.example/r).\n\n- Clear the *old* stones\n"
    assert as_text((linked, item)) == "See the report.\n\nClear the stones"  # plain text stays plain


def test_a_standfirst_that_opens_the_body_is_printed_once() -> None:
    article = article_of(BodyBlock(P, "Work starts in March. The quay will stay open."))
    assert as_markdown(article) == (
        "# Sea wall to be repaired\n\n*By Ida Brook*\n\nWork starts in March. The quay will stay open.\n"
    )
