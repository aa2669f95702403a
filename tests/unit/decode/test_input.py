"""Sniffing and decoding: the format and charset come from the bytes."""

from __future__ import annotations

import codecs
import gzip
import json

import pytest

from newsclean.config import CleanerConfig
from newsclean.decode.input import decode_input, sniff_markup
from newsclean.model import RejectedInput, RejectReason

TEXT = "Café owners in Porthaven say the new bridge toll will cost them dearly — “it is a disaster”.\n"
HTML = "<!DOCTYPE html><html lang='en'><head><title>Bridge toll</title></head><body><p>Café owners…</p></body></html>"
CONFIG = CleanerConfig()


def decode(data: bytes, name: str = "", content_type: str | None = None, config: CleanerConfig = CONFIG):
    return decode_input(data, name=name, content_type=content_type, config=config)


@pytest.mark.parametrize(
    ("data", "charset"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM
    ],
)
def test_unicode_encodings(data: bytes, charset: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.charset == charset
    assert decoded.markup == "text"


def test_windows_1252_is_detected_not_assumed() -> None:
    text = ("Les cafés du port ont été fermés pendant l’été, a déclaré le maire. " * 8).strip()
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.charset in {"cp1252", "latin_1", "iso8859-15"} or decoded.charset.startswith("cp125")


def test_html_declared_charset_is_used() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>Ålesund og Tromsø får ny ferje</p></body></html>"
    decoded = decode(html.encode("latin-1"))
    assert "Ålesund og Tromsø" in decoded.text
    assert decoded.markup == "html"


def test_gzip_of_html() -> None:
    decoded = decode(gzip.compress(HTML.encode()))
    assert decoded.format == "gzip+html"
    assert decoded.text == HTML


def test_gzip_bomb_is_rejected_without_expanding() -> None:
    bomb = gzip.compress(b"a" * (5 * 1024 * 1024))
    small = CleanerConfig(max_decompressed_bytes=1024 * 1024)
    with pytest.raises(RejectedInput) as caught:
        decode(bomb, config=small)
    assert caught.value.reason is RejectReason.DECOMPRESSED_TOO_LARGE


def test_truncated_gzip() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(gzip.compress(TEXT.encode() * 50)[:-20])
    assert caught.value.reason is RejectReason.CORRUPT_GZIP


def test_too_many_gzip_layers() -> None:
    data = TEXT.encode()
    for _ in range(4):
        data = gzip.compress(data)
    with pytest.raises(RejectedInput) as caught:
        decode(data)
    assert caught.value.reason is RejectReason.CORRUPT_GZIP


def test_oversize_input() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(b"a" * 2048, config=CleanerConfig(max_input_bytes=1024))
    assert caught.value.reason is RejectReason.TOO_LARGE


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"%PDF-1.7\n%...", b"PK\x03\x04" + b"\x00" * 30, bytes(range(256)) * 4],
)
def test_binary_inputs_are_rejected(data: bytes) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(data)
    assert caught.value.reason is RejectReason.BINARY


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  "])
def test_empty_inputs_are_rejected(data: bytes) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(data)
    assert caught.value.reason is RejectReason.EMPTY_INPUT


@pytest.mark.parametrize(
    ("record", "markup"),
    [
        ({"url": "https://example.org/a", "html": HTML}, "html"),
        ({"title": "Toll", "text": TEXT}, "text"),
        ({"content": HTML}, "html"),
        ({"body": TEXT}, "text"),
    ],
)
def test_json_records(record: dict[str, str], markup: str) -> None:
    decoded = decode(json.dumps(record).encode(), name="page.json")
    assert decoded.markup == markup
    assert decoded.format == f"json+{markup}"
    assert decoded.record.get("url") == record.get("url")


@pytest.mark.parametrize("data", [b"[1, 2, 3]", b'{"id": 7, "status": "ok"}', b'{"html": ""}', b"{not json"])
def test_bad_json_records(data: bytes) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(data, name="record.json")
    assert caught.value.reason is RejectReason.BAD_JSON_RECORD


def test_brace_led_text_without_a_json_name_stays_text() -> None:
    assert decode(b"{Updated} Ferry timetable changes from Monday").markup == "text"


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        (HTML, "html"),
        ("<!-- saved page -->\n<html><body><p>x</p></body></html>", "html"),
        ("<div class='a'><p>One</p><p>Two</p><a href='#'>x</a></div>", "html"),
        ("Headline\n\nA paragraph that uses <b> literally in text.", "text"),
        ("<3 our readers\nA short note.", "text"),
    ],
)
def test_sniff_markup(text: str, markup: str) -> None:
    assert sniff_markup(text) == markup


def test_text_dump_that_starts_with_a_stray_tag_stays_text() -> None:
    dump = (
        "<a href='https://ads.example/click'><img src='https://ads.example/banner.gif' alt=''/></a>\n\n"
        "News\n\nFerry timetable changes from Monday\n\nby Sam Ortiz - March 5 2024\n\n"
        "The ferry will run twice a day from March, the operator said on Tuesday.\n\n"
        "Islanders said the change would leave them without a same-day return.\n"
    )
    assert sniff_markup(dump) == "text"


def test_page_saved_from_a_script_onwards_is_html() -> None:
    page = (
        "function preload() {\n  var images = [];\n  return images;\n}\n</script>\n"
        + "<html><body><div><p>Ferry timetable changes from Monday.</p><p>More sailings on Fridays.</p></div>"
        + "<ul><li><a href='/a'>Home</a></li><li><a href='/b'>News</a></li></ul></body></html>\n"
    )
    assert sniff_markup(page) == "html"


def test_article_that_quotes_a_body_tag_stays_text() -> None:
    dump = "How to write a page\n\n" + "A page starts with <html> and its content goes inside <body>.\n\n" * 3
    dump += "\n".join(f"Step {n}: write the paragraph, then check it in a browser." for n in range(40))
    assert sniff_markup(dump) == "text"
