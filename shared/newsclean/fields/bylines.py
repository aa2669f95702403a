"""Bylines, credits and datelines: recognising them and taking them apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean.fields.dates import MONTHS, find_printed_date
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
# A word of such a name has at most 32 characters: a word may start after any hyphen ("Coast-Valley
# Press"), so unbounded words would read a long hyphenated run again from each of its hyphens.
_GENERIC_AGENCY = r"(?:[A-Z][\w'’&.-]{0,31}+\s++){0,4}(?:News\s+Agency|Agency|Press|Wire|News\s+Service)"
_AGENCY = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True)) + "|" + _GENERIC_AGENCY
# The last word of every agency name: a cheap test before the agency pattern runs.
_AGENCY_LAST_WORDS = frozenset({name.split()[-1].lower() for name in AGENCIES} | {"press", "agency", "wire", "service"})
_AGENCY_AT_END = re.compile(rf"(?:^|[,;/|–—-]\s*|\s(?:for|of|from)\s+(?:the\s+)?|\s)\(?(?P<agency>{_AGENCY})\)?\s*$")
_ROLES = (
    r"reporters?|correspondents?|staff|writers?|journalists?|editors?|columnists?|contributors?|"
    r"technologist|analyst|producer|director|professor|fellow|engineer|manager|officer|founder|host|"
    r"redakteur(?:in)?|journaliste|periodista|giornalista|redacteur|redactie"
)
_AGENCY_ALONE = re.compile(
    rf"^(?:by\s+)?(?:the\s+)?(?P<agency>{_AGENCY})(?:\s+(?:[\w ]{{0,30}}?\s)?(?:{_ROLES})|\s+in\s+[A-Z][\w ]+)?\.?$",
    re.IGNORECASE,
)
_BY_PREFIX = re.compile(
    r"^(?:(?:written|words|posted|reported|reporting|story|analysis|opinion|commentary|review|text|report)\s+)?by[:\s]\s*"
    r"|^(?:von|par|por|di|door|av|af|przez)[:\s]\s*"
    # A label and a colon: "Author: Jane Doe", "Autorin: ...", "Texto: ...".
    r"|^(?:author|words|autor(?:in|a|en)?|auteur|autore|text|texte|texto|tekst)\s?:\s*",
    re.IGNORECASE,
)
# The prefix printed alone, the names on the next line.
BARE_BY = re.compile(
    r"(?:by|written by|words by|posted by|reported by|story by|von|par|por|door|av|af|przez):?", re.IGNORECASE
)
# A role printed on a line of its own, under the author's name: capitalised words ending in a role.
ROLE_LINE = re.compile(rf"^(?:[A-Z][\w'’&.-]*+\s++){{0,4}}(?=(?-i:[A-Z]))(?:{_ROLES})", re.IGNORECASE)
# Where a role begins ("Jane Doe, Staff Writer"): only its start is used. Spaces are read as one
# run from its first, and so are words (possessive): no run is read again from inside it.
_ROLE_SUFFIX = re.compile(
    rf"(?:[,|–—-]\s*+|(?<!\s)\s++)(?:[\w'’&]++\s++){{0,3}}(?:{_ROLES})\b",
    re.IGNORECASE,
)
# (No digits: "JHOHL27" is a user name, not a person's.)
_NAME = re.compile(
    r"^(?:[A-Z\u00c0-\u024f][^\W\d_'’.\-]*+(?:['’.\-][^\W\d_]*+)*+\.?)"
    r"(?:\s+(?:(?:de|da|dos|das|du|van|von|der|den|la|le|del|bin|al|di)\s+)*"
    r"[A-Z\u00c0-\u024f][^\W\d_'’.\-]*+(?:['’.\-][^\W\d_]*+)*+\.?){0,4}$"
)
# The spaces before a separator are read from the first of them only (a split resumes right
# after a separator's own trailing spaces, where none is left to read).
_AUTHOR_SEPARATORS = re.compile(r"(?:(?<!\s)\s++)?+(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*+")
_MONTH_NAMES = "|".join(sorted((name for name in MONTHS if len(name) >= 3), key=len, reverse=True))
# Where the byline proper ends and what pages print after it begins: a date, a time, a
# relative time, a social handle, a separator. Only the start is used. The spaces before it are
# read from the first of them only, as one run; what needs a space before it looks back for one.
# (Searched in the text alone, so that nothing before it counts as that space.)
_TAIL = re.compile(
    r"(?:(?<!\s)\s++)?+"
    r"(?:[|•·]|(?<=\s)[–—-]\s|\b(?:updated|published|posted|last updated|follow|aktualisiert|mis à jour)\b|"
    rf"\b(?:{_MONTH_NAMES})\.?\s+\d|\b\d{{1,2}}\.?\s+(?:{_MONTH_NAMES})\b|\b\d{{1,4}}[/.-]\d{{1,2}}|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s|\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\b|"
    r"\b(?:yesterday|today)\b|(?:,\s*+)?@\w|(?<=\s)[\w.+-]++@[\w-]++\.\w|(?<=\s)in\s++(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Read only from before the first joiner of a run (not after a space or another joiner), so that
# a long run that does not end the text is read once, not again from each of its words.
_JOINER = "(?:on|at|le|am|el|il|op)"
_TRAILING_JOINERS = re.compile(rf"(?<!\s)(?<!\s{_JOINER})(?:\s++{_JOINER})+\s*+$", re.IGNORECASE)
# A role or interface word glued to the name before it, where the page's spans touch ("By Meg
# JamesStaff Writer", "Jane DoeView More Articles"): two lower-case letters (not "eShop"), then a
# capitalised word.
_GLUED_WORD = re.compile(r"(?<=[a-z][a-z])(?=[A-Z][a-z]++)")
_GLUED_TAIL_WORD = re.compile(r"[A-Z][a-z]++")
_GLUED_ROLE = re.compile(rf"(?:[A-Z][a-z]*+\s++)?+(?:{_ROLES})\b", re.IGNORECASE)
# A byline printed after its date: "Monday November 18, 2019 7:45 am PST by Joe Rossignol",
# "11/19/2019 by Lars Brandle". What comes before "by" is a date and its time, nothing else.
_DATED_BY = re.compile(r"^(?P<when>[^|]{4,60}?)\s++(?P<byline>by\s.+)$", re.IGNORECASE)
_DATE_WORD = re.compile(
    rf"(?:{_MONTH_NAMES})\.?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|[A-Z]{{2,4}}|on|at|posted|published|updated",
    re.IGNORECASE,
)
# "John Doe/Associated Press" with no "By": a photographer's credit under a picture.
_PHOTO_CREDIT = re.compile(r"[^\W\d_]/\s*+[^\W\d_]")
MAX_BYLINE_WORDS = 24
# A name printed alone ("Jane Doe") has two to five words, none of them interface wording.
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5
# With what may follow the name on its line (a date, a time, a handle): more is a sentence.
MAX_NAME_LINE_WORDS = 12
_NOT_NAME_WORDS = frozenset(
    """article articles print share email comments comment more options text view photos photo video videos
    news home sign log read follow subscribe latest top stories story related sections section menu search
    contact about us the and of for in on to with new live breaking world business sport sports opinion
    politics culture tech technology science health travel weather money markets page next previous back
    edition editions local national international press release feed feeds get started start part chapter
    join download listen watch play login register account help shop buy deal deals save free trial now here
    click all rights reserved privacy terms cookies settings profile saved bookmark newsletter alerts app
    most popular viewed watched trending posted""".split()
)


@dataclass(frozen=True, slots=True)
class Byline:
    printed: str
    authors: tuple[str, ...]
    agency: str | None


def parse_byline(text: str) -> Byline | None:
    """A byline, split into authors and agency; None when ``text`` is not a byline.

    ``printed`` is the byline as the page prints it, without the date, time, role or social
    handle that pages print after the names ("By Jane Doe, Staff Writer | May 5, 2024" ->
    "By Jane Doe"); the agency stays ("By Jane Doe and John Roe, Reuters").
    """
    text = text.strip(" |•·–—-")
    if word_count(text) > MAX_BYLINE_WORDS or split_dateline(text):
        # A paragraph that opens with a dateline ("HAYWARD, Calif. (AP) — The ...") is body text.
        return None
    alone = _AGENCY_ALONE.match(text) or (_names_an_agency(text) and _AGENCY_ALONE.match(_before_tail(text)))
    if alone:
        return Byline(printed=alone.string, authors=(), agency=_canonical_agency(alone.group("agency")))
    dated = _DATED_BY.match(text)
    if dated and _is_printed_date(dated.group("when")):
        return parse_byline(dated.group("byline"))
    if _ends_sentence(text):
        return None
    prefix = _BY_PREFIX.match(text)
    start = prefix.end() if prefix else 0
    agency, before_agency, through_agency = _agency_at_end(text[start:])
    if prefix is None and (agency is None or _PHOTO_CREDIT.search(text)):
        return None
    printed, core = _core(text[:start] + before_agency, start)
    if agency and core == before_agency:
        printed = text[: start + through_agency].strip()
    names = _names(core) if core else None
    if names is None:
        return Byline(printed=printed or text, authors=(), agency=agency) if agency and prefix else None
    return Byline(printed=printed, authors=names, agency=agency)


def is_role_line(text: str) -> bool:
    """A line that is an author's role and nothing else: "Staff Writer", "Harbour Post Reporter"."""
    return ROLE_LINE.fullmatch(text.strip()) is not None


def _names_an_agency(text: str) -> bool:
    """A cheap test before the agency patterns run: one of the text's words ends an agency's name."""
    return not _AGENCY_LAST_WORDS.isdisjoint(word.strip("().,;").lower() for word in text.split())


def _before_tail(text: str) -> str:
    """``text`` up to the date, time or handle printed after a byline ("Reuters November 18,
    2019 11:03 PM" -> "Reuters")."""
    tail = _TAIL.search(text)
    return text[: tail.start()].strip(" ,;|–—-") if tail else text


def _is_printed_date(text: str) -> bool:
    """Whether ``text`` is a date and time and nothing else ("Monday November 18, 2019 7:45 am PST")."""
    if find_printed_date(text) is None:
        return False
    words = re.findall(r"[^\W\d_]++\.?", text)
    return all(_DATE_WORD.fullmatch(word) for word in words)


def _ends_sentence(text: str) -> bool:
    return text.endswith((".", "?", "!")) and not text.endswith(" Jr.")


def _agency_at_end(text: str) -> tuple[str | None, str, int]:
    """(agency, the text before it, where the agency ends) when ``text``, cut of a date or
    handle after it, ends with an agency; else (None, text, len(text))."""
    if not _names_an_agency(text):
        return None, text, len(text)
    tail = _TAIL.search(text)
    cut = text[: tail.start()].rstrip() if tail else text
    last = cut.rstrip(" .)").rsplit(None, 1)[-1:] if cut else []
    if not last or last[0].strip("()").lower() not in _AGENCY_LAST_WORDS:
        return None, text, len(text)
    at_end = _AGENCY_AT_END.search(cut)
    if at_end is None or at_end.start() == 0:
        return None, text, len(text)
    return _canonical_agency(at_end.group("agency")), cut[: at_end.start()].strip(" ,;|–—-"), len(cut)


def stated_byline(author: str, names: tuple[str, ...] = ()) -> Byline:
    """The byline a page's metadata states (no "By": metadata holds names). ``authors`` lists the
    people among ``names`` (else among the names ``author`` joins); an agency stays an agency, and
    an organisation ("Contributors to a wiki") is neither."""
    alone = _AGENCY_ALONE.match(author)
    if alone:
        return Byline(printed=author, authors=(), agency=_canonical_agency(alone.group("agency")))
    people = tuple(name for name in names if _names(name)) if names else _names(author) or ()
    return Byline(printed=author, authors=people, agency=None)


def parse_name_line(text: str) -> Byline | None:
    """A line that is only a person's name (and perhaps a date or handle after it): a byline when
    it stands right under a headline. None for anything else."""
    text = text.strip()
    prefix = _BY_PREFIX.match(text)
    if not prefix and (word_count(text) > MAX_NAME_LINE_WORDS or _ends_sentence(text)):
        # A sentence that opens with a name ("Jane Doe told reporters on Friday ...") is body text;
        # "By Jane Doe, who covers ..." is a byline however it goes on.
        return None
    printed, core = _core(text, prefix.end() if prefix else 0)
    words = core.split()
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS or any(w.lower() in _NOT_NAME_WORDS for w in words):
        return None
    names = _names(core)
    if names is None or len(names) != 1:
        return None
    return Byline(printed=printed, authors=names, agency=None)


def parse_marked_names(text: str) -> Byline | None:
    """Names that the markup marks as the author's, printed without a "By" ("Tomas Reyes and Ida
    Brook"): a byline when every name has a given and a family name and no interface word
    ("Staff", "About Ida Brook", "City News" are none)."""
    byline = parse_byline(f"By {text}")
    if byline is None or not byline.authors:
        return None
    for name in byline.authors:
        words = name.split()
        if len(words) < MIN_NAME_WORDS or any(word.lower() in _NOT_NAME_WORDS for word in words):
            return None
    return byline


def _core(text: str, start: int) -> tuple[str, str]:
    """(byline as printed, the names part) after cutting what follows the names."""
    text = _GLUED_WORD.sub(_glue_break, text) if _GLUED_WORD.search(text, start) else text
    tail = _TAIL.search(text[start:])
    end = start + tail.start() if tail else len(text)
    core = _TRAILING_JOINERS.sub("", text[start:end]).strip(" ,;|–—-")
    role = _ROLE_SUFFIX.search(core)
    if role and role.start() > 0:
        core = core[: role.start()].strip(" ,;|–—-")
    printed = (text[:start] + core).strip() if core else ""
    return printed, core


def _glue_break(at: re.Match[str]) -> str:
    """A comma where a role is glued to the name before it, a bar (where the byline ends) before
    an interface word; nothing elsewhere ("McDonald", "DeGuzman" stay whole)."""
    if _GLUED_ROLE.match(at.string, at.end()):
        return ", "
    word = _GLUED_TAIL_WORD.match(at.string, at.end())
    return " | " if word and word.group().lower() in _NOT_NAME_WORDS else ""


def _names(core: str) -> tuple[str, ...] | None:
    names = tuple(name.strip(" .") for name in _AUTHOR_SEPARATORS.split(core) if name.strip(" ."))
    if not names or not all(_NAME.match(name) for name in names):
        return None
    return names


def _canonical_agency(name: str) -> str:
    for agency in AGENCIES:
        if agency.lower() == name.lower():
            return agency
    return name


# Credits printed after a caption: "(Jo Bloggs/Reuters)", "Photo: Jo Bloggs", "© Agency".
# A credit printed alone in parentheses ("(Photo: Jo Bloggs)") has an empty caption.
_PAREN_CREDIT = re.compile(r"^(?P<caption>(?:.*\S)?)\s*\((?P<credit>[^()]{2,100})\)\.?$")
# The caption is the shortest that works, so it never ends inside the run of separators before
# the label: the run is read once, from its first character (else a caption ending at each of a
# long run's characters would read the rest of it again: quadratic time).
_CREDIT_SEPARATORS = r"(?<![\s,;|–—-])[\s,;|–—-]*+"
_LABELLED_CREDIT = re.compile(
    rf"^(?P<caption>.*?){_CREDIT_SEPARATORS}\b(?:photo(?:graph)?|image|picture|foto|bild|credit|source|illustration)s?"
    r"(?:\s++(?:credit|by))?\s*+[:：]\s*(?P<credit>[^:]{2,100})$",
    re.IGNORECASE,
)
_COPYRIGHT_CREDIT = re.compile(rf"^(?P<caption>.*?){_CREDIT_SEPARATORS}(?P<credit>©.{{2,100}})$")
_CREDIT_WORDS = re.compile(
    rf"/|\b(?:photos?|images?|foto|bild|getty|file|pool|handout|courtesy|supplied|agency|press|news|{_AGENCY})\b",
    re.IGNORECASE,
)

_PICTURE_WORDS = re.compile(r"\b(?:photos?|images?|pictures?|foto|bild|getty|courtesy|handout)\b", re.IGNORECASE)


def _is_paren_credit(caption: str, credit: str) -> bool:
    """Credit-like words in the parentheses; alone on its line, it must name a picture ("(Reuters)"
    alone is an agency's sign-off, not a credit)."""
    words = _PICTURE_WORDS if not caption.strip() else _CREDIT_WORDS
    return bool(words.search(credit)) and word_count(credit) <= 10


def split_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) when ``text`` ends with a photo credit; None otherwise."""
    if not text.rstrip(" .").endswith(")") and ":" not in text and "：" not in text and "©" not in text:
        return None
    paren = _PAREN_CREDIT.match(text)
    if paren and _is_paren_credit(paren.group("caption"), paren.group("credit")):
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
