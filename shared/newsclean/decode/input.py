"""Bytes in, text out: unwrap gzip, reject binaries, find the charset, open JSON records.

The decision is taken from the bytes; the name and content type only break
ties (a ``.json`` name makes unparsable JSON an error instead of text).
"""

from __future__ import annotations

import codecs
import functools
import json
import math
import re
import sys
import zlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from newsclean.config import CleanerConfig
from newsclean.content.language import WESTERN_LANGUAGES, detect_language
from newsclean.model import RejectedInput, RejectReason

if TYPE_CHECKING:
    from newsclean.html.tagscan import Bound

Markup = Literal["text", "html"]

GZIP_MAGIC = b"\x1f\x8b"

# Leading bytes of formats scrapers sometimes store by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How a whole HTML document starts.
HTML_DOCUMENT_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|li|td|h[1-6]|article|section|img|meta|title|table|main)\b", re.IGNORECASE)
ANY_TAG = re.compile(r"</?[a-zA-Z][\w-]*[\s>/]|<!--")
# A document's skeleton, wherever scripts and styles ahead of it push it.
DOCUMENT_TAG = re.compile(r"<(?:html|body|/body|/html|head)[\s>]", re.IGNORECASE)
# A fragment is HTML when most of its lines carry markup; a text dump that merely starts
# with a stray tag (an ad's <a href> kept by a crude scraper) has plain lines after it.
MIN_MARKUP_LINE_SHARE = 0.5
SNIFF_LINES = 200
SKELETON_SAMPLE = 65536
# Saved pages carry 20+ tags per KiB; text dumps that quote markup, one or two.
MIN_TAGS_PER_KIB = 5.0
# A meta charset declaration near the top of an HTML document.
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# Codecs Python knows that are no page's charset: escape decoders (a page's "\u00e9" would become
# a character), domain-name encodings, UTF-7 (browsers refuse it: it can hide markup) and a codec
# that decodes nothing. A page declaring one is read as if it declared none.
NOT_PAGE_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"})
# A declaration read as ASCII names a charset that reads markup as ASCII does: a page that
# declares UTF-16 or EBCDIC (cp037, cp500...) in ASCII is in neither (WHATWG's sniffing agrees).
ASCII_MARKUP = b"<!DOCTYPE html><meta charset=\"x-y_z\" content='a b'>\n\t</p>&amp; AZ az 09 .:;,!?()[]"
# Control characters that never occur in text (tab, newline, CR, FF are fine).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Those of them that are not line breaks either (NUL padding, escape codes): removed from text.
# Written as one of them then any more (not "[...]+"): a pattern that opens with a character
# class is scanned for quickly, which matters on a page of 100 kB.
STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f][\x00-\x08\x0e-\x1b\x7f]*")
# What str.splitlines() breaks lines at, so what a text dump's blocks are split by.
LINE_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")

RECORD_BODY_FIELDS = ("html", "text", "content", "body")
RECORD_META_FIELDS = ("url", "title", "language", "lang", "published", "date", "author", "byline")
# Python reads an integer of any length up to this many digits, whatever its limit is set to
# (4,300 by default: a longer one raises ValueError).
SAFE_INTEGER_DIGITS = sys.int_info.str_digits_check_threshold
# Surrogates left alone: JSON's "\ud800" escape, which no UTF-8 can encode.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class DecodedInput:
    """The input as text, with what was learnt on the way."""

    markup: Markup
    text: str
    format: str
    charset: str
    record: dict[str, str] = field(default_factory=dict)  # url, title... from a JSON record


def decode_input(data: bytes, *, name: str, content_type: str | None, config: CleanerConfig) -> DecodedInput:
    if len(data) > config.max_input_bytes:
        raise RejectedInput(
            RejectReason.TOO_LARGE, f"{len(data)} bytes is over the {config.max_input_bytes}-byte limit"
        )
    raw, compressed = _gunzip_layers(data, config)
    if not raw.strip():
        raise RejectedInput(RejectReason.EMPTY_INPUT, "the input holds no text")
    _reject_binary(raw)
    text, charset = _to_text(raw)
    _reject_control_heavy(text, config)
    text = _without_stray_controls(text)
    prefix = "gzip+" if compressed else ""
    if _looks_like_json(text, name, content_type):
        decoded = _open_record(text, charset, prefix, strict=_declares_json(name, content_type), config=config)
    else:
        markup = sniff_markup(text, name, content_type)
        decoded = DecodedInput(markup=markup, text=text, format=prefix + markup, charset=charset)
    return _within_budget(decoded, config)


def sniff_markup(text: str, name: str = "", content_type: str | None = None) -> Markup:
    """HTML when the text starts like a document, or is a fragment dense with tags whose lines
    mostly carry markup; else a text dump."""
    head = text[:4096]
    if HTML_DOCUMENT_START.match(head) or _has_document_skeleton(text):
        return "html"
    hinted = name.lower().endswith((".html", ".htm")) or "html" in (content_type or "").lower()
    if len(HTML_TAG.findall(head)) < 3 or not (hinted or head.lstrip().startswith("<")):
        return "text"
    lines = [line for line in text[:65536].splitlines()[:SNIFF_LINES] if line.strip()]
    with_markup = sum(1 for line in lines if ANY_TAG.search(line))
    return "html" if with_markup >= MIN_MARKUP_LINE_SHARE * len(lines) else "text"


def _has_document_skeleton(text: str) -> bool:
    """<html>/<body> tags behind leading scripts or styles, or in a page saved from its middle;
    a text dump that quotes such a tag (an article about HTML) has few tags around it."""
    sample = text[:SKELETON_SAMPLE]
    if not DOCUMENT_TAG.search(sample):
        return False
    tags_per_kib = len(ANY_TAG.findall(sample)) * 1024 / max(1, len(sample))
    return sample.lstrip().startswith("<") or tags_per_kib >= MIN_TAGS_PER_KIB


def _gunzip_layers(data: bytes, config: CleanerConfig) -> tuple[bytes, bool]:
    compressed = False
    layers = 0
    while data[:2] == GZIP_MAGIC:
        layers += 1
        if layers > config.max_gzip_layers:
            raise RejectedInput(RejectReason.CORRUPT_GZIP, f"more than {config.max_gzip_layers} nested gzip layers")
        data = _gunzip_bounded(data, config.max_decompressed_bytes)
        compressed = True
    return data, compressed


def _gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress one gzip stream (and any concatenated members) without expanding past ``limit``."""
    out = bytearray()
    pending = data
    while pending:
        decompressor = zlib.decompressobj(wbits=31)
        try:
            out += decompressor.decompress(pending, limit + 1 - len(out))
        except zlib.error as error:
            raise RejectedInput(RejectReason.CORRUPT_GZIP, f"gzip stream is corrupt: {error}") from error
        if len(out) > limit:
            raise RejectedInput(RejectReason.DECOMPRESSED_TOO_LARGE, f"decompresses to more than {limit} bytes")
        if not decompressor.eof:
            raise RejectedInput(RejectReason.CORRUPT_GZIP, "gzip stream is truncated")
        # A further member may follow (concatenated gzip); trailing zero padding is allowed.
        pending = decompressor.unused_data.lstrip(b"\x00")
    return bytes(out)


def _reject_binary(raw: bytes) -> None:
    for signature, what in BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise RejectedInput(RejectReason.BINARY, f"the input is a {what}, not a page")


def _to_text(raw: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decode_leniently(raw[len(bom) :], encoding)
    # Before UTF-8: ASCII text in UTF-16 is valid UTF-8 too, a NUL after every letter.
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _decode_leniently(raw, utf16)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared:
        try:
            return raw.decode(declared), declared
        except (LookupError, UnicodeError):  # a bytes-to-bytes codec, or bytes not in the charset
            pass
    western = _as_western_text(raw)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes  # the last resort: most inputs never get here, nor pay its import

    best = from_bytes(raw[:262144]).best()
    detected = _page_codec(best.encoding) if best is not None else None
    if detected is None:
        # No charset fits; Windows-1252 read leniently keeps every byte a character.
        return raw.decode("cp1252", errors="replace"), "cp1252"
    return raw.decode(detected, errors="replace"), detected


def _as_western_text(raw: bytes) -> str | None:
    """Windows-1252 is the web's default legacy charset (WHATWG); detectors often misread short
    Western European text as Central European, so it is tried first and kept when the result
    reads as a Western European language by its function words."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if detect_language(text[:4000]) in WESTERN_LANGUAGES else None


def _decode_leniently(raw: bytes, encoding: str) -> tuple[str, str]:
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError:
        return raw.decode(encoding, errors="replace"), encoding


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text of a Latin-script page has a zero in every other byte."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(raw: bytes) -> str | None:
    match = META_CHARSET.search(raw[:4096])
    if not match:
        return None
    codec = _page_codec(match.group(1).decode("ascii"))
    return codec if codec is not None and _reads_ascii_markup(codec) else None


def _page_codec(label: str) -> str | None:
    """Python's name for the charset ``label`` names, if it is one a page can be written in."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name in NOT_PAGE_CHARSETS else name


@functools.cache
def _reads_ascii_markup(codec: str) -> bool:
    try:
        return ASCII_MARKUP.decode(codec) == ASCII_MARKUP.decode("ascii")
    except (LookupError, UnicodeError):  # a bytes-to-bytes codec, or one that fails on markup
        return False


def _reject_control_heavy(text: str, config: CleanerConfig) -> None:
    sample = text[:65536]
    controls = len(CONTROL_CHARS.findall(sample))
    if controls > config.max_control_char_ratio * len(sample):
        raise RejectedInput(RejectReason.BINARY, f"{controls} control characters in the first {len(sample)}")


def _declares_json(name: str, content_type: str | None) -> bool:
    return name.lower().endswith((".json", ".json.gz", ".jsonl")) or "json" in (content_type or "").lower()


def _looks_like_json(text: str, name: str, content_type: str | None) -> bool:
    start = text.lstrip()[:1]
    return start == "{" or (start == "[" and _declares_json(name, content_type))


def _open_record(text: str, charset: str, prefix: str, *, strict: bool, config: CleanerConfig) -> DecodedInput:
    try:
        record = json.loads(text, parse_int=_json_integer)
    except (json.JSONDecodeError, RecursionError) as error:  # (RecursionError: nested too deep)
        if strict:
            raise RejectedInput(RejectReason.BAD_JSON_RECORD, f"not valid JSON: {error}") from error
        return DecodedInput(markup="text", text=text, format=prefix + "text", charset=charset)
    if not isinstance(record, dict):
        raise RejectedInput(
            RejectReason.BAD_JSON_RECORD, f"the JSON record is a {type(record).__name__}, not an object"
        )
    for key in RECORD_BODY_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            _reject_control_heavy(value, config)  # binary data (gzip's, say) stored as a string
            value = _without_stray_controls(_without_lone_surrogates(value))  # JSON can spell both as escapes
            markup = sniff_markup(value, content_type="text/html" if key == "html" else None)
            meta = {k: stated for k in RECORD_META_FIELDS if (stated := _meta_value(record.get(k))) is not None}
            return DecodedInput(
                markup=markup, text=value, format=f"{prefix}json+{markup}", charset=charset, record=meta
            )
    raise RejectedInput(
        RejectReason.BAD_JSON_RECORD, f"the JSON record has none of the fields {', '.join(RECORD_BODY_FIELDS)}"
    )


def _json_integer(digits: str) -> int | float:
    """An integer of more than 640 digits is read as a float: infinite, so no value (``_meta_value``);
    ``int`` raises ValueError past 4,300 digits, and its limit can be set lower."""
    return int(digits) if len(digits) <= SAFE_INTEGER_DIGITS else float(digits)


def _meta_value(value: object) -> str | None:
    """A record's url, title, date... as text: a string, or a finite number (a timestamp)."""
    if isinstance(value, str):
        return STRAY_CONTROLS.sub("", _without_lone_surrogates(value))
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # true/false, lists and objects say nothing of the page
    if isinstance(value, float) and not math.isfinite(value):
        return None  # nor do NaN and Infinity
    return str(value)  # (an integer of 640 digits at most: ``_json_integer``)


def _without_lone_surrogates(text: str) -> str:
    """Each surrogate left alone becomes U+FFFD, as a decoder's replacement: the article must be
    writable as UTF-8."""
    return text if text.isascii() else LONE_SURROGATE.sub("\ufffd", text)


def _without_stray_controls(text: str) -> str:
    cleaned = STRAY_CONTROLS.sub("", text)
    if not cleaned.strip():
        raise RejectedInput(RejectReason.EMPTY_INPUT, "the input holds only control characters and spaces")
    return cleaned


def _within_budget(decoded: DecodedInput, config: CleanerConfig) -> DecodedInput:
    """Reject a flood of lines, tags or attributes before it is split into blocks; flatten HTML
    nested too deep.

    Cleaning time and memory grow with the number of blocks, and the HTML parser's with how
    deeply tags nest and how many attributes they hold (``newsclean.html.tagscan``); all are bounded
    here, in linear time.
    """
    if decoded.markup == "text":
        lines = _line_count(decoded.text, config.max_lines)
        if lines > config.max_lines:
            raise RejectedInput(RejectReason.TOO_COMPLEX, f"{lines} lines; a page has at most {config.max_lines}")
        return decoded
    from newsclean.html.tagscan import scan_tags  # HTML only

    scan = scan_tags(
        decoded.text,
        max_open=config.max_open_elements,
        max_work=config.max_html_work,
        max_attributes=config.max_tag_attributes,
    )
    if scan.exceeded is not None:
        raise RejectedInput(RejectReason.TOO_COMPLEX, _over_bound(scan.exceeded, config))
    return replace(decoded, text=scan.html) if scan.dropped else decoded


def _over_bound(bound: Bound, config: CleanerConfig) -> str:
    from newsclean.html.tagscan import Bound  # loaded by now: the scan returned ``bound``

    if bound is Bound.TAG_ATTRIBUTES:
        return f"a tag has over {config.max_tag_attributes} attributes; a page's have at most ~100"
    if bound is Bound.REREAD:
        return "so many tags sit in quoted values holding '>' that reading them costs over twice the page"
    return f"parsing the HTML would take over {config.max_html_work} steps (tags, attributes, formatting tag copies)"


def _line_count(text: str, limit: int) -> int:
    """The non-blank lines of ``text``, counted one by one only when its line breaks pass ``limit``."""
    breaks = sum(text.count(separator) for separator in LINE_BREAKS)
    if breaks < limit:
        return breaks + 1
    return sum(1 for line in text.splitlines() if line.strip())
