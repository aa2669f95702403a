"""Inputs that made ``clean`` raise something other than ``RejectedInput`` (issue 15, item 3).

JSON records with numbers Python will not read, nesting, NaN, duplicate keys, fields of
the wrong type and surrogates no UTF-8 can encode; declared charsets that Python knows
but that are no page's charset (bytes-to-bytes codecs, escape decoders, "undefined").
Each now gives its article, or a rejection with a reason code.
"""

from __future__ import annotations

import codecs
import encodings
import encodings.aliases
import gzip
import json
import pkgutil

import pytest

from newsclean import DEFAULT_CONFIG, Article, RejectedInput, RejectReason, clean
from newsclean.decode.input import DecodedInput, decode_input
from tests.reliability import pages

TEXT = json.dumps(pages.text_dump())
HUGE_INTEGER = "9" * 5000  # Python reads no integer of more than 4,300 digits


def decode(data: bytes, name: str = "", content_type: str | None = None) -> DecodedInput:
    return decode_input(data, name=name, content_type=content_type, config=DEFAULT_CONFIG)


def writable(article: Article) -> bool:
    """As the handler writes it: JSON in UTF-8, which no lone surrogate survives."""
    return bool(json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"))


# ---------------------------------------------------------------- JSON records


@pytest.mark.parametrize("field", ["id", "date", "published", "title"])
def test_a_huge_integer_in_a_record_leaves_its_article(field: str) -> None:
    article = clean(f'{{"text": {TEXT}, "{field}": {HUGE_INTEGER}, "n": [-{HUGE_INTEGER}]}}'.encode())
    assert pages.keeps_the_body(article.body)
    assert article.published is None  # an infinite number states no date


def test_a_record_that_is_an_array_holding_a_huge_integer_is_no_record() -> None:
    with pytest.raises(RejectedInput) as caught:
        clean(f"[{HUGE_INTEGER}]".encode(), name="record.json")
    assert caught.value.reason is RejectReason.BAD_JSON_RECORD


def test_a_timestamp_is_still_read_as_a_number() -> None:
    assert decode(f'{{"text": {TEXT}, "date": 1709632800}}'.encode()).record["date"] == "1709632800"


def test_nan_infinity_and_booleans_state_nothing() -> None:
    record = f'{{"text": {TEXT}, "title": NaN, "date": -Infinity, "published": 1e999, "language": true}}'
    assert decode(record.encode()).record == {}
    assert pages.keeps_the_body(clean(record.encode()).body)


def test_a_record_nested_too_deep_is_invalid_json() -> None:
    nested = '{"a":' * 100_000 + "1" + "}" * 100_000
    with pytest.raises(RejectedInput) as caught:
        clean(nested.encode(), name="record.json")
    assert caught.value.reason is RejectReason.BAD_JSON_RECORD
    deep_field = f'{{"text": {TEXT}, "extra": {"[" * 100_000}{"]" * 100_000}}}'
    with pytest.raises(RejectedInput):
        clean(deep_field.encode(), name="record.json")  # the parser cannot read the record at all


def test_of_duplicate_keys_the_last_counts() -> None:
    assert decode(f'{{"text": "A first draft.", "text": {TEXT}}}'.encode()).text == pages.text_dump()
    with pytest.raises(RejectedInput) as caught:
        decode(f'{{"text": {TEXT}, "text": 7}}'.encode())
    assert caught.value.reason is RejectReason.BAD_JSON_RECORD


@pytest.mark.parametrize("value", ["null", "42", "4.2", "true", '["a page"]', '{"html": "<p>a page</p>"}', '""'])
def test_a_body_field_of_the_wrong_type_is_skipped(value: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(f'{{"text": {value}, "url": "https://courier.example/ferry"}}'.encode())
    assert caught.value.reason is RejectReason.BAD_JSON_RECORD
    assert decode(f'{{"text": {value}, "body": {TEXT}}}'.encode()).text == pages.text_dump()


@pytest.mark.parametrize("value", ["null", "[1, 2]", '{"a": 1}', "false"])
def test_a_metadata_field_of_the_wrong_type_states_nothing(value: str) -> None:
    assert decode(f'{{"text": {TEXT}, "url": {value}, "author": {value}}}'.encode()).record == {}


def test_lone_surrogates_in_a_record_become_replacement_characters() -> None:
    text = TEXT.replace("ferry", "f\\ud800rry")
    record = f'{{"text": {text}, "url": "https://courier.example/\\udfff", "language": "en\\ud83d"}}'
    article = clean(record.encode())
    assert writable(article)
    assert any("f\ufffdrry" in paragraph for paragraph in article.body)
    assert decode(record.encode()).record["url"] == "https://courier.example/\ufffd"
    assert "\U0001f600" in decode(b'{"text": "A smile \\ud83d\\ude00 in a pair."}').text  # a pair is kept


def test_a_record_holding_binary_data_as_its_text_is_binary() -> None:
    compressed = gzip.compress(pages.html_page().encode()).decode("latin-1")  # as a careless scraper stores it
    with pytest.raises(RejectedInput) as caught:
        clean(json.dumps({"text": compressed}).encode())
    assert caught.value.reason is RejectReason.BINARY


def test_a_record_in_another_encoding_is_read() -> None:
    record = json.dumps(
        {"text": pages.text_dump() + "Fiskarna på Ytterö säger att färjan behövs.\n"}, ensure_ascii=False
    )
    for encoding in ("utf-16", "cp1252"):
        assert "Ytterö" in decode(record.encode(encoding)).text


# ---------------------------------------------------------------- declared charsets

# A page whose bytes are not UTF-8, so that its declared charset is read.
WESTERN = pages.text_dump() + "Fiskarna på Ytterö säger att färjan behövs året runt.\n"
CODEC_NAMES = sorted(
    set(encodings.aliases.aliases)
    | set(encodings.aliases.aliases.values())
    | {module.name for module in pkgutil.iter_modules(encodings.__path__)}
    | {"undefined", "rot13", "x-user-defined", "utf-8-nonsense", "ansi", "mbcs", "oem", "tactis"}
)


def in_meta(charset: str) -> bytes:
    page = pages.html_page().replace("<meta charset='utf-8'>", f'<meta charset="{charset}">')
    return page.replace("</article>", "<p>Fiskarna på Ytterö säger att färjan behövs.</p></article>").encode("cp1252")


def test_every_charset_python_knows_declares_a_readable_page_or_none() -> None:
    for charset in CODEC_NAMES:
        decoded = decode(in_meta(charset))
        assert decoded.markup == "html", charset
        codecs.lookup(decoded.charset)  # a charset Python can name
        assert "Ytter" in decoded.text, charset
        for content_type in (f"text/html; charset={charset}", f"text/plain; charset={charset}"):
            assert decode(WESTERN.encode("cp1252"), content_type=content_type).text == WESTERN, charset
        xml = f'<?xml version="1.0" encoding="{charset}"?>\n<html><body><p>Ytterö</p></body></html>'
        assert "Ytter" in decode(xml.encode("cp1252")).text, charset


@pytest.mark.parametrize(
    "charset", ["undefined", "rot13", "base64", "hex", "zlib", "uu", "bz2", "quopri", "idna", "punycode", "utf-7"]
)
def test_a_codec_that_is_no_charset_is_read_as_no_declaration(charset: str) -> None:
    article = clean(in_meta(charset))
    assert article.source.charset == "cp1252"
    assert any("Ytterö" in paragraph for paragraph in article.body)


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape"])
def test_escapes_in_a_page_declaring_an_escape_codec_stay_text(charset: str) -> None:
    page = in_meta(charset).replace(b"<p>Fiskarna", b"<p>Escapes \\ud800 and \\u00e9 stay as written. Fiskarna")
    article = clean(page)
    assert writable(article)
    assert any("\\ud800 and \\u00e9" in paragraph for paragraph in article.body)


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "utf-32", "UTF-32BE", "cp037", "ebcdic-cp-ch"])
def test_a_page_declaring_in_ascii_a_charset_that_misreads_ascii_is_not_in_it(charset: str) -> None:
    # Read as UTF-16 the page would be CJK nonsense; read as EBCDIC, control characters (binary).
    assert decode(in_meta(charset)).charset == "cp1252"


def test_a_declared_charset_that_fits_is_used() -> None:
    page = in_meta("koi8-r").replace("Fiskarna".encode("cp1252"), "Рыбаки".encode("koi8-r"))
    decoded = decode(page)
    assert decoded.charset == "koi8-r" and "Рыбаки" in decoded.text


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("stamp", ["2024-03-05T10:00+99:99", "2024-03-05 10:00 -2400", "March 5, 2024 10:00 +24:00"])
def test_a_time_zone_a_day_or_more_off_is_no_zone(stamp: str) -> None:
    article = clean(pages.text_dump().replace(pages.BYLINE, f"{pages.BYLINE}\n{stamp}").encode())
    assert pages.keeps_the_body(article.body)
    record = json.dumps({"text": pages.text_dump(), "date": stamp}).encode()
    assert (clean(record).published or "").startswith("2024-03-05")
