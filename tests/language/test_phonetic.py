"""How names sound: the pure functions behind name resolution and snapping."""

from __future__ import annotations

import pytest

from assistant.language.phonetic import clean, parse_person, pinyin_readings, sound_key


@pytest.mark.parametrize("said, surname_sounds, honorific", [
    ("missus wang", ("wan",), "madam"),  # how a LibriSpeech-trained recogniser writes Mrs
    ("mrs wang", ("wan",), "madam"),
    ("auntie wong", ("wan", "huan"), "aunt"),
])
def test_english_forms_of_address(said: str, surname_sounds: tuple[str, ...], honorific: str) -> None:
    person = parse_person(said)
    assert person is not None and person.honorific == honorific
    assert set(person.sounds) == set(surname_sounds)


def test_a_full_name_with_a_romanised_surname_reads_as_pinyin() -> None:
    assert pinyin_readings("wong xiuying") == ["wang xiuying", "huang xiuying"]
    assert pinyin_readings("lee jianguo") == ["li jianguo"]
    assert pinyin_readings("wang xiuying") == []  # already pinyin
    assert pinyin_readings("auntie wong") == []  # a form of address, handled by parse_person
    assert pinyin_readings("peanut oil") == [] and pinyin_readings("王 秀英") == []


def test_spaced_recogniser_chinese_sounds_like_the_name() -> None:
    assert sound_key(clean("汪 阿 姨"), as_name=True) == sound_key("王阿姨", as_name=True)
    assert sound_key("程姐", as_name=True) == sound_key("陈姐", as_name=True)
