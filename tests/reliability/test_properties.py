"""Properties of ``clean`` over generated inputs (hypothesis).

* Any bytes give an article that validates against the published JSON Schema, or
  ``RejectedInput`` with a reason code — never another exception. So do JSON records with
  extreme values (integers Python will not read, deep nesting, NaN, duplicate keys, fields of
  every type) and pages declaring any charset Python knows, or none it knows.
* The output is deterministic: the same bytes give the same document, or the same rejection.
* Cleaning an article's own rendered text (headline, then its paragraphs) keeps its body.
* Whatever the tag soup, the tag scan's output nests only a few times its cap deep in the parser,
  and the scan counts at least as many attributes in a tag as the parser gives any element.

Inputs are raw bytes, and pages built from prose, boilerplate lines, arbitrary unicode and
random markup, in several encodings, sometimes gzipped, sometimes wrapped in a JSON record,
and byte-level mutations of a real-looking page. The ``ci`` profile (tests/reliability/
conftest.py) keeps the run short and derandomized; ``HYPOTHESIS_PROFILE=explore`` hunts.
"""

from __future__ import annotations

import encodings
import encodings.aliases
import gzip
import json
import pkgutil
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean import Article, RejectedInput, RejectReason, clean
from newsclean.decode.input import RECORD_BODY_FIELDS, RECORD_META_FIELDS
from newsclean.html.tagscan import scan_tags
from tests.reliability import pages
from tests.unit.html.test_tagscan import deepest

WORDS = (
    "harbour council ferry island crossing night vessel engine fishermen market timetable subsidy "
    "breakwater residents meeting operator contract weather storm pier quay tide pilots lighthouse "
    "said would could after before during because however Tuesday October the a of to and in on"
).split()
BOILERPLATE = (
    "Share",
    "Share on Facebook",
    "Subscribe to our newsletter",
    "Advertisement",
    "Read more",
    "Related stories",
    "By Mara Lindqvist",
    "By Jo Bloggs and Ann Other, Coastal Press",
    "12 May 2024",
    "Updated 3 hours ago",
    "We use cookies to improve your experience. Accept all",
    "Home | News | Sport | Weather",
    "Photo: Lena Park/Coastal Press",
    "Expand",
    "Close",
    "© 2024 Saltholm Courier",
    "SALTHOLM (Coastal Press) —",
    "5 min read",
    "Comments (12)",
)
TAGS = (
    "p div span a b i em strong nav footer aside header h1 h2 h3 li ul ol figure figcaption script style "
    "section article main br img table tr td blockquote pre form button noscript svg template"
).split()
CLASSES = ("", "story", "article-body", "share-bar", "newsletter", "related", "cookie-consent", "byline", "ad")

sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(lambda words: " ".join(words).capitalize())
paragraphs = st.lists(sentences, min_size=1, max_size=5).map(lambda parts: ". ".join(parts) + ".")
noise = st.text(max_size=60)
lines = st.one_of(paragraphs, st.sampled_from(BOILERPLATE), noise, sentences)
text_pages = st.lists(lines, max_size=30).map("\n".join)


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def render(tag: str, css: str, hidden: bool, content: list[str]) -> str:
        attributes = (f" class='{css}'" if css else "") + (" hidden" if hidden else "")
        return f"<{tag}{attributes}>{''.join(content)}</{tag}>"

    return st.builds(
        render, st.sampled_from(TAGS), st.sampled_from(CLASSES), st.booleans(), st.lists(children, max_size=5)
    )


html_fragments = st.recursive(st.one_of(paragraphs, st.sampled_from(BOILERPLATE), noise), element, max_leaves=30)
html_pages = st.builds(
    lambda title, body: f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>",
    sentences,
    html_fragments,
)
# Tag soup: the pieces HTML's tokenizer switches state on, in any order.
SOUP = (
    "<",
    ">",
    "</",
    "/>",
    "<!--",
    "-->",
    "--!>",
    "<!",
    "<?",
    "'",
    '"',
    "=",
    " ",
    "\n",
    "&",
    ";",
    "&amp;",
    "div",
    "b",
    "p",
    "a",
    "li",
    "ul",
    "table",
    "td",
    "svg",
    "math",
    "script",
    "style",
    "textarea",
    "title",
    "plaintext",
    "template",
    "noscript",
    "iframe",
    "font color=red",
    "nav",
    "body",
    "html",
    "head",
    "br",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<p>",
    "<script>",
    "</script>",
    "<svg>",
    "<td>",
    "<table>",
    "The ferry sails at noon. ",
)
tag_soup = st.lists(st.sampled_from(SOUP), max_size=300).map("".join)
documents = st.one_of(text_pages, html_pages, html_fragments, tag_soup)
json_records = st.builds(
    lambda field, body, extra: json.dumps({field: body, **extra}),
    st.sampled_from(["text", "html", "content", "body", "page"]),
    documents,
    st.dictionaries(st.sampled_from(["url", "title", "language", "author", "published"]), st.text(max_size=20)),
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "shift_jis", "koi8-r")
encoded = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    st.one_of(documents, json_records),
    st.sampled_from(ENCODINGS),
)


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """A real-looking page with a few bytes inserted, overwritten or cut."""
    data = bytearray(draw(st.sampled_from([pages.text_dump(), pages.html_page(), pages.json_record()])).encode())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        patch = draw(st.binary(min_size=0, max_size=6))
        data[at : at + draw(st.integers(0, 6))] = patch
    return bytes(data)


raw_inputs = st.one_of(st.binary(max_size=3000), encoded, mutated_pages())
inputs = st.one_of(raw_inputs, raw_inputs.map(lambda data: gzip.compress(data, mtime=0)))
names = st.sampled_from(["", "page.txt", "page.html", "record.json", "record.json.gz", "scrape.bin"])
content_types = st.sampled_from(
    [None, "text/plain", "text/html; charset=utf-8", "application/json", "binary/octet-stream"]
)


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("newsclean").joinpath("schema/article.schema.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def outcome(data: bytes, name: str = "", content_type: str | None = None) -> dict[str, Any] | tuple[str, str]:
    """The article's document, or (reason, message) of the rejection. Any other exception escapes."""
    try:
        return clean(data, name=name, content_type=content_type).to_dict()
    except RejectedInput as rejection:
        assert isinstance(rejection.reason, RejectReason)
        return (rejection.reason.value, rejection.message)


@given(inputs, names, content_types)
def test_any_bytes_give_a_valid_article_or_a_rejection(data: bytes, name: str, content_type: str | None) -> None:
    result = outcome(data, name, content_type)
    if isinstance(result, dict):
        validator().validate(result)
        assert json.loads(json.dumps(result, ensure_ascii=False)) == result  # what the handler writes, read back


@given(inputs, names)
def test_cleaning_is_deterministic(data: bytes, name: str) -> None:
    assert outcome(data, name) == outcome(data, name)


def writable(result: dict[str, Any] | tuple[str, str]) -> bool:
    """An article as the handler writes it: JSON in UTF-8 (no lone surrogate), valid to the schema."""
    if isinstance(result, dict):
        validator().validate(result)
        json.dumps(result, ensure_ascii=False).encode("utf-8")
    return True


# JSON values a scraper's record may hold, written out (``json.dumps`` writes no integer of over
# 4,300 digits, nor duplicate keys), for every field the decoder reads and some it does not.
json_values = st.one_of(
    st.sampled_from(
        ["null", "true", "false", "NaN", "Infinity", "-Infinity", "1e999", "-0", "4.5", "[]", "{}", '""']
        + ['"\\ud800"', '"x\\u0000y"', '"\\udfff \\ud83d\\ude00"', '"2024-03-05T10:00+99:99"']
    ),
    st.integers(1, 6000).map(lambda digits: "9" * digits),
    st.integers(1, 6000).map(lambda digits: "-" + "1" * digits),
    st.integers(1, 20_000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(1, 20_000).map(lambda depth: '{"a":' * depth + "1" + "}" * depth),
    documents.map(json.dumps),
    st.text(max_size=40).map(json.dumps),
)
record_fields = st.sampled_from((*RECORD_BODY_FIELDS, *RECORD_META_FIELDS, "page", "id"))
extreme_records = st.lists(st.tuples(record_fields, json_values), max_size=8).map(
    lambda fields: "{" + ", ".join(f"{json.dumps(key)}: {value}" for key, value in fields) + "}"
)
json_inputs = st.builds(
    lambda text, wrap, encoding: wrap.format(text).encode(encoding),  # (the JSON is ASCII)
    st.one_of(extreme_records, json_values),
    st.sampled_from(["{}", "[{}]", " {}\n"]),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)


@given(json_inputs, st.sampled_from(["", "record.json", "record.txt"]), st.sampled_from([None, "application/json"]))
def test_json_records_with_extreme_values_give_an_article_or_a_rejection(
    data: bytes, name: str, content_type: str | None
) -> None:
    assert writable(outcome(data, name, content_type))


# Every name Python knows a codec by, and names it does not.
CODEC_NAMES = sorted(
    set(encodings.aliases.aliases)
    | set(encodings.aliases.aliases.values())
    | {module.name for module in pkgutil.iter_modules(encodings.__path__)}
)
charsets = st.one_of(st.sampled_from(CODEC_NAMES), st.from_regex(r"[A-Za-z0-9_.:-]{1,40}", fullmatch=True))


@st.composite
def declared_charsets(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A page, its bytes in some charset (not always UTF-8), declaring ``charset`` in a <meta>
    tag, an XML declaration or the content type."""
    charset, where = draw(charsets), draw(st.sampled_from(["meta", "xml", "content type"]))
    page = draw(st.one_of(html_pages, text_pages.map(lambda text: text + "\nFiskarna på Ytterö, 5 €.\n")))
    if where == "meta":
        meta = f'<meta charset="{charset}">'
        page = page.replace("<head>", f"<head>{meta}", 1) if "<head>" in page else meta + page
    elif where == "xml":
        page = f'<?xml version="1.0" encoding="{charset}"?>\n{page}'
    data = page.encode(draw(st.sampled_from(["cp1252", "utf-8", "koi8-r", "shift_jis", "utf-16"])), errors="replace")
    return data + draw(st.binary(max_size=8)), f"text/html; charset={charset}" if where == "content type" else None


@given(declared_charsets())
def test_any_declared_charset_gives_an_article_or_a_rejection(page: tuple[bytes, str | None]) -> None:
    data, content_type = page
    assert writable(outcome(data, content_type=content_type))


def rendered(article: Article) -> str:
    return "\n".join(([article.headline] if article.headline else []) + list(article.body))


# An article: a headline and at least three paragraphs of a few sentences, with boilerplate lines
# before, between and after them.
long_sentences = st.lists(st.sampled_from(WORDS), min_size=8, max_size=25).map(
    lambda words: " ".join(words).capitalize()
)
story_paragraphs = st.lists(long_sentences, min_size=2, max_size=4).map(lambda parts: ". ".join(parts) + ".")
stories = st.builds(
    lambda headline, body, chrome, spots: "\n".join(interleave([headline.rstrip(".")] + body, chrome, spots)),
    sentences,
    st.lists(story_paragraphs, min_size=3, max_size=8, unique=True),
    st.lists(st.sampled_from(BOILERPLATE), max_size=6),
    st.lists(st.integers(0, 9), max_size=6),
)


def interleave(story: list[str], chrome: list[str], spots: list[int]) -> list[str]:
    lines = list(story)
    for line, spot in zip(chrome, spots, strict=False):
        lines.insert(min(spot, len(lines)), line)
    return lines


@given(stories)
def test_cleaning_an_articles_own_text_keeps_its_body(page: str) -> None:
    try:
        article = clean(page.encode())
    except RejectedInput:
        return
    again = clean(rendered(article).encode("utf-8"), name="rendered.txt")
    assert again.body == article.body


@given(tag_soup)
def test_the_tag_scan_bounds_how_deep_any_tag_soup_nests(soup: str) -> None:
    limit = 8
    scanned = scan_tags(soup, max_open=limit, max_work=10**9, max_attributes=10**9)
    # Elements the scan does not count (<p>, <li>, <td>, implied <tbody>...) sit between counted ones.
    assert deepest(scanned.html) <= 3 * limit + 10


# The pieces the tokenizer reads attributes by, and comments, raw text and foreign content around
# them; white space it does not take for any ("\x0b", no-break space) too.
ATTRIBUTE_SOUP = (
    "<", ">", "</", "/", " ", "\t", "\n", "\x0c", "\r", "\x0b", "\u00a0", "=", '"', "'", "a", "b", "id", "x",
    "div", "p", "svg", "style", "script", "title", "<!--", "-->", "<!", "<?", "<![CDATA[", "]]>", "<div ", "<b ",
    "<svg ", "<script>", "</script>", "<style>", "<textarea>", "<plaintext>", "<table>", "<select>", "<font color=red ",
)  # fmt: skip
attribute_soup = st.lists(st.sampled_from(ATTRIBUTE_SOUP), max_size=80).map("".join)
# Elements that gather the attributes of every tag of their name.
MERGED_ELEMENTS = frozenset({"html", "head", "body"})


def most_attributes(html: str) -> int:
    """The most attributes the parser gives one element."""
    nodes = LexborHTMLParser(html).root.traverse(include_text=False)
    return max((len(node.attributes) for node in nodes if node.tag not in MERGED_ELEMENTS), default=0)


@given(attribute_soup)
def test_the_tag_scan_sees_every_attribute_the_parser_keeps(soup: str) -> None:
    most = most_attributes(soup)
    if most:
        assert not scan_tags(soup, max_open=8, max_work=10**9, max_attributes=most - 1).finished
