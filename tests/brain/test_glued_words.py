"""Words stuck on a customer span that are not her name (blind set #18): a preposition or filler glued before
a form of address, and a Singlish particle taken for a name. The spans replay what the round-17 model tagged."""

import datetime as dt

from assistant.brain.entities import resolve_overlaps
from tests.brain.spans import valued

TODAY = dt.date(2026, 3, 15)


def _customers(text: str, start: int, end: int) -> list[str]:
    resolved = resolve_overlaps([valued("customer", start, end, text)], text, today=TODAY)
    return [e["value"] for e in resolved if e["entity"] == "customer"]


def test_a_preposition_or_filler_before_a_form_of_address_is_not_her_name():
    assert _customers("烦请为臧先生录一段生日祝福", 2, 6) == ["臧先生"]
    assert _customers("查一下张姐的电话", 1, 5) == ["张姐"]
    assert _customers("俺老乡鞠大哥今儿来了", 0, 6) == ["鞠大哥"]


def test_a_name_that_only_starts_like_a_preposition_stays_whole():
    assert _customers("为民哥买了两袋米", 0, 3) == ["为民哥"]  # 为民 is a given name: 民 is no surname
    assert _customers("王阿姨买了两袋米", 0, 3) == ["王阿姨"]


def test_a_singlish_particle_is_nobody():
    assert _customers("yo boss i'm here liao", 17, 21) == []
    assert _customers("can ah", 4, 6) == []


def test_cantonese_now_after_a_form_of_address_is_not_her_name():
    assert _customers("李叔而家欠几多", 0, 3) == ["李叔"]  # red team 18, M1
    assert _customers("张姐依家要两袋米", 0, 3) == ["张姐"]
