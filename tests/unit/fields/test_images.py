"""Captioned figures: the picture's address from lazy-loading markup, caption and credit apart."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean.fields import images as html_images
from newsclean.fields.images import picture_url, read_images
from newsclean.model import Image
from tests.unit.linearity import Shape, superlinear_growth

PAGE_URL = "https://post.example/news/2024/mill.html"


def images_of(body: str, page_url: str | None = PAGE_URL) -> tuple[Image, ...]:
    return read_images(LexborHTMLParser(f"<html><body>{body}</body></html>"), page_url)


def url_of(figure_inside: str) -> str | None:
    tree = LexborHTMLParser(f"<html><body><figure>{figure_inside}</figure></body></html>")
    figure = tree.css_first("figure")
    assert figure is not None
    return picture_url(figure, PAGE_URL)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<img src="mill.jpg">', "https://post.example/news/2024/mill.jpg"),
        ('<img src="//cdn.example/mill.jpg">', "https://cdn.example/mill.jpg"),
        # Lazy loading: the real address is in a data attribute, src is a placeholder.
        ('<img src="data:image/gif;base64,R0lGOD" data-src="/img/mill.jpg">', "https://post.example/img/mill.jpg"),
        ('<img src="/static/blank.gif" data-lazy-src="/img/mill.jpg">', "https://post.example/img/mill.jpg"),
        (
            '<img srcset="/img/mill-320.jpg 320w, /img/mill-1280.jpg 1280w, /img/mill-640.jpg 640w">',
            "https://post.example/img/mill-1280.jpg",
        ),
        (
            '<picture><source srcset="/img/mill.webp 1x, /img/mill@2x.webp 2x"><img src="data:,"></picture>',
            "https://post.example/img/mill@2x.webp",
        ),
        (
            '<img src="data:image/png;base64,iVBOR"><noscript><img src="/img/mill.jpg"></noscript>',
            "https://post.example/img/mill.jpg",
        ),
        # Icons and tracking pixels are not the picture.
        (
            '<img src="/icons/camera.png" width="16" height="16"><img src="/img/mill.jpg">',
            "https://post.example/img/mill.jpg",
        ),
        ('<img src="https://stats.example/pixel.gif?id=3">', None),
        ('<img src="https://stats.example/c?id=3" width="0" height="0">', None),
        ('<img src="/img/mill.jpg" width="570" height="0">', "https://post.example/img/mill.jpg"),
        ('<img src="data:image/gif;base64,R0lGOD">', None),
    ],
)
def test_the_picture_address(markup: str, expected: str | None) -> None:
    assert url_of(markup) == expected


def test_a_relative_address_stays_relative_without_a_page_address() -> None:
    assert images_of('<figure><img src="mill.jpg"><figcaption>Mill</figcaption></figure>', None)[0].url == "mill.jpg"


def test_a_credit_element_inside_the_caption() -> None:
    body = (
        '<figure><img src="/m.jpg"><figcaption>The mill wheel turns again '
        '<span class="image-credit">Ida Brook/Porthaven Post</span></figcaption></figure>'
    )
    assert images_of(body) == (
        Image(
            caption="The mill wheel turns again", credit="Ida Brook/Porthaven Post", url="https://post.example/m.jpg"
        ),
    )


def test_a_credit_element_in_parentheses() -> None:
    body = (
        '<figure><img src="/m.jpg"><figcaption>The mill (1890) <span class="credit">(Photo: Ida Brook)</span>'
        "</figcaption></figure>"
    )
    image = images_of(body)[0]
    assert (image.caption, image.credit) == ("The mill (1890)", "Photo: Ida Brook")


def test_a_credit_printed_after_the_caption() -> None:
    body = '<figure><img src="/m.jpg"><figcaption>The mill wheel (Photo: Ida Brook)</figcaption></figure>'
    image = images_of(body)[0]
    assert (image.caption, image.credit) == ("The mill wheel", "Photo: Ida Brook")


def test_figures_without_caption_are_left_out_and_repeats_kept_once() -> None:
    body = (
        '<figure><img src="/logo.jpg"></figure>'
        '<figure><img src="/m.jpg"><figcaption>The mill</figcaption></figure>'
        '<figure><img src="/m.jpg"><figcaption>The mill</figcaption></figure>'
        "<figure><figcaption>A caption without a picture</figcaption></figure>"
    )
    assert [(image.caption, image.url) for image in images_of(body)] == [
        ("The mill", "https://post.example/m.jpg"),
        ("A caption without a picture", None),
    ]


@pytest.mark.parametrize(
    ("address", "placeholder"),
    [
        ("https://stats.example/pixel.gif?id=3", True),
        ("/static/spacer-1x1.png#top", True),
        ("/img/tracking_beacon.svg", True),
        ("/img/blank.gif/real.jpg", False),  # the word in a folder's name, not the file's
        ("/img/pixel-art-harbour.jpg", False),
        ("/img/harbour.gif", False),
        ("/img/" + "pixel " * 3000 + "harbour.jpg", False),
    ],
)
def test_placeholder_addresses(address: str, placeholder: bool) -> None:
    assert bool(html_images._PLACEHOLDER.search(address)) is placeholder


def test_a_long_file_name_of_placeholder_words_takes_linear_time() -> None:
    found = superlinear_growth(html_images._PLACEHOLDER, Shape("/img/", "pixel ", ""))
    assert found is None, f"super-linear: {found}"
