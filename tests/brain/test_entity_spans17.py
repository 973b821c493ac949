"""Spans the round-17 model cut or mislabelled, settled after it: a count tagged as a day, a bare measure word
tagged as the count, the first word of unknown goods, a fact cut to its negated verb, a year with "一年" after it.
The spans are the model's own output on these sentences (``assistant parse``), replayed."""

import datetime as dt

from assistant.brain.entities import resolve_overlaps
from tests.brain.spans import regex, valued

TODAY = dt.date(2026, 3, 15)


def _regex(entity: str, start: int, end: int, text: str) -> dict:
    return {**regex(entity, start, end), "value": text[start:end]}


def _diet(entity: str, start: int, end: int, text: str) -> dict:
    return valued(entity, start, end, text)


def _read(resolved: list[dict], text: str) -> list[tuple[str, str, str]]:
    return [(e["entity"], text[e["start"]:e["end"]], str(e.get("value"))) for e in resolved]


def test_a_count_tagged_as_a_second_day_is_the_count_before_its_measure_word():
    text = "王阿姨3月18号买了2袋东北大米"
    found = [_diet("customer", 0, 3, text), _diet("date", 3, 8, text), _diet("date", 10, 11, text), _diet("unit", 11, 12, text),
             _diet("product", 12, 16, text), _regex("product", 12, 16, text)]
    resolved = _read(resolve_overlaps(found, text, today=TODAY), text)
    assert ("quantity", "2", "2") in resolved and ("unit", "袋", "袋") in resolved
    assert [e for e in resolved if e[0] == "date"] == [("date", "3月18号", "2025-03-18")]


def test_an_untagged_count_before_a_measure_word_is_read():
    text = "李叔拿了3瓶生抽"
    resolved = _read(resolve_overlaps([_diet("customer", 0, 2, text), _regex("product", 6, 8, text)], text, today=TODAY), text)
    assert ("quantity", "3", "3") in resolved and ("unit", "瓶", "瓶") in resolved


def test_a_length_of_time_is_no_count():
    text = "孙阿姨1个月买了几袋东北大米"
    resolved = _read(resolve_overlaps([_diet("customer", 0, 3, text), _diet("days", 3, 4, text), _regex("product", 10, 14, text)],
                                      text, today=TODAY), text)
    assert not [e for e in resolved if e[0] == "quantity"]


def test_a_bare_measure_word_tagged_as_the_count_is_the_unit_and_one():
    text = "王秀英拿了袋东北大米"
    found = [_diet("customer", 0, 3, text), _diet("quantity", 5, 6, text), _diet("product", 6, 10, text), _regex("product", 6, 10, text)]
    resolved = _read(resolve_overlaps(found, text, today=TODAY), text)
    assert ("unit", "袋", "袋") in resolved and ("quantity", "袋", "1") in resolved


def test_a_measure_word_asked_about_is_no_count():
    text = "还剩几袋东北大米"
    resolved = _read(resolve_overlaps([_diet("quantity", 3, 4, text), _regex("product", 4, 8, text)], text, today=TODAY), text)
    assert ("quantity", "袋", "1") not in resolved


def test_unknown_goods_tagged_on_their_first_word_are_named_whole():
    text = "auntie wang bought chow mein yesterday"
    found = [_diet("customer", 0, 11, text), _diet("customer", 19, 23, text), _regex("customer", 0, 11, text), _diet("date", 29, 38, text)]
    resolved = _read(resolve_overlaps(found, text, today=TODAY), text)
    assert ("product", "chow mein", "chow mein") in resolved
    assert ("date", "yesterday", "2026-03-14") in resolved


def test_goods_cut_before_a_catalogue_word_take_it_in():
    text = "auntie wang bought 2 bags of high gluten flour for 52"
    found = [_diet("customer", 0, 11, text), _diet("quantity", 19, 20, text), _diet("unit", 21, 25, text), _diet("product", 29, 33, text),
             _regex("product", 41, 46, text), _diet("amount", 51, 53, text)]
    resolved = _read(resolve_overlaps(found, text, today=TODAY), text)
    assert [e for e in resolved if e[0] == "product"] == [("product", "high gluten flour", "high gluten flour")]
    assert ("amount", "52", "52") in resolved


def test_a_catalogue_match_is_not_run_on():
    text = "auntie wang bought rice cheap"
    resolved = _read(resolve_overlaps([_diet("customer", 0, 11, text), _regex("product", 19, 23, text)], text, today=TODAY), text)
    assert ("product", "rice", "rice") in resolved


def test_a_fact_cut_to_its_negated_verb_is_no_tag():
    text = "给小何记一下不吃葱蒜"
    resolved = _read(resolve_overlaps([_diet("customer", 1, 3, text), _diet("tag", 6, 8, text)], text, today=TODAY), text)
    assert [e[0] for e in resolved] == ["customer"]
    text = "孙阿姨不吃辣"
    resolved = _read(resolve_overlaps([_diet("customer", 0, 3, text), _diet("tag", 3, 6, text)], text, today=TODAY), text)
    assert ("tag", "不吃辣", "不吃辣") in resolved


def test_last_year_with_one_year_after_it_is_last_year():
    for text, end in (("去年1年呢", 3), ("去年全年卖了多少", 4)):
        resolved = _read(resolve_overlaps([_diet("period", 0, end, text)], text, today=TODAY), text)
        assert resolved == [("period", "去年", "去年")]
    text = "去年1月卖了多少"
    resolved = _read(resolve_overlaps([_diet("period", 0, 4, text)], text, today=TODAY), text)
    assert resolved == [("period", "去年1月", "去年1月")]


def test_goods_stop_at_the_verb_after_them():
    for text, end in (("20 bags of northeast rice arrived", 25), ("how much oil did we sell this week", 12),
                      ("30 bags of northeast rice came in", 25)):
        start = text.index("northeast") if "northeast" in text else text.index("oil")
        resolved = _read(resolve_overlaps([_diet("product", start, end, text)], text, today=TODAY), text)
        assert [e[1] for e in resolved if e[0] == "product"] == [text[start:end]], text
