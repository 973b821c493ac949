"""A note keeps the fact told, not the words that asked for it."""

import pytest

from assistant.language.notes_said import note_said


@pytest.mark.parametrize(("said", "noted"), [
    ("给小何记一下 不吃葱蒜", "不吃葱蒜"),
    ("给 小何 记 一下 不 吃 葱蒜", "不吃葱蒜"),
    ("帮我给李叔备注一下:下周去外地", "下周去外地"),
    ("记下来,周师傅的面馆周一休息", "周师傅的面馆周一休息"),
    ("make a note for mrs liu: she is away next week", "she is away next week"),
    ("note that uncle li prefers the small bottles", "uncle li prefers the small bottles"),
])
def test_the_asking_words_are_left_out(said, noted):
    assert note_said(said) == noted


@pytest.mark.parametrize("said", ["王阿姨下周去杭州看孙子", "mrs liu is moving house next month", "记一下"])
def test_a_fact_told_plainly_is_its_own_note(said):
    assert note_said(said) == said
