"""Decoding regressions found by the hostile-input catalogue (tests/reliability)."""

from __future__ import annotations

import json

import pytest

from newsclean import DEFAULT_CONFIG, CleanerConfig, RejectedInput, RejectReason, clean
from newsclean.decode.input import DecodedInput, decode_input

ARTICLE = (
    "Tide gauge on the east pier to be replaced\n"
    "The harbour board agreed on Thursday to replace the tide gauge on the east pier, which has "
    "given false readings since the storm in February.\n"
    "Pilots said they had been relying on the old painted scale at the foot of the lighthouse steps, "
    "which is hard to read after dark.\n"
    "The new gauge will report the water level every minute to the harbour office and to a public "
    "web page, the board's engineer said.\n"
)


def decode(data: bytes, config: CleanerConfig = DEFAULT_CONFIG) -> DecodedInput:
    return decode_input(data, name="", content_type=None, config=config)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ascii_text_in_utf16_without_bom_is_not_binary(encoding: str) -> None:
    # Every other byte is NUL, which is also valid UTF-8: UTF-16 must be tried first.
    decoded = decode(ARTICLE.encode(encoding))
    assert (decoded.text, decoded.charset) == (ARTICLE, encoding)


def test_nul_bytes_are_removed_and_do_not_hide_the_article() -> None:
    padded = ARTICLE.replace("\n", "\x00\n").replace(" gauge", " \x1b[1mgauge")

    article = clean(padded.encode())

    assert len(article.body) == 3
    assert not any(char in paragraph for paragraph in article.body for char in "\x00\x1b")


def test_escaped_control_characters_in_a_json_record_are_removed() -> None:
    record = json.dumps({"text": ARTICLE.replace(" the ", " the\u0000 ")}).encode()
    assert "\x00" not in decode(record).text


def test_only_spaces_and_a_few_control_characters_is_empty() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(b" " * 400 + b"\x00\x07" * 4)
    assert caught.value.reason is RejectReason.EMPTY_INPUT


def test_a_flood_of_lines_is_too_complex() -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(b"word\r" * 101, CleanerConfig(max_lines=100))
    assert caught.value.reason is RejectReason.TOO_COMPLEX
    assert decode(b"word\n\n" * 100, CleanerConfig(max_lines=100)).markup == "text"  # blank lines do not count


def test_html_that_would_cost_the_parser_too_much_is_too_complex() -> None:
    bomb = "<html><body>" + "".join(f"<b id={n}><p>x" for n in range(300))
    with pytest.raises(RejectedInput) as caught:
        decode(bomb.encode(), CleanerConfig(max_html_work=10_000))
    assert caught.value.reason is RejectReason.TOO_COMPLEX


def test_html_nested_too_deep_is_flattened_before_parsing() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[1:])
    page = "<html><body>" + "<div>" * 100_000 + paragraphs + "</div>" * 100_000 + "</body></html>"

    decoded = decode(page.encode())
    article = clean(page.encode())

    assert decoded.text.count("<div>") == CleanerConfig().max_open_elements
    assert article.body == tuple(ARTICLE.splitlines()[1:])


def test_a_tag_with_more_attributes_than_any_page_is_too_complex() -> None:
    flood = "<html><body><div " + " ".join(f"data-n{n}" for n in range(11)) + ">text</div>"
    with pytest.raises(RejectedInput) as caught:
        decode(flood.encode(), CleanerConfig(max_tag_attributes=10))
    assert caught.value.reason is RejectReason.TOO_COMPLEX
    assert decode(flood.encode(), CleanerConfig(max_tag_attributes=11)).markup == "html"
