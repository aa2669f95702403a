"""Which lines of a text dump are pictures' captions and credits."""

from __future__ import annotations

from newsclean import clean


def test_a_source_line_is_no_picture_credit_but_a_captioned_source_is() -> None:
    paragraphs = [
        "The Porthaven ferry carried its first passengers of the year on Monday after three months in dry dock.",
        "Harbour staff said the new engine was quieter and would cut the crossing time by almost ten minutes.",
        "Timetables for the summer season will be posted at the quay and in the library later this week.",
    ]
    caption = "The ferry leaves the quay on Monday. Source: Porthaven Harbour Board"
    source = "Source: Coastal Press Agency"
    lines = ["Ferry returns after winter repairs", caption, *paragraphs[:2], source, paragraphs[2]]
    article = clean("\n".join(lines).encode(), name="page.txt")
    assert [(image.caption, image.credit) for image in article.images] == [
        ("The ferry leaves the quay on Monday.", "Porthaven Harbour Board")
    ]
