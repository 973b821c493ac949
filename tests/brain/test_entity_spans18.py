"""Spans the round-18 model cut or mislabelled, settled after it: an English month and day tagged as two amounts,
an allergy tagged without its allergen, a weekday cut off its week word (left as goods, or taken for a name).
The spans are the model's own output on these sentences (``assistant parse``), replayed."""

import datetime as dt

from assistant.brain.entities import resolve_overlaps
from assistant.language.days import canonical_date
from tests.brain.spans import regex, valued

TODAY = dt.date(2026, 3, 15)


def _diet(entity: str, start: int, end: int, text: str) -> dict:
    return valued(entity, start, end, text)


def _regex(entity: str, start: int, end: int, text: str) -> dict:
    return {**regex(entity, start, end), "value": text[start:end]}


def _read(resolved: list[dict], text: str) -> list[tuple[str, str, str]]:
    return [(e["entity"], text[e["start"]:e["end"]], str(e.get("value"))) for e in resolved]


def _sale(text: str, *tagged: tuple[str, int, int]) -> list[tuple[str, str, str]]:
    found = [_diet("customer", 0, 11, text), _diet("quantity", 19, 20, text), _diet("unit", 21, 25, text),
             _diet("product", 29, 43, text), *(_diet(kind, start, end, text) for kind, start, end in tagged)]
    return _read(resolve_overlaps(found, text, today=TODAY), text)


def test_an_english_month_and_day_tagged_as_two_amounts_is_the_day_of_a_past_sale():
    text = "auntie wang bought 2 bags of northeast rice on march 18"
    resolved = _sale(text, ("amount", 47, 52), ("amount", 53, 55))
    assert not [e for e in resolved if e[0] == "amount"]
    assert ("date", "march 18", "2025-03-18") in resolved  # after today, no year said, a sale: last year's


def test_a_day_before_its_month_or_said_as_a_word_is_a_day_too():
    for said in ("the 18th of march", "march the eighteenth", "18th of march"):
        text = f"auntie wang bought 2 bags of northeast rice on {said}"
        start = text.index(said)
        resolved = _sale(text, ("amount", start, len(text)))
        assert [e for e in resolved if e[0] in {"amount", "date"}] == [("date", said, "2025-03-18")], said


def test_a_month_and_day_untagged_is_still_a_day_but_goods_after_a_month_are_counted():
    text = "auntie wang bought 2 bags of northeast rice on april 2"
    assert ("date", "april 2", "2025-04-02") in _sale(text)
    text = "in march 20 bags of rice came in"
    resolved = _read(resolve_overlaps([_diet("quantity", 9, 11, text), _diet("unit", 12, 16, text),
                                       _regex("product", 20, 24, text)], text, today=TODAY), text)
    assert ("quantity", "20", "20") in resolved and not [e for e in resolved if e[0] == "date"]


def test_an_allergy_tagged_alone_takes_the_allergen_said_before_it():
    text = "张姐自己对芒果过敏"
    resolved = _read(resolve_overlaps([_diet("customer", 0, 2, text), _diet("tag", 7, 9, text)], text, today=TODAY), text)
    assert ("tag", "芒果过敏", "芒果过敏") in resolved
    text = "小孩花生 过敏"  # as Vosk spaces it
    resolved = _read(resolve_overlaps([_diet("tag", 5, 7, text)], text, today=TODAY), text)
    assert [e[2] for e in resolved if e[0] == "tag"] == ["花生过敏"]


def test_an_allergy_takes_no_negation_no_person_and_no_question_word():
    for text, name_end in (("张丽不过敏", 2), ("张丽过敏", 2), ("张姐对什么过敏", 2), ("帮我记一下张姐有过敏", 7)):
        at = text.index("过敏")
        customer_start = name_end - 2
        found = [_diet("customer", customer_start, name_end, text), _diet("tag", at, at + 2, text)]
        resolved = _read(resolve_overlaps(found, text, today=TODAY), text)
        assert [e[2] for e in resolved if e[0] == "tag"] == ["过敏"], text


def test_a_weekday_left_as_goods_after_its_week_word_is_that_day():
    text = "上礼拜六卖了多少"
    resolved = _read(resolve_overlaps([_diet("period", 0, 3, text), _diet("product", 3, 4, text)], text, today=TODAY), text)
    assert resolved == [("date", "上礼拜六", "2026-03-07")]
    for text, end, day in (("这周三卖了多少", 2, "2026-03-11"), ("上星期天卖了多少", 3, "2026-03-08")):
        resolved = _read(resolve_overlaps([_diet("period", 0, end, text)], text, today=TODAY), text)
        assert resolved == [("date", text[:end + 1], day)], text


def test_a_weekday_taken_for_a_customer_is_that_day():
    text = "上周六卖了多少"
    resolved = _read(resolve_overlaps([_diet("customer", 1, 3, text)], text, today=TODAY), text)
    assert resolved == [("date", "上周六", "2026-03-07")]


def test_a_week_word_before_a_count_or_a_total_stays_the_week():
    for text in ("上周一共卖了多少", "这周三天没开门"):
        resolved = _read(resolve_overlaps([_diet("period", 0, 2, text)], text, today=TODAY), text)
        assert [e[1] for e in resolved if e[0] in {"period", "date"}] == [text[:2]], text


def test_a_weekday_typed_as_a_digit_is_read():
    assert canonical_date("上礼拜6", TODAY) == "2026-03-07"
    assert canonical_date("这周3", TODAY) == "2026-03-11"
