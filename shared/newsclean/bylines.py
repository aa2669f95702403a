"""Bylines, credits and datelines: recognising them and taking them apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean.text import word_count

# News agencies whose name stands in bylines, credits and datelines.
AGENCIES = (
    "Associated Press",
    "AP",
    "Reuters",
    "Agence France-Presse",
    "AFP",
    "Press Association",
    "PA Media",
    "PA",
    "Bloomberg",
    "dpa",
    "Deutsche Presse-Agentur",
    "EFE",
    "ANSA",
    "Xinhua",
    "UPI",
    "United Press International",
    "Canadian Press",
    "The Canadian Press",
    "AAP",
    "Australian Associated Press",
    "Kyodo",
    "Yonhap",
    "PTI",
    "Press Trust of India",
    "IANS",
    "ANI",
    "TASS",
    "Interfax",
    "Anadolu",
    "Europa Press",
    "Lusa",
    "Belga",
    "APA",
    "NTB",
    "Ritzau",
    "CNN Wire",
    "Bloomberg News",
    "Dow Jones",
    "Kyodo News",
)
# Or any name that says it is one: "Kernow Coast News Agency", "Valley Press", "City News Service".
_GENERIC_AGENCY = r"(?:[A-Z][\w'’&.-]*\s+){0,4}(?:News\s+Agency|Agency|Press|Wire|News\s+Service)"
_AGENCY = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True)) + "|" + _GENERIC_AGENCY
_AGENCY_AT_END = re.compile(rf"(?:^|[,;/|–—-]\s*|\s(?:for|of|from)\s+(?:the\s+)?|\s)\(?(?P<agency>{_AGENCY})\)?\s*$")
_AGENCY_ALONE = re.compile(
    rf"^(?:by\s+)?(?:the\s+)?(?P<agency>{_AGENCY})(?:\s+(?:reporters?|correspondents?|staff|writers?|"
    rf"journalists?|in\s+[A-Z][\w ]+))?\.?$",
    re.IGNORECASE,
)
_BY_PREFIX = re.compile(r"^(?:by|written by|words by|von|par|por|di|door|av|af|przez)[:\s]\s*", re.IGNORECASE)
_ROLE_SUFFIX = re.compile(
    r"[,|–—-]?\s*\b(?:staff|senior|chief|political|business|foreign|opinion|sports?|science|health|"
    r"associate|contributing|special)?\s*(?:writer|reporter|correspondent|editor|columnist|contributor)s?\b.*$",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][\w'’.\-]*\.?)(?:\s+(?:(?:de|da|dos|das|du|van|von|der|den|la|le|del|bin|al|di)\s+)*"
    r"[A-Z\u00c0-\u024f][\w'’.\-]*\.?){0,4}$"
)
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
_DATE_TAIL = re.compile(r"\s*(?:[|•·,–—-]|\bupdated\b|\bpublished\b).*\d{1,4}.*$", re.IGNORECASE)
MAX_BYLINE_WORDS = 16


@dataclass(frozen=True, slots=True)
class Byline:
    printed: str
    authors: tuple[str, ...]
    agency: str | None


def parse_byline(text: str) -> Byline | None:
    """A byline as printed, split into authors and agency; None when ``text`` is not a byline."""
    if word_count(text) > MAX_BYLINE_WORDS or text.endswith((".", "?", "!")) and not _AGENCY_ALONE.match(text):
        return None
    alone = _AGENCY_ALONE.match(text)
    if alone:
        return Byline(printed=text, authors=(), agency=_canonical_agency(alone.group("agency")))
    has_prefix = bool(_BY_PREFIX.match(text))
    rest = _BY_PREFIX.sub("", text, count=1)
    rest = _DATE_TAIL.sub("", rest)
    agency = None
    at_end = _AGENCY_AT_END.search(rest)
    if at_end and at_end.start() > 0:
        agency = _canonical_agency(at_end.group("agency"))
        rest = rest[: at_end.start()]
    rest = _ROLE_SUFFIX.sub("", rest).strip(" ,;|–—-")
    names = tuple(name.strip(" .") for name in _AUTHOR_SEPARATORS.split(rest) if name.strip(" ."))
    if not names or not all(_NAME.match(name) for name in names):
        return Byline(printed=text, authors=(), agency=agency) if agency and has_prefix else None
    if not has_prefix and agency is None:
        return None
    return Byline(printed=text, authors=names, agency=agency)


def _canonical_agency(name: str) -> str:
    for agency in AGENCIES:
        if agency.lower() == name.lower():
            return agency
    return name


# Credits printed after a caption: "(Jo Bloggs/Reuters)", "Photo: Jo Bloggs", "© Agency".
_PAREN_CREDIT = re.compile(r"^(?P<caption>.*\S)\s*\((?P<credit>[^()]{2,100})\)\.?$")
_LABELLED_CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s,;|–—-]*\b(?:photo(?:graph)?|image|picture|foto|bild|credit|source|illustration)s?"
    r"(?:\s+(?:credit|by))?\s*[:：]\s*(?P<credit>[^:]{2,100})$",
    re.IGNORECASE,
)
_COPYRIGHT_CREDIT = re.compile(r"^(?P<caption>.*?)[\s,;|–—-]*(?P<credit>©.{2,100})$")
_CREDIT_WORDS = re.compile(
    rf"/|\b(?:photo|image|getty|file|pool|handout|courtesy|supplied|agency|press|news|{_AGENCY})\b", re.IGNORECASE
)


def split_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) when ``text`` ends with a photo credit; None otherwise."""
    paren = _PAREN_CREDIT.match(text)
    if paren and _CREDIT_WORDS.search(paren.group("credit")) and word_count(paren.group("credit")) <= 10:
        return paren.group("caption").strip(), paren.group("credit").strip()
    for pattern in (_LABELLED_CREDIT, _COPYRIGHT_CREDIT):
        match = pattern.match(text)
        if match and word_count(match.group("credit")) <= 10:
            return match.group("caption").strip(" ,;|–—-"), match.group("credit").strip()
    return None


# "KYIV, Ukraine (AP) — ", "LONDON, Dec 29 (Reuters) - ", "WASHINGTON — "
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][\w.'’ -]{1,40}?)?"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"(?:\s*\((?:[A-Za-z .&-]{2,40})\))?\s*[—–-]{1,2}|"
    r"[A-Z][A-Z.'’\- ]{1,40}[A-Z.],\s+[A-Z][\w.'’ -]{1,40}?\s*\((?:[A-Za-z .&-]{2,40})\)\s*[:—–-]{0,2})\s+"
)


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """(dateline, rest) when the paragraph opens with a dateline; None otherwise."""
    match = _DATELINE.match(paragraph)
    if not match or word_count(paragraph[match.end() :]) < 3:
        return None
    return match.group("dateline").strip(), paragraph[match.end() :]
