"""Small text helpers shared by the rules and the structuring step."""

from __future__ import annotations

import re
import unicodedata

_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+", re.UNICODE)
# Sentence-final punctuation in Latin, CJK, Arabic, Devanagari and Greek scripts,
# optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?。！？…؟।;:][\"'”’»)\]」』）]*\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def normalise_space(text: str) -> str:
    """Collapse runs of spaces (not newlines) and trim; body text keeps its exact words."""
    return _SPACE_RUN.sub(" ", text).strip()


def fingerprint(text: str) -> str:
    """A comparison key: case-folded words only, for spotting repeated blocks."""
    folded = text.casefold() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words, counting CJK characters in pairs so that unspaced scripts compare with spaced ones."""
    cjk = len(_CJK.findall(text))
    if cjk:
        return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2
    return len(_WORD.findall(text))


def ends_like_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))
