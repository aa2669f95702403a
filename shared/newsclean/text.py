"""Small text helpers shared by the rules and the structuring step."""

from __future__ import annotations

import re
import unicodedata

# Spaces other than the plain one. A run of two or more spaces of any kind, or one other space,
# becomes one plain space; a lone plain space is left as it is (what collapsing it gives). The
# pattern opens with a character class, which the engine scans for quickly.
_OTHER_SPACES = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[ {_OTHER_SPACES}](?:[ {_OTHER_SPACES}]+|(?<! ))")
_WORD = re.compile(r"\w+", re.UNICODE)
# Sentence-final punctuation in Latin, CJK, Arabic, Devanagari and Greek scripts,
# optionally followed by closing quotes or brackets.
_SENTENCE_MARKS = tuple(".!?。！？…؟।;:")
_CLOSING_MARKS = "\"'”’»)]」』）"
# Kana, CJK ideographs and Hangul: scripts written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def collapse_spaces(text: str) -> str:
    """Each run of spaces (not newlines) as one plain space."""
    return _SPACE_RUN.sub(" ", text)


def normalise_space(text: str) -> str:
    """Collapse runs of spaces (not newlines) and trim; body text keeps its exact words."""
    return collapse_spaces(text).strip()


# ASCII text is most blocks: there a word is a run of [A-Za-z0-9_], and bytes.translate (every
# other byte to a space) and bytes.split find the same runs as the regular expression, several
# times faster. Bytes above ASCII never reach these tables.
_ASCII_WORDS = bytes(code if code < 128 and _WORD.match(chr(code)) else 0x20 for code in range(256))
_ASCII_WORDS_FOLDED = _ASCII_WORDS.lower()


def fingerprint(text: str) -> str:
    """A comparison key: case-folded words only, for spotting repeated blocks."""
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_WORDS_FOLDED).split()).decode("ascii")
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words, counting CJK characters in pairs so that unspaced scripts compare with spaced ones."""
    if text.isascii():  # no CJK to look for
        return len(text.encode("ascii").translate(_ASCII_WORDS).split())
    cjk = len(CJK.findall(text))
    if cjk:
        return len(_WORD.findall(CJK.sub(" ", text))) + cjk // 2
    return len(_WORD.findall(text))


def ends_like_sentence(text: str) -> bool:
    """Ends with a sentence mark, perhaps followed by closing quotes or brackets, then spaces."""
    return text.rstrip().rstrip(_CLOSING_MARKS).endswith(_SENTENCE_MARKS)
