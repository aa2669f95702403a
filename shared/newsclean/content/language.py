"""Language of a text from its script and its most common function words.

A deliberately small detector: scripts settle CJK, Cyrillic, Greek, Arabic,
Hebrew and Devanagari; among Latin-script languages the one whose function
words cover most tokens wins. Pages that declare a language (``<html lang>``,
a record's ``language``) skip this.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType

STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in a is that for it with as was on be by he at are this from have has not but they",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden",
        "fr": "le la les de des et en un une du est que qui dans pour pas sur au par avec il elle ce se sont",
        "es": "el la de que y en los del se las por un una para con no es al lo como más pero sus le ha",
        "it": "il di che e la per un una in del della è non sono le si con da al dei gli anche ha più",
        "pt": "o a de que e do da em um para é com não uma os no se na por mais as dos como mas ao foi",
        "nl": "de het een en van in is dat op te zijn voor met die niet aan er om ook als bij door maar",
        "sv": "och i att det som en på är av för med till den har inte om ett var jag men från",
        "da": "og i at det som en på er af for med til den har ikke om et var jeg men fra",
        "no": "og i det som en på er av for med til den har ikke om et var jeg men fra å",
        "pl": "i w na z do się nie że to jest o jak po co przez od za są dla tym",
        "tr": "ve bir bu da de için ile olarak çok daha gibi olan en ama kadar sonra",
        "ro": "și în de la a cu că pe din un o nu este care pentru mai să au fost",
        "fi": "ja on ei se että oli hän ovat kun mutta myös tai joka sen ole",
        "id": "yang dan di dengan untuk dari ini itu dalam tidak akan pada juga ke",
        "cs": "a se na je že v to s z do o jako ale by jsou i k pro po jeho které však také",
        "sk": "a sa na je že v to s z do o ako ale by sú i k pre po jeho ktoré však aj",
        "hu": "a az és hogy nem is egy meg de már csak van volt ez azt mint ki el sem",
    }.items()
}
# Languages written in Windows-1252 when a page is not Unicode.
WESTERN_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "id"})
_CYRILLIC = {
    "ru": frozenset("и в не на что с по это как но из он к у за от".split()),
    "uk": frozenset("і в не на що з по це як але та він до у за від".split()),
    "bg": frozenset("и в на за да се от не с че е по са като".split()),
}
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)


def _by_token(table: Mapping[str, frozenset[str]]) -> Mapping[str, tuple[str, ...]]:
    """Function word -> the languages that use it, so a text is scored in one pass."""
    index: dict[str, list[str]] = {}
    for code, words in table.items():
        for word in words:
            index.setdefault(word, []).append(code)
    return MappingProxyType({word: tuple(codes) for word, codes in index.items()})


_LATIN_INDEX = _by_token(STOPWORDS)
_CYRILLIC_INDEX = _by_token(_CYRILLIC)
_CYRILLIC_CHAR = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
# Below this share of tokens that are function words, no Latin-script guess is made.
MIN_STOPWORD_SHARE = 0.08
# How much of the text is read: function words settle a language within a few hundred words.
SAMPLE_CHARS = 2500
# Characters above Latin Extended: the scripts that settle a language by themselves.
_NON_LATIN = re.compile(r"[\u0370-\uffff]")
# Of the sample's characters outside those scripts, about this share are Latin letters (the rest
# are spaces, digits, punctuation): a script wins when it has more characters than Latin letters.
_LATIN_SHARE_OF_REST = 0.8


def detect_language(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():
        # Letters are [A-Za-z] here: every other byte becomes a space, the rest lower case.
        return _by_function_words(sample.encode("ascii").translate(_ASCII_LETTERS_FOLDED).decode("ascii").split())
    tokens = _WORD.findall(sample)
    if not tokens:
        return None
    other = _NON_LATIN.findall(sample)
    if other:
        script = _by_script("".join(other), len(sample) - len(other))
        if script:
            return script
    index = _CYRILLIC_INDEX if _CYRILLIC_CHAR.search(sample) else _LATIN_INDEX
    return _by_function_words(list(map(str.lower, tokens)), index)


_ASCII_LETTERS_FOLDED = bytes(code if code < 128 and chr(code).isalpha() else 0x20 for code in range(256)).lower()


def _by_function_words(tokens: list[str], index: Mapping[str, tuple[str, ...]] = _LATIN_INDEX) -> str | None:
    """The language whose function words are most of the (lower-case) tokens, if they are enough.
    Each distinct token is looked up once and its codes counted as often as it occurs; the codes
    come in the order the tokens first name them, so ties resolve as in token order."""
    scores: Counter[str] = Counter()
    for token, count in Counter(tokens).items():
        for code in index.get(token, ()):
            scores[code] += count
    if not scores:
        return None
    code, hits = scores.most_common(1)[0]
    return code if hits >= MIN_STOPWORD_SHARE * len(tokens) else None


def stopword_share(text: str, language: str | None) -> float:
    """Share of tokens that are function words of ``language`` (0 when unknown)."""
    words = STOPWORDS.get(language or "") or _CYRILLIC.get(language or "")
    if not words:
        return 0.0
    # Whitespace tokens: a function word is rarely the one followed by punctuation, and
    # splitting is several times faster than a word regex on the hot path.
    tokens = text.lower().split()
    return sum(map(words.__contains__, tokens)) / len(tokens) if tokens else 0.0


def _by_script(other: str, rest: int) -> str | None:
    """The script-settled language of a sample whose letters outside Latin are ``other``;
    ``rest`` counts the sample's other characters."""
    counts = [(len(pattern.findall(other)), code) for code, pattern in _SCRIPTS]
    # Japanese text mixes kana with kanji: any real share of kana means Japanese.
    kana = counts[0][0]
    if kana > 0.05 * (len(other) + rest):
        return "ja"
    count, code = max(counts[1:])
    return code if count > rest * _LATIN_SHARE_OF_REST else None
