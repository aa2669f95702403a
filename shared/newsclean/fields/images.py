"""Captioned images of an HTML page: ``<figure>`` with its picture's address, caption and credit.

Structuring decides which captions belong to the article (``structure.py``
claims caption blocks); this module says, for a caption the page prints in a
``<figure>``, which picture it goes with. A picture's address is read from
lazy-loading attributes before ``src`` (``src`` is then a placeholder), the
widest ``srcset`` candidate, or the ``<noscript>`` copy lazy loaders leave, and
resolved against the page's address. Placeholders, tracking pixels and icons
are not pictures.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean.fields.bylines import split_credit
from newsclean.model import Image
from newsclean.text import normalise_space

# Attributes lazy loaders put the real address in, read before ``src``.
SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "src")
SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "srcset")
# An image drawn this small (in pixels, by its width or height attribute) is an icon or a pixel.
MIN_PICTURE_PIXELS = 48
# Not a picture: inline data, and the spacer or tracking images pages load ("pixel.gif", "1x1.png").
# The name is looked for ahead, then the extension: a name read in two parts around the word
# would be read again from each place the word occurs (quadratic time in a long path segment).
_PLACEHOLDER = re.compile(
    r"^(?:data|about|javascript):|(?:^|/)(?=[^/?#]*?(?:pixel|spacer|blank|transparent|placeholder|1x1|tracking|beacon))"
    r"[^/?#]*\.(?:gif|png|svg)(?:[?#]|$)",
    re.IGNORECASE,
)
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|author|source|attribution", re.IGNORECASE)
_EMPTY_PARENTHESES = re.compile(r"\(\s*\)")
_WIDTH_DESCRIPTOR = re.compile(r"^(\d+(?:\.\d+)?)[wx]$")


def read_images(tree: LexborHTMLParser, page_url: str | None) -> tuple[Image, ...]:
    """Every ``<figure>`` with a caption, in page order, once per picture."""
    images: list[Image] = []
    seen: set[str] = set()
    for figure in tree.css("figure"):
        caption_node = figure.css_first("figcaption")
        if caption_node is None:
            continue
        image = _captioned(caption_node, picture_url(figure, page_url))
        key = image.url or f"{image.caption}|{image.credit}"
        if (image.caption or image.credit) and key not in seen:
            seen.add(key)
            images.append(image)
    return tuple(images)


def picture_url(container: LexborNode, page_url: str | None) -> str | None:
    """The address of the first real picture inside ``container``, absolute when the page's is known."""
    for node in container.css("img, source"):
        if _is_icon(node):
            continue
        address = _address(node)
        if address:
            return _absolute(address, page_url)
    for noscript in container.css("noscript"):
        copy = LexborHTMLParser(noscript.text() or "")
        found = picture_url(copy.body, page_url) if copy.body is not None else None
        if found:
            return found
    return None


def _captioned(caption_node: LexborNode, url: str | None) -> Image:
    """Caption and credit: a credit element inside the caption, else a credit printed after it."""
    text = normalise_space(caption_node.text(separator=" "))
    credit_node = next((node for node in caption_node.css("*") if _names_credit(node)), None)
    credit = normalise_space(credit_node.text(separator=" ")) if credit_node is not None else ""
    credit = credit[1:-1].strip() if credit.startswith("(") and credit.endswith(")") else credit
    if credit and credit != text:
        caption = normalise_space(_EMPTY_PARENTHESES.sub(" ", text.replace(credit, " "))).strip(" ,;|–—-") or None
        return Image(caption=caption, credit=credit, url=url)
    split = split_credit(text)
    if split:
        return Image(caption=split[0] or None, credit=split[1], url=url)
    return Image(caption=text or None, credit=None, url=url)


def _names_credit(node: LexborNode) -> bool:
    attributes = node.attributes
    names = " ".join(value for value in (attributes.get("class"), attributes.get("itemprop")) if value)
    return bool(names and _CREDIT_CLASS.search(names))


def _address(node: LexborNode) -> str | None:
    attributes = node.attributes
    for name in SOURCE_ATTRIBUTES:
        value = (attributes.get(name) or "").strip()
        if value and not _PLACEHOLDER.search(value):
            return value
    for name in SRCSET_ATTRIBUTES:
        widest = _widest(attributes.get(name) or "")
        if widest and not _PLACEHOLDER.search(widest):
            return widest
    return None


def _widest(srcset: str) -> str | None:
    """The candidate with the largest width (or density) descriptor of a ``srcset``."""
    best, best_size = None, -1.0
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        descriptor = _WIDTH_DESCRIPTOR.match(parts[1]) if len(parts) > 1 else None
        size = float(descriptor.group(1)) if descriptor else 0.0
        if size > best_size:
            best, best_size = parts[0], size
    return best


def _is_icon(node: LexborNode) -> bool:
    """Drawn smaller than a picture, or at no size at all (a zero on one side only is a layout
    placeholder: the other side still draws it)."""
    sizes = []
    for name in ("width", "height"):
        value = (node.attributes.get(name) or "").strip().removesuffix("px")
        if value.isdigit():
            sizes.append(int(value))
    return any(0 < size < MIN_PICTURE_PIXELS for size in sizes) or (len(sizes) == 2 and not any(sizes))


def _absolute(address: str, page_url: str | None) -> str:
    if page_url and page_url.startswith(("http://", "https://")):
        return urljoin(page_url, address)
    return f"https:{address}" if address.startswith("//") else address
