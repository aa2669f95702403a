"""Text helpers: the ASCII fast paths give what the regular expressions give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsclean.content.features import _ASCII_DIGITS, _ASCII_PUNCTUATION, _DIGIT, _PUNCTUATION, _share
from newsclean.text import fingerprint, word_count

_WORD = re.compile(r"\w+")
ascii_text = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)


@given(ascii_text)
def test_ascii_word_count_is_the_regex_count(text: str) -> None:
    assert word_count(text) == len(_WORD.findall(text))


@given(ascii_text)
def test_ascii_fingerprint_is_the_casefolded_words(text: str) -> None:
    assert fingerprint(text) == " ".join(_WORD.findall(text.casefold()))


@given(ascii_text)
def test_ascii_character_shares_are_the_regex_shares(text: str) -> None:
    for pattern, members in ((_PUNCTUATION, _ASCII_PUNCTUATION), (_DIGIT, _ASCII_DIGITS)):
        assert _share(pattern, members, text) == len(pattern.findall(text)) / max(1, len(text))


def test_examples() -> None:
    assert word_count("Mr. O'Neil, 42, left at 9:30_am.") == 8  # O, Neil; 9, 30_am
    assert fingerprint("Read MORE: the_Story!") == "read more the_story"
    assert fingerprint("Ｒｅａｄ More") == "read more"  # full-width letters fold (NFKC)
    assert word_count("東京で会議") == 2  # five CJK characters count as two words
    assert _share(_DIGIT, _ASCII_DIGITS, "ab12") == 0.5
    assert _share(_PUNCTUATION, _ASCII_PUNCTUATION, "“Hi”") == 0.5  # non-ASCII takes the regex
