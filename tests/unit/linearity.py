"""Whether a regular expression's search time grows linearly with the text, on adversarial texts.

A backtracking pattern can take quadratic time on one long line: a lazy ``^(.*?)`` before a
run of separators reads the rest of the run again from each character of it, and so does a
``\\s*`` that a search starts at each space of a run (possessive quantifiers alone do not help
there: the search still starts again at each character). ``superlinear_shape`` searches a
pattern in adversarial texts: runs of each separator, punctuation mark and space, those runs
with spaces between their marks, repeated words (generic ones and the pattern's own), each
before an ending that makes a match fail at the last moment, and the reported line (a sentence,
then a run).

It measures growth, not speed. ``finditer`` (the work of ``search``, ``match``, ``sub`` and
``split``, and more) over ``SCREEN_SHORT`` and ``SCREEN_LONG`` characters screens each text; a
text whose time grows too fast there is measured at ``SMALL``, ``MEDIUM`` and ``LARGE`` and
counts when 16 times the text takes more than ``MAX_GROWTH`` times as long (linear is 16,
quadratic 256), in each of ``ATTEMPTS`` measures. Times too small to say anything are ignored.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

Pattern = re.Pattern[str] | re.Pattern[bytes]

# Each adversarial text is first searched at these lengths ...
SCREEN_SHORT, SCREEN_LONG = 500, 2_000
# ... and measured at these when its time grows by more than ``SCREEN_GROWTH`` (linear is 4,
# quadratic 16) and is more than ``SCREEN_FLOOR`` (below it, the time is mostly the call's own).
SCREEN_GROWTH = 6.0
SCREEN_FLOOR = 0.000_1
SMALL, MEDIUM, LARGE = 2_000, 8_000, 32_000
# t(LARGE) / t(SMALL) for a text 16 times as long: linear is 16, quadratic 256.
MAX_GROWTH = 48.0
# Below this at LARGE a time says nothing about growth: a linear search of 32k characters
# takes well under a millisecond for most patterns, a quadratic one seconds.
FLOOR = 0.005
# Beyond this at MEDIUM, growing more than 8 times from SMALL, the growth is plain without
# measuring LARGE (the slowest linear pattern searches 8k characters in under 10 ms).
QUADRATIC_EVIDENT = 0.02
# Seconds a character that no linear search takes, however busy the machine (the slowest takes
# about 1 µs): a text searched that slowly is not measured further, nor again (a quadratic
# pattern would take seconds at the longer lengths, a cubic one minutes).
HOPELESS_PER_CHARACTER = 0.000_05
# Times are the least of a few runs, and a text that grows too fast is measured again before
# it counts, so that a busy moment of the machine does not fail a test.
REPEATS = 3
ATTEMPTS = 3

# Characters that separate, quote or decorate text in pages, and the white space between words.
MARKS = "-,.:;|/()'\"—–•·©_*#@&!?<>»›…¶§"
SPACES = " \t\n\u00a0"
WORDS = ("word", "Word", "by", "2024")
# Words taken from a pattern's own text to repeat: its vocabulary is what it reads furthest.
PATTERN_WORDS = 8
# Endings that let a match run to the end of the text and fail there: none, an unexpected
# mark, a closing bracket, a line after the line.
ENDINGS = ("", ":x", ")", "\nx")
# The reported line: a sentence, then a run (and a colon, as a credit label has).
SENTENCE = "Residents listed their complaints "
# The regular expression syntax in a pattern's text that is not its vocabulary.
_SYNTAX = re.compile(r"\\[A-Za-z]|\(\?P?<\w+>|\(\?P=\w+\)|\(\?\(\w+\)|\(\?[aiLmsux-]+[:)]")
_VOCABULARY_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Shape:
    """A text made of ``unit`` repeated, between an opening and an ending."""

    opening: str
    unit: str
    ending: str

    def text(self, length: int) -> str:
        repeats = max(1, (length - len(self.opening) - len(self.ending)) // len(self.unit))
        return self.opening + self.unit * repeats + self.ending


@dataclass(frozen=True)
class Growth:
    """A text on which a pattern's time grows too fast, and its times by the text's length."""

    shape: Shape
    seconds: dict[int, float]

    def __str__(self) -> str:
        times = ", ".join(f"{length} characters {seconds * 1000:.2f} ms" for length, seconds in self.seconds.items())
        return f"{self.shape}: {times}"

    @property
    def hopeless(self) -> bool:
        return any(seconds > HOPELESS_PER_CHARACTER * length for length, seconds in self.seconds.items())


def pattern_words(pattern: Pattern) -> list[str]:
    """Up to ``PATTERN_WORDS`` words of the pattern's text, spread over it (so over its parts)."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    words = list(dict.fromkeys(_VOCABULARY_WORD.findall(_SYNTAX.sub(" ", source))))
    step = max(1, len(words) // PATTERN_WORDS)
    return words[::step][:PATTERN_WORDS]


def shapes(pattern: Pattern) -> list[Shape]:
    """The adversarial texts for ``pattern``: runs, runs with spaces, repeated words, each before
    each ending; and the reported line, a sentence then a run and a colon."""
    runs = list(dict.fromkeys(unit for mark in MARKS + SPACES for unit in (mark, f"{mark} ")))
    words = [word + tail for word in (*WORDS, *pattern_words(pattern)) for tail in (" ", ", ", "-")]
    return [
        *(Shape("", unit, ending) for unit in runs + words for ending in ENDINGS),
        *(Shape(SENTENCE, unit, ":") for unit in runs),
    ]


def search_time(pattern: Pattern, text: str, repeats: int = REPEATS) -> float:
    """The least time of ``repeats`` scans of ``text`` for every match (as ``sub`` or ``split``
    scan; a search that finds nothing, its worst case, scans the same way). A scan slower than
    ``QUADRATIC_EVIDENT`` is not repeated: noise matters in small times."""
    subject: str | bytes = text if isinstance(pattern.pattern, str) else text.encode()
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _match in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
        best = min(best, time.perf_counter() - started)
        if best > QUADRATIC_EVIDENT:
            break
    return best


def growth(pattern: Pattern, shape: Shape) -> Growth | None:
    """How the time grows from SMALL to LARGE when it grows faster than linearly, else None. (The
    longer texts are searched once: a growth that looks too fast is measured again.)"""
    seconds: dict[int, float] = {}
    for length, repeats in ((SCREEN_SHORT, 1), (SMALL, REPEATS), (MEDIUM, 1)):
        seconds[length] = search_time(pattern, shape.text(length), repeats)
        if Growth(shape, seconds).hopeless:
            return Growth(shape, seconds)
    small, medium = seconds[SMALL], seconds[MEDIUM]
    if medium > QUADRATIC_EVIDENT and medium > 8 * small:
        return Growth(shape, seconds)
    large = seconds[LARGE] = search_time(pattern, shape.text(LARGE), 1)
    return Growth(shape, seconds) if large > FLOOR and large > MAX_GROWTH * small else None


def suspicious(pattern: Pattern, shape: Shape, repeats: int) -> bool:
    """Whether the time grows too fast from the screen's short text to its long one."""
    short = search_time(pattern, shape.text(SCREEN_SHORT), repeats)
    if short > HOPELESS_PER_CHARACTER * SCREEN_SHORT:
        return True
    long = search_time(pattern, shape.text(SCREEN_LONG), repeats)
    return long > SCREEN_FLOOR and long > SCREEN_GROWTH * short


def superlinear_shape(pattern: Pattern) -> Growth | None:
    """The first adversarial text whose search time grows faster than linearly; None if none does."""
    with _no_collections():
        for shape in shapes(pattern):
            # Screened in one run each, and again in the least of a few when it looks suspicious.
            if suspicious(pattern, shape, 1) and suspicious(pattern, shape, REPEATS):
                found = _measured_growth(pattern, shape)
                if found:
                    return found
    return None


def superlinear_growth(pattern: Pattern, shape: Shape) -> Growth | None:
    """How the time grows on ``shape`` when it grows faster than linearly in each of ``ATTEMPTS``
    measures; None as soon as one measure says it grows linearly."""
    with _no_collections():
        return _measured_growth(pattern, shape)


def _measured_growth(pattern: Pattern, shape: Shape) -> Growth | None:
    found = None
    for _ in range(ATTEMPTS):
        found = growth(pattern, shape)
        if found is None or found.hopeless:
            return found
    return found


@contextmanager
def _no_collections() -> Iterator[None]:
    """A collection in the middle of a timing says nothing about the pattern."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
