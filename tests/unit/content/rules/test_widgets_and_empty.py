from __future__ import annotations

from newsclean import clean
from newsclean.content.rules.chrome import EmptyBlock, HiddenElement, WeatherOrTickerWidget
from newsclean.model import Block, ReasonCode


def test_weather_line_is_a_widget(page_of) -> None:
    page = page_of("| 7.2°C Dublin", "Porthaven 11° Cloudy", "FTSE 100 7,512.3 +0.4%")
    rule = WeatherOrTickerWidget()
    assert rule.reason is ReasonCode.WIDGET
    assert all(rule.applies(b, page) for b in page.blocks)


def test_sentence_with_a_temperature_is_not_a_widget(page_of) -> None:
    page = page_of("Forecasters said temperatures would reach 31°C in the valley by Friday afternoon.")
    assert not WeatherOrTickerWidget().applies(page.blocks[0], page)


def test_separators_are_empty(page_of) -> None:
    page = page_of("|", "* * *", "—", "A")
    rule = EmptyBlock()
    assert [rule.applies(b, page) for b in page.blocks] == [True, True, True, False]


def test_hidden_html_blocks_are_dropped(page_of) -> None:
    page = page_of("x")
    assert HiddenElement().applies(Block(index=0, text="Menu", hidden=True), page)
    assert not HiddenElement().applies(Block(index=0, text="Menu"), page)


def test_a_wire_section_rule_is_left_to_the_score(page_of) -> None:
    page = page_of("___", "_____", "--- ___ ---", "__")
    assert [EmptyBlock().applies(b, page) for b in page.blocks] == [False, False, True, True]


def test_a_wire_section_rule_between_paragraphs_stays_in_the_body() -> None:
    paragraphs = [
        "The Porthaven ferry carried its first passengers of the year on Monday after three months in dry dock.",
        "Harbour staff said the new engine was quieter and would cut the crossing time by almost ten minutes.",
        "___",
        "Timetables for the summer season will be posted at the quay and in the library later this week, "
        "the harbour office said.",
        "Fares will stay the same until the autumn, when the board reviews them, the office added on Monday.",
    ]
    lines = ["Ferry returns after winter repairs", *paragraphs, "Privacy", "Terms of use"]
    assert list(clean("\n".join(lines).encode(), name="page.txt").body) == paragraphs
