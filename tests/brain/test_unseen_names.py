"""A full name the shop does not know, opening a sentence untagged, is heard as the person she named."""

from __future__ import annotations

import pytest

from assistant.brain.unseen_names import unseen_name_at_start, with_unseen_name


def _name(text: str) -> str | None:
    span = unseen_name_at_start(text)
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize(("text", "name"), [
    ("钱多多先拿2袋东北大米记账", "钱多多"),
    ("钱多多的电话是多少", "钱多多"),
    ("钱多多有高血压", "钱多多"),
    ("李明说下周来拿米", "李明"),
    ("欧阳娜娜欠了50", "欧阳娜娜"),
    ("喂,钱多多来还钱了", "钱多多"),
    ("孙婶来还钱了", "孙婶"),
    ("钱多多平时买什么", "钱多多"),  # kept-aside #12: her habits asked
    ("杜小桃上次来是什么时候", "杜小桃"),
    ("李叔本来想赊账", None),  # 李叔 then 本来: no name of the rule's shape; the model tags 李叔 itself
])
def test_a_full_name_opening_the_sentence_is_found(text: str, name: str | None) -> None:
    assert _name(text) == name


@pytest.mark.parametrize("text", [
    "黄豆还有多少", "马上要2袋米", "周末有人来拿油", "高血压的顾客有哪些", "任何人都要登记",
    "白糖的价格是多少", "钱还有多少", "余额有多少", "方便的话给我打电话", "今天卖了多少", "平时卖得最好的是什么",
])
def test_words_that_start_like_a_surname_are_not_names(text: str) -> None:
    assert _name(text) is None


def test_a_name_is_added_only_when_no_customer_was_found_and_nothing_overlaps() -> None:
    text = "钱多多先拿2袋东北大米记账"
    product = {"entity": "product", "start": 7, "end": 11, "value": "东北大米"}
    found = with_unseen_name([product], text, {})
    assert [(e["entity"], e["value"]) for e in found] == [("customer", "钱多多"), ("product", "东北大米")]
    customer = {"entity": "customer", "start": 0, "end": 2, "value": "钱多"}
    assert with_unseen_name([customer], text, {"钱多": "customer"}) == [customer]  # a customer of the shop
    whole = with_unseen_name([customer], text, {})  # cut short by the model, and nobody the shop knows
    assert [(e["entity"], e["value"]) for e in whole] == [("customer", "钱多多")]
    other = {"entity": "customer", "start": 7, "end": 9, "value": "李叔"}
    assert with_unseen_name([other], "钱多多跟李叔说", {}) == [other]
    over = {"entity": "product", "start": 0, "end": 3, "value": "钱多多"}
    assert with_unseen_name([over], text, {}) == [over]
    assert with_unseen_name([], text, {"钱多多": "product"}) == []


@pytest.mark.parametrize(("text", "name"), [
    ("钟晓刚说明天来", "钟晓刚"), ("李静刚买了压榨红糖", "李静"), ("王刚买了2袋米", "王刚"),
    ("陈醋有吗", None), ("黄糖的价格", None), ("胡萝卜有吗", None), ("谢谢你的帮忙", None),
])
def test_a_given_name_is_told_from_what_follows_it(text: str, name: str | None) -> None:
    assert _name(text) == name
