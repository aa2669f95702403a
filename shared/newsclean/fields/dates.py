"""Dates as pages print them, read into ISO 8601.

Covers the forms news pages use: ISO stamps, "March 5, 2024", "5 March 2024",
year-first dates in any separator ("2024/03/05", "2024.03.05", and the East
Asian "2024年3月5日", "2024년 3월 5일"), dotted dates, day first ("05.03.2024");
"05/03/2024" is left alone (day/month order is ambiguous). A time and a timezone are kept when printed with the date.
A page's own address dates it too ("/2024/03/05/", "/story/2024-03-05/").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# Month names as pages print them, full and short, in the languages of the Latin, Cyrillic and
# Turkish alphabets that news is most written in (Slavic languages: the genitive that dates use,
# and the nominative).
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier janv enero ene gennaio gen januari janeiro jänner "
            "stycznia styczeń ledna leden ocak января январь січня",
            "february feb februar février févr fevrier febrero febbraio februari fevereiro fev "
            "lutego luty února únor şubat февраля февраль лютого",
            "march mar märz mrz maerz mars marzo maart março marco marts maret "
            "marca marzec března březen mart марта март березня",
            "april apr avril avr abril abr aprile kwietnia kwiecień dubna duben nisan апреля апрель квітня",
            "may mai mayo maggio mag mei maio maj maja května květen mayıs мая май травня",
            "june jun juni juin junio giugno giu junho czerwca czerwiec června červen haziran июня июнь червня",
            "july jul juli juillet juil julio luglio lug julho lipca lipiec července červenec temmuz июля июль липня",
            "august aug août aout agosto ago augustus augusti agustus "
            "sierpnia sierpień srpna srpen ağustos августа август серпня",
            "september sep sept septembre septiembre settembre setembro set "
            "września wrzesień září eylül сентября сентябрь вересня",
            "october oct oktober okt octobre octubre ottobre ott outubro out "
            "października październik října říjen ekim октября октябрь жовтня",
            "november nov novembre noviembre novembro listopada listopad listopadu kasım ноября ноябрь листопада",
            "december dec dezember dez décembre déc decembre diciembre dicembre dic dezembro desember "
            "grudnia grudzień prosince prosinec aralık декабря декабрь грудня",
        ),
        start=1,
    )
    for name in names.split()
}
# Any letters: a month's name in any alphabet, looked up in ``MONTHS``.
_MONTH = r"(?P<month>[^\W\d_]{3,12})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_TIME = (
    r"(?:(?:\s*[,|·•-]\s*|\s+(?:at|um|à|a las)\s+|\s+)"
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>UTC|GMT|Z|[ECMP][SD]T|BST|CES?T|[+-]\d\d:?\d\d))?)?"
)
_ISO = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
    r"(?P<zone>Z|[+-]\d\d:?\d\d)?)?"
)
# Only in tags, never in text, where eight digits are as likely an id.
_COMPACT = re.compile(
    r"(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)(?P<second>[0-5]\d))?"
)
_SLASHED = re.compile(r"([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)\b")
# In print, also with dashes or dots, anywhere in the line: "Posted 17-01-2008", "(14/01/2008)".
_NUMERIC = re.compile(r"(?<![\d/.-])([0-3]?\d)([/.-])([0-3]?\d)\2((?:19|20)\d\d)\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE)
# Day first: "5 March 2024", "5 de marzo de 2024", "22 January, 2008", "9th, Jan 2008".
_DAY_FIRST = re.compile(rf"\b{_DAY},?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}{_TIME}", re.IGNORECASE)
# Dotted numbers are day first wherever they are printed ("05.03.2024", "5.3.2024, 10:32"): German,
# the Slavic languages, Turkish and the Nordic ones write them so, and no language writes the
# month first with dots (the month-first order writes slashes).
_DOTTED = re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?{_YEAR}(?![\d.]){_TIME}")
# Year first is read the same way in every language: "2024/03/05", "2024.03.05", "2024年3月5日 10:32".
_YEAR_FIRST = re.compile(
    r"(?<![\d/.])(?P<year>(?:19|20)\d\d)"
    r"(?:(?P<separator>[/.])(?P<month>[01]?\d)(?P=separator)(?P<day>[0-3]?\d)(?![\d/.])"
    r"|\s?[年년]\s?(?P<cjk_month>[01]?\d)\s?[月월]\s?(?P<cjk_day>[0-3]?\d)\s?[日일]?)"
    r"(?:\s*(?:\([^)\d]{1,3}\)\s*)?(?P<hour>[0-2]?\d)(?::|時|시\s?)(?P<minute>[0-5]\d))?"
)
# A date in an address's path: "/2024/03/05/", "/2024-03-05/", "/20240305/" is left out (an id as often).
_PATH_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)([/-])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?=[/_.-]|$)")
# Date lines also print "8-Jan-2008" and "21.dez.2018".
_DASHED = re.compile(
    r"\b(?P<day>[0-3]?\d)(?P<separator>[-.])(?P<month>[^\W\d_]{3,12})(?P=separator)(?P<year>(?:19|20)\d\d)\b"
)
# A zone is less than a day off UTC ("+99:99" is no zone: ``timezone`` raises ValueError).
MAX_ZONE_OFFSET = timedelta(hours=24)
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}


def find_date(text: str) -> str | None:
    """The first date printed in ``text``, as ISO 8601 (date, or date-time when a time is given)."""
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST, _DOTTED):
        for match in pattern.finditer(text[:400]):
            iso = _to_iso(match)
            if iso:
                return iso
    for match in _YEAR_FIRST.finditer(text[:400]):
        iso = _year_first_iso(match)
        if iso:
            return iso
    return None


def address_date(url: str) -> str | None:
    """The date in a page address's path ("https://example.org/2024/03/05/slug"), or None."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    for match in _PATH_DATE.finditer(path[:400]):
        try:
            return datetime(int(match["year"]), int(match["month"]), int(match["day"])).date().isoformat()
        except ValueError:
            continue
    return None


def _year_first_iso(match: re.Match[str]) -> str | None:
    """The ISO form of a year-first date, with its time when one follows (no zone is printed)."""
    month = match["month"] or match["cjk_month"]
    day_of_month = match["day"] or match["cjk_day"]
    try:
        day = datetime(int(match["year"]), int(month), int(day_of_month))
    except ValueError:
        return None
    if match["hour"] is None or int(match["hour"]) > 23:
        return day.date().isoformat()
    return day.replace(hour=int(match["hour"]), minute=int(match["minute"])).isoformat()


def find_printed_date(text: str) -> str | None:
    """The first date a date line prints: anything ``find_date`` reads, else "8-Jan-2008", else a
    numeric date whose order one number settles ("14/01/2008", "Posted on: 17-01-2008"; not
    "05/03/2024")."""
    found = find_date(text)
    if found:
        return found
    for dashed in _DASHED.finditer(text[:400]):
        iso = _to_iso(dashed)
        if iso:
            return iso
    for match in _NUMERIC.finditer(text[:400]):
        first, _, second, year = match.groups()
        date = _ordered_date(int(first), int(second), int(year))
        if date:
            return date
    return None


def read_stated_date(value: str) -> str | None:
    """A date as metadata states it: anything ``find_date`` reads, the compact stamps some pages
    put in their tags ("20240305", "20240305103251"), or a slashed date whose order one number
    settles ("05/29/2007": no 29th month)."""
    compact = _COMPACT.fullmatch(value.strip())
    if compact is not None:
        return _to_iso(compact)
    return find_date(value) or _unambiguous_slashed(value)


def _unambiguous_slashed(value: str) -> str | None:
    match = _SLASHED.match(value.strip())
    if match is None:
        return None
    first, second, year = (int(part) for part in match.groups())
    return _ordered_date(first, second, year)


def _ordered_date(first: int, second: int, year: int) -> str | None:
    """Month and day from two numbers when only one order reads ("29/05" or "05/29"); else None."""
    if first > 12 >= second:
        first, second = second, first
    elif not second > 12 >= first:
        return None  # "05/03/2024": either order reads
    try:
        return datetime(year, first, second).date().isoformat()
    except ValueError:
        return None


def _to_iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month_text = parts["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
    if month is None:
        return None
    try:
        day = datetime(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    if not parts.get("hour"):
        return day.date().isoformat()
    hour = int(parts["hour"])
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return day.date().isoformat()
    stamp = day.replace(hour=hour, minute=int(parts["minute"]), second=int(parts.get("second") or 0))
    zone = _zone(parts.get("zone"))
    return (stamp.replace(tzinfo=zone) if zone else stamp).isoformat()


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    upper = text.upper()
    if upper in _ZONES:
        return timezone(timedelta(hours=_ZONES[upper]))
    digits = upper.replace(":", "")
    if re.fullmatch(r"[+-]\d{4}", digits):
        sign = -1 if digits[0] == "-" else 1
        offset = timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
        return timezone(sign * offset) if offset < MAX_ZONE_OFFSET else None
    return None
