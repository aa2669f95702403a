"""The small language detector: scripts first, then function words, on invented sentences."""

from __future__ import annotations

import pytest

from newsclean.content.language import detect_language, stopword_share


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The keeper of the lighthouse said that she was ready to leave it to the harbour office.", "en"),
        ("Der Leuchtturmwärter sagte, dass er nicht mehr auf den Turm steigen wird und sich auf die Ruhe freut.", "de"),
        ("Le gardien du phare a dit que la lumière ne s'est jamais éteinte pendant son service sur la côte.", "fr"),
        ("El farero dijo que la luz no se apagó nunca en los años que pasó en la isla con su familia.", "es"),
        ("O faroleiro disse que a luz não se apagou nos anos em que esteve na ilha com a família.", "pt"),
        ("Strážce majáku řekl, že se na věž už nebude dívat jako dřív a že je to pro něj také úleva.", "cs"),
        ("Смотритель маяка сказал, что он не будет больше подниматься на башню и что это его решение.", "ru"),
        ("灯台守は四十年の勤務を終えて、港の事務所に仕事を引き継いだと話した。", "ja"),
        ("등대지기는 사십 년 동안의 근무를 마치고 항구 사무소에 일을 넘겼다고 말했다.", "ko"),
        ("灯塔看守人说他在岛上工作了四十年，现在由港口办公室接手。", "zh"),
    ],
)
def test_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_latin_words_around_a_few_foreign_characters_stay_latin() -> None:
    text = "The keeper, who signs her letters 灯台, said that the lamp was never out in forty years on the rock."
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "12 345 678", "Quill Porthaven Wren Bloggs"])
def test_no_guess_without_evidence(text: str) -> None:
    assert detect_language(text) is None


def test_stopword_share() -> None:
    assert stopword_share("the keeper and the lamp", "en") == pytest.approx(0.6)
    assert stopword_share("the keeper", None) == 0.0


def test_ascii_and_unicode_paths_agree_on_a_latin_page() -> None:
    # The same words once in plain ASCII and once with one curly apostrophe (the regex path).
    plain = "The harbour office said that it was ready for the storm and that the ferry would wait."
    curly = plain.replace("harbour", "harbour’s")
    assert detect_language(plain) == detect_language(curly) == "en"
    assert detect_language("12 34 -- !!") is None
