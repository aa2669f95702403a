"""The catalogue of hostile inputs the cleaner must survive: each with its outcome and why.

Every case is bytes handed to ``newsclean.clean``; the outcome is ``ARTICLE`` or the
reason code of the rejection. Where issue 6 names the input but not the outcome,
``why`` records the decision. Inputs of a megabyte or more are ``heavy``: they run once
per session in a subprocess that also measures their time and peak memory
(``conftest.measured``, checked in ``test_cost_bounds``). The S3-side cases (keys,
storage classes, events, failing writes) are in ``test_catalogue_s3``.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from newsclean import Article
from tests.reliability import pages

ARTICLE = "article"
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    make: Callable[[], bytes]
    expected: str  # ARTICLE, or the RejectReason value
    why: str
    filename: str = ""
    content_type: str | None = None
    check: Callable[[Article], bool] = lambda article: pages.keeps_the_body(article.body)
    heavy: bool = False


def text() -> bytes:
    return pages.text_dump().encode()


def html() -> bytes:
    return pages.html_page().encode()


def gzip_of(data: bytes, layers: int = 1) -> bytes:
    for _ in range(layers):
        data = gzip.compress(data, mtime=0)
    return data


def zeros_gzipped(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(bytes(size)) + packer.flush()


def zip_of(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", data)
    return buffer.getvalue()


def utf16_without_bom(order: str) -> Callable[[], bytes]:
    return lambda: pages.text_dump().encode(f"utf-16-{order}")


def with_controls() -> bytes:
    sprinkled = pages.text_dump().replace("\n", "\x00\n").replace(" ferry", " \x07\x1bferry\x08")
    return sprinkled.encode()


def mixed_encodings() -> bytes:
    western = "Fiskarna på Ytterö säger att färjan behövs året runt, även när isen lägger sig.\n"
    return text() + western.encode("cp1252")


def single_line(size: int) -> bytes:
    sentence = " ".join(pages.PARAGRAPHS).encode() + b" "
    return (sentence * (size // len(sentence) + 1))[:size]


def nested(depth: int, opening: Callable[[int], str]) -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in pages.PARAGRAPHS)
    return ("<html><body>" + "".join(opening(n) for n in range(depth)) + body).encode()


def only_scripts_and_styles() -> bytes:
    return (
        b"<html><head><style>body { font-family: serif } .story p { margin: 0 }</style>"
        b"<script>window.config = {'headline': 'Night ferry returns', 'paywall': true};</script></head>"
        b"<body><script>document.write('<p>' + window.config.headline + '</p>');</script>"
        b"<noscript></noscript><style>.ad { display: none }</style></body></html>"
    )


def malformed_html() -> bytes:
    page = pages.html_page()
    page = page.replace("</p>", "", 3)  # paragraphs left open
    page = page.replace("<article>", "<article><b><i>", 1).replace("</article>", "</b></i></div></span></article>")
    page = page.replace("<p>Fishermen", '<p class=lead"odd data-x= =>Fishermen', 1)  # a stray quote, no values
    page = page.replace("northern landing.", "northern landing &amp &nbsp &#xZZ; < 5 >.", 1)  # broken entities, stray <
    return page.encode()


def unclosed_html() -> bytes:
    page = pages.html_page()
    for closing in ("</p>", "</li>", "</article>", "</body>", "</html>"):
        page = page.replace(closing, "")
    return page.encode()


def menus_only_text() -> bytes:
    return "\n".join(pages.MENU * 3 + pages.FOOTER).encode()


def menus_only_html() -> bytes:
    items = "".join(f"<li><a href='/{item.lower()}'>{item}</a></li>" for item in pages.MENU * 3)
    return f"<html><body><nav><ul>{items}</ul></nav><footer>{' '.join(pages.FOOTER)}</footer></body></html>".encode()


def huge_json_field() -> bytes:
    return pages.json_record(raw_html="<div>" + "x" * (9 * MIB) + "</div>").encode()


def huge_json_text() -> bytes:
    body = "\n".join(pages.PARAGRAPHS) + "\n"
    return json.dumps({"text": pages.text_dump() + body * (8 * MIB // len(body))}).encode()


def long_html_page(size: int) -> bytes:
    """A page of real-looking paragraphs, each numbered so none repeats, ``size`` bytes long."""
    head = pages.html_page().split("<article>")[0] + "<article>"
    parts, total, number = [head], len(head), 0
    while total < size - 200:
        paragraph = f"<p>{pages.PARAGRAPHS[number % len(pages.PARAGRAPHS)]} (Item {number}.)</p>\n"
        parts.append(paragraph)
        total += len(paragraph.encode())
        number += 1
    return "".join(parts).encode()[:size]


def with_attributes(tags: str) -> bytes:
    """The article's page with ``tags`` before its first paragraph."""
    return pages.html_page().replace("<p>", tags + "<p>", 1).encode()


def names(count: int, prefix: str = "data-a") -> str:
    return " ".join(f"{prefix}{n}" for n in range(count))


def formatting_bomb(tags: int) -> str:
    """Unclosed distinct <b> tags, each copied by the parser after every paragraph that follows."""
    return "".join(f"<b id=n{n}><p>x" for n in range(tags))


def declaring(charset: str) -> bytes:
    """The article's page declaring ``charset``, with a Windows-1252 byte so that it is not UTF-8."""
    page = pages.html_page().replace("<meta charset='utf-8'>", f"<meta charset='{charset}'>")
    cafe = "<p>Caf\u00e9 owners on the quay welcomed the news.</p>"
    return page.replace("</article>", cafe + "</article>").encode("cp1252")


def writable(article: Article) -> bool:
    """The body kept, and the article writable as the handler writes it (UTF-8: no lone surrogate)."""
    return pages.keeps_the_body(article.body) and bool(json.dumps(article.to_dict(), ensure_ascii=False).encode())


def keeps_bidi_marks(article: Article) -> bool:
    return any("\u202eferry\u202c" in paragraph for paragraph in article.body) and len(article.body) >= 5


def no_control_characters(article: Article) -> bool:
    return pages.keeps_the_body(article.body) and not any(
        char in paragraph for paragraph in article.body for char in "\x00\x1b"
    )


def one_block_of_text(article: Article) -> bool:
    return any(pages.PARAGRAPHS[0] in paragraph for paragraph in article.body)


CATALOGUE: tuple[Case, ...] = (
    # ------------------------------------------------------------ nothing in it
    Case("empty", lambda: b"", "empty_input", "zero bytes"),
    Case("whitespace only", lambda: b" \t\r\n  \n\n\t ", "empty_input", "ASCII whitespace"),
    Case(
        "unicode spaces only",
        lambda: "\u00a0\u3000\u2003 \n\u2029".encode(),
        "empty_input",
        "decision: no-break and ideographic spaces are spaces too",
    ),
    # ------------------------------------------------------------ not text
    Case("PNG", lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "binary", "by signature"),
    Case("JPEG", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "binary", "by signature"),
    Case("PDF", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "by signature"),
    Case("ZIP", lambda: zip_of(text()), "binary", "by signature"),
    Case("random bytes", lambda: random.Random(6).randbytes(8192), "binary", "control characters over 5%"),
    Case(
        "PNG named page.html",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(64),
        "binary",
        "the bytes decide, not the name or content type",
        filename="page.html",
        content_type="text/html",
    ),
    Case("control characters only", lambda: bytes(range(1, 32)) * 200, "binary", "control characters over 5%"),
    # ------------------------------------------------------------ gzip
    Case("truncated gzip", lambda: gzip_of(text())[:-12], "corrupt_gzip", "stream ends early"),
    Case("gzip with trailing garbage", lambda: gzip_of(text()) + b"garbage", "corrupt_gzip", "not a gzip member"),
    Case("nested gzip, two layers", lambda: gzip_of(text(), 2), ARTICLE, "two layers are allowed"),
    Case("nested gzip, three layers", lambda: gzip_of(text(), 3), "corrupt_gzip", "more than two layers"),
    Case(
        "gzip bomb",
        lambda: zeros_gzipped(25 * MIB),
        "decompressed_too_large",
        "25 KB expanding to 25 MiB: stopped at 20 MiB",
        heavy=True,
    ),
    Case(
        "gzip bomb inside gzip",
        lambda: gzip_of(zeros_gzipped(200 * MIB)),
        "decompressed_too_large",
        "the inner layer is bounded the same way",
        heavy=True,
    ),
    Case("gzip of nothing", lambda: gzip_of(b""), "empty_input", "decision: an empty page, zipped"),
    # ------------------------------------------------------------ encodings and characters
    Case(
        "invalid UTF-8",
        lambda: text().replace(b"ferry", b"f\xffrry", 1),
        ARTICLE,
        "decision: read as Windows-1252; every paragraph kept",
    ),
    Case(
        "mixed encodings",
        mixed_encodings,
        ARTICLE,
        "decision: one charset for the page (Windows-1252 here); every paragraph kept",
    ),
    Case("UTF-16 LE without BOM", utf16_without_bom("le"), ARTICLE, "NUL in every other byte"),
    Case("UTF-16 BE without BOM", utf16_without_bom("be"), ARTICLE, "NUL in every other byte"),
    Case(
        "NUL and control characters",
        with_controls,
        ARTICLE,
        "decision: under 5% of the text, they are removed",
        check=no_control_characters,
    ),
    Case(
        "bidi override characters",
        lambda: pages.text_dump().replace("ferry", "\u202eferry\u202c").encode(),
        ARTICLE,
        "decision: format characters are text, kept as they are",
        check=keeps_bidi_marks,
    ),
    Case(
        "page declaring the charset 'undefined'",
        lambda: declaring("undefined"),
        ARTICLE,
        "a codec that decodes nothing (UnicodeError before): read as no declaration",
    ),
    Case(
        "page declaring the charset 'base64'",
        lambda: declaring("base64"),
        ARTICLE,
        "a bytes-to-bytes codec is no charset: read as no declaration",
    ),
    Case(
        "page declaring the charset 'unicode_escape'",
        lambda: declaring("unicode_escape").replace(b"<p>Caf", b"<p>A path C:\\udc00 and Caf"),
        ARTICLE,
        "decision: escape decoders are no charset; the page's backslashes stay text",
        check=lambda article: writable(article) and any("C:\\udc00" in paragraph for paragraph in article.body),
    ),
    Case(
        "page declaring EBCDIC in ASCII",
        lambda: declaring("cp500"),
        ARTICLE,
        "decision: a declaration read as ASCII names no charset that misreads ASCII (binary before)",
    ),
    Case(
        "date with a time zone 99 hours off",
        lambda: pages.text_dump().replace(pages.BYLINE, pages.BYLINE + "\n2024-03-05T10:00+99:99").encode(),
        ARTICLE,
        "no time zone is a day off UTC (ValueError before): the date is kept without one",
    ),
    # ------------------------------------------------------------ size and shape
    Case("over 10 MiB", lambda: b"a" * (10 * MIB + 1), "too_large", "over max_input_bytes"),
    Case(
        "10 MB single line",
        lambda: single_line(10 * MIB - 1024),
        ARTICLE,
        "decision: one paragraph of 10 MB is still text; it must clean in bounded time and memory",
        check=one_block_of_text,
        heavy=True,
    ),
    Case(
        "a million one-word lines",
        lambda: b"word\n" * 1_000_000,
        "too_complex",
        "decision: over 400,000 lines is a flood, not a page",
        heavy=True,
    ),
    Case(
        "HTML nested 100,000 levels deep",
        lambda: nested(100_000, lambda n: "<div>"),
        ARTICLE,
        "decision: flattened past 512 levels, as browsers do; the text is kept",
        heavy=True,
    ),
    Case(
        "formatting tags nested 100,000 deep",
        lambda: nested(100_000, lambda n: f"<b id=n{n}>"),
        "too_complex",
        "decision: the parser would copy each open <b> after every block",
        heavy=True,
    ),
    Case(
        "10 MB HTML page of real paragraphs",
        lambda: long_html_page(10 * MIB - 1024),
        ARTICLE,
        "the largest page accepted, in bounded time and memory",
        check=lambda article: len(article.body) > 10_000,
        heavy=True,
    ),
    Case(
        "10 MB run of punctuation",
        lambda: b"!?.,;:-" * (10 * MIB // 7 - 10),
        "no_article",
        "no words; one block, cleaned in linear time",
        heavy=True,
    ),
    Case(
        "10 MB of tiny paragraphs",
        lambda: ("<html><body>" + "<p>x" * (10 * MIB // 4 - 10)).encode(),
        "too_complex",
        "decision: 2.6 million elements is a flood, not a page",
        heavy=True,
    ),
    # ------------------------------------------------------------ HTML
    Case(
        "HTML of only scripts and styles",
        only_scripts_and_styles,
        "no_article",
        "decision: scripts and styles are not text",
    ),
    Case(
        "malformed HTML",
        malformed_html,
        ARTICLE,
        "misnested tags, stray quotes and <, broken entities",
        check=lambda article: pages.keeps_every_paragraph_opening(article.body),
    ),
    Case("unclosed HTML", unclosed_html, ARTICLE, "no </p>, </li>, </article>, </body> or </html>"),
    Case(
        "HTML comment never closed",
        lambda: b"<html><body><!-- " + html(),
        "no_article",
        "decision: the rest of the page is a comment, as a browser reads it",
    ),
    Case(
        "HTML with <plaintext>",
        lambda: b"<html><body><plaintext>" + text(),
        ARTICLE,
        "decision: everything after it is one text, kept",
        check=one_block_of_text,
    ),
    Case("menus only, text dump", menus_only_text, "no_article", "a page with no article in it"),
    Case("menus only, HTML", menus_only_html, "no_article", "a page with no article in it"),
    Case("punctuation only", lambda: b"!?.,;:-*" * 20_000, "no_article", "no words"),
    # ------------------------------------------------------------ attribute floods (issue 15)
    Case(
        "80,000 attributes in one tag",
        lambda: with_attributes(f"<div {names(80_000)}>x</div>"),
        "too_complex",
        "the parser compares each attribute with every one before it (18-60 s); a page's tag has 102 at most",
    ),
    Case(
        "80,000 duplicate attributes in one tag",
        lambda: with_attributes("<div" + " data-a=1" * 80_000 + ">x</div>"),
        "too_complex",
        "duplicates are compared too; counted like any attribute",
    ),
    Case(
        "80,000 attributes over 1,000 tags",
        lambda: with_attributes(f"<span {names(80)}>x</span>" * 1000),
        ARTICLE,
        "80 a tag is under the 1,000 bound, and 81,000 nodes under the work budget: parsed in linear time",
    ),
    Case(
        "attributes hidden behind '>' in quoted values",
        lambda: with_attributes("<div " + " ".join(f"{names(900, f'a{k}-')} q='>'" for k in range(90)) + ">x</div>"),
        "too_complex",
        "a quoted value does not end the tag: the tag's 81,090 attributes are all counted",
    ),
    Case(
        "a 900 kB attribute value",
        lambda: with_attributes("<div title='" + "x " * 450_000 + "'>x</div>"),
        ARTICLE,
        "one attribute, however long: the parser reads it in linear time",
    ),
    Case(
        "a comment opener in a quoted value, then a formatting bomb",
        lambda: with_attributes("<div title='> <!-- '>" + formatting_bomb(30_000) + "-->"),
        "too_complex",
        "the value ends at its quote, so the bomb is markup, not a comment",
    ),
    Case(
        "a bogus comment opening a script, then a formatting bomb",
        lambda: with_attributes("<!x <script>" + formatting_bomb(30_000)),
        "too_complex",
        '"<!x <script>" is a comment up to its ">" to the parser, so the bomb is markup, not script',
    ),
    Case(
        "10 MB of short tags full of attributes",
        lambda: with_attributes("<span a b c d e f g h i j k l m n o p q r s t u v w x y z>x</span>" * 155_000),
        "too_complex",
        "decision: 4 million attributes (a gigabyte in the parser) pass the work budget, attributes counted",
        heavy=True,
    ),
    # ------------------------------------------------------------ JSON records
    Case(
        "JSON record that is a list",
        lambda: json.dumps([pages.text_dump()]).encode(),
        "bad_json_record",
        "a record is an object",
        filename="record.json",
    ),
    Case(
        "JSON record with no known field",
        lambda: json.dumps({"page": pages.text_dump(), "id": 7}).encode(),
        "bad_json_record",
        "none of html, text, content, body",
    ),
    Case(
        "JSON record whose text is a number",
        lambda: b'{"text": 42}',
        "bad_json_record",
        "a body field must hold a string",
    ),
    Case(
        "invalid JSON named .json",
        lambda: b'{"text": "The night ferry',
        "bad_json_record",
        "unterminated",
        filename="record.json",
    ),
    Case(
        "JSON nested 100,000 deep",
        lambda: b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "bad_json_record",
        "decision: too deep for the parser, so invalid",
        filename="record.json",
    ),
    Case(
        "JSON record holding a 5,000-digit integer",
        lambda: pages.json_record(id=0).replace('"id": 0', '"id": ' + "9" * 5000).encode(),
        ARTICLE,
        "Python reads no integer of over 4,300 digits (ValueError before): read as a float, infinite, so no value",
    ),
    Case(
        "JSON array holding a 5,000-digit integer",
        lambda: b"[" + b"9" * 5000 + b"]",
        "bad_json_record",
        "a record is an object (ValueError before)",
        filename="record.json",
    ),
    Case(
        "JSON record with NaN, Infinity and a date of true",
        lambda: pages.json_record(x=0).replace('"x": 0', '"date": true, "x": NaN, "published": -Infinity').encode(),
        ARTICLE,
        "decision: values that are no string and no finite number state nothing",
    ),
    Case(
        "JSON record with its text field twice",
        lambda: pages.json_record().replace('{"url"', '{"text": 5, "url"', 1).encode(),
        ARTICLE,
        "decision: of duplicate keys the last counts, as in most JSON readers",
    ),
    Case(
        "JSON record holding lone surrogates",
        lambda: pages.json_record(author="Mara \ud800").replace("Home", "Ho\\udfffme", 1).encode(),
        ARTICLE,
        'decision: "\\ud800" escapes become U+FFFD, so that the article can be written as UTF-8',
        check=writable,
    ),
    Case(
        "JSON record holding gzip data as its text",
        lambda: json.dumps({"text": gzip_of(html()).decode("latin-1")}).encode(),
        "binary",
        "decision: a record's text is checked for control characters as raw bytes are (an article of noise before)",
    ),
    Case(
        "JSON record holding a huge string",
        huge_json_field,
        ARTICLE,
        "decision: an unknown 9 MB field is ignored; the text field is cleaned",
        filename="record.json",
        heavy=True,
    ),
    Case(
        "JSON record whose text is huge",
        huge_json_text,
        ARTICLE,
        "8 MB of paragraphs in the text field: cleaned in bounded time and memory",
        filename="record.json",
        check=lambda article: pages.keeps_the_body(article.body),
        heavy=True,
    ),
)

BY_NAME = {case.name: case for case in CATALOGUE}
