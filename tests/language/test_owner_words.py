"""Small pieces of her words: an answer to "which one?", a surname alone, a fact said in passing, a date
with an English ordinal."""

from __future__ import annotations

import datetime as dt

from assistant.brain.clarify import choose
from assistant.language.dates import parse_month_day, resolve_date
from assistant.language.names.surname import said_surname
from assistant.shop.tags import canonical_tag, tags_said

WANGS = {"kind": "choose", "intent": "log_sale", "slot": "customer", "entities": {}, "options": [
    {"value": "汪桂兰", "label": "汪桂兰 (5栋1单元)", "aliases": ["Auntie Wang Guilan"]},
    {"value": "王秀英", "label": "王秀英 (3栋2单元)", "aliases": ["王阿姨", "Auntie Wang"]},
]}


def test_an_english_answer_names_one_option_by_its_alias_or_its_building():
    assert choose(WANGS, "Auntie Wang") == "王秀英"
    assert choose(WANGS, "auntie wang guilan.") == "汪桂兰"
    assert choose(WANGS, "the one in building 5") == "汪桂兰"
    assert choose(WANGS, "3栋的那个") == "王秀英"
    assert choose(WANGS, "Wang") is None  # both: ask again rather than guess


def test_a_new_customer_named_by_surname_only():
    assert said_surname("来了个新顾客姓马电话13900002222") == "马"
    assert said_surname("new customer, surname ma") == "Ma"
    assert said_surname("王阿姨买了两袋米") is None


def test_a_fact_said_in_everyday_words_is_the_shops_tag():
    assert tags_said("刘女士现在吃素了", ["素食", "高血压"]) == ["素食"]
    assert tags_said("李叔血压高", []) == ["高血压"]
    assert tags_said("she's vegetarian now", []) == ["素食"]
    assert tags_said("王阿姨买了米", ["素食"]) == []
    assert tags_said("小 孔 家 里 添 了 个 小孩", []) == ["有小孩"]  # kept-aside conversations #2
    assert tags_said("Zhao Min just had a baby", []) == ["有小孩"]
    assert tags_said("她家没有小孩", ["有小孩"]) == []
    assert canonical_tag("小孩") == canonical_tag("baby") == "有小孩"  # tagged alone out of "添了个小孩"
    assert canonical_tag("吃素") == "素食" and canonical_tag("烘焙") == "烘焙"
    assert canonical_tag("素") == "素食"  # the model tags 素 out of 吃素 (blind set #4's convention)
    assert tags_said("买了维生素", []) == []


def test_english_ordinal_dates():
    assert parse_month_day("wang jianlins birthday is june twelfth") == (6, 12)
    assert parse_month_day("the twenty-first of may") == (5, 21)
    assert resolve_date("the twenty-first of may", dt.date(2026, 3, 15)) == dt.date(2026, 5, 21)


def test_a_correction_ending_in_a_bare_number():
    from decimal import Decimal

    from assistant.language.quantities import bare_correction, number_said

    for text, number in (("make it 5", 5), ("改成五", 5), ("是五", 5), ("不对,是五", 5), ("不对 是 两", 2),
                         ("改成一百", 100), ("no, make it 50.", 50), ("应该是120", 120)):
        assert bare_correction(text) == Decimal(number), text
    for text in ("改成五袋", "改成五块", "make it 5 bags", "make it 50 yuan", "是汪阿姨", "她电话呢"):
        assert bare_correction(text) is None, text
    assert (number_said("五"), number_said("5袋"), number_said("王")) == (Decimal(5), Decimal(5), None)
