from __future__ import annotations

import pytest

from newsclean.fields.dates import address_date, find_date, find_printed_date, read_stated_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-05T10:32:00+01:00", "2024-03-05T10:32:00+01:00"),
        ("2024-03-05", "2024-03-05"),
        ("Published March 5, 2024", "2024-03-05"),
        ("Tue 5 March 2024 10.32 GMT", "2024-03-05T10:32:00+00:00"),
        ("Updated: Nov. 19, 2019 at 3:05 p.m. EST", "2019-11-19T15:05:00-05:00"),
        ("5. März 2024, 14:20 Uhr", "2024-03-05T14:20:00"),
        ("12 de marzo de 2023", "2023-03-12"),
        ("Saturday, 22 January, 2011", "2011-01-22"),
        ("14:05 - 9th, Feb 2011", "2011-02-09"),
        ("2019/04/03", "2019-04-03"),
        ("更新 2019.04.03 14:05", "2019-04-03T14:05:00"),
        ("2019年4月3日", "2019-04-03"),
        ("2019年4月3日(水) 10:32", "2019-04-03T10:32:00"),
        ("2019년 4월 3일", "2019-04-03"),
        ("Veröffentlicht am 03.04.2019 um 10:32 Uhr", "2019-04-03T10:32:00"),  # dotted: day first
        ("Mi, 3.4.2019, 10:32", "2019-04-03T10:32:00"),
        ("Опубликовано 03.04.2019", "2019-04-03"),
    ],
)
def test_printed_dates(text: str, iso: str) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "Room 2024 is on the 3rd floor",
        "May we all agree",
        "31 February 2024",
        "2019/13/03",
        "version 1.2019.04.03.5",
        "12.31.2019",  # dots are day first: no 31st month
        "release 1.03.04.2019",
        "5 words 2019",  # any word may stand where a month's name does; only a month's name reads
    ],
)
def test_not_dates(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("20240305", "2024-03-05"),
        ("20240305103251", "2024-03-05T10:32:51"),
        ("2024-03-05T10:32:00Z", "2024-03-05T10:32:00+00:00"),
        ("20241305", None),  # no thirteenth month
        ("2024030", None),
        ("05/29/2007 09:49:00", "2007-05-29"),
        ("29/05/2007", "2007-05-29"),
        ("05/03/2024", None),  # either order reads
    ],
)
def test_stated_dates_include_compact_stamps(value: str, iso: str | None) -> None:
    assert read_stated_date(value) == iso


def test_compact_stamps_are_not_read_from_text() -> None:
    assert find_date("Order 20240305 shipped") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Posted on: 17-02-2011", "2011-02-17"),
        ("[Filed: 8-Feb-2011]", "2011-02-08"),
        ("(14/02/2011)", "2011-02-14"),
        ("Updated 02/14/2011 10:18", "2011-02-14"),
        ("Filed 14.02.2011", "2011-02-14"),
        ("21.dez.2018 às 12h55", "2018-12-21"),  # a month's short name between dots
        ("14-fev-2011", "2011-02-14"),
        ("Filed 05/03/2011", None),  # either order reads
        ("Call 12/14/20115", None),
        ("March 5, 2024 (05/03/2024)", "2024-03-05"),  # a date in words first
    ],
)
def test_printed_numeric_dates_when_one_order_reads(text: str, iso: str | None) -> None:
    assert find_printed_date(text) == iso


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://porthaven.example/2024/06/01/tide-mill/", "2024-06-01"),
        ("https://porthaven.example/news/story/2024-06-01/tide-mill", "2024-06-01"),
        ("http://porthaven.example/blog/2012/7/9/post.html", "2012-07-09"),
        ("https://porthaven.example/2024/06/", None),
        ("https://porthaven.example/a/20240601/b", None),  # eight digits are an id as often
        ("https://porthaven.example/2024/02/30/no-such-day/", None),
        ("https://porthaven.example/tide-mill?from=2024/06/01", None),  # the query is not the address's path
        ("https://2024.porthaven.example/06/01/x", None),
    ],
)
def test_the_date_in_an_address(url: str, iso: str | None) -> None:
    assert address_date(url) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3 okt 2019", "2019-10-03"),
        ("3 dic 2019", "2019-12-03"),
        ("3 avr 2019", "2019-04-03"),
        ("3 set 2019", "2019-09-03"),
        ("Текст: Ирина Волкова · 24 сентября 2018", "2018-09-24"),
        ("3 października 2019", "2019-10-03"),
        ("15. května 2020", "2020-05-15"),
        ("12 Kasım 2019", "2019-11-12"),
        ("7 березня 2021", "2021-03-07"),
    ],
)
def test_month_names_of_other_languages(text: str, iso: str) -> None:
    assert find_date(text) == iso
