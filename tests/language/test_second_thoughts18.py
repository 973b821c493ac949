"""Kept-aside conversations #15: a correction owning up to a slip ("手滑了 改成七袋"), said in Wu ("弗对弗对,是四斤"),
or denying one figure for another ("不 是 六 袋 是 九 袋"); and a casual go-ahead ("yes 安排", "发发发")."""

from decimal import Decimal

import pytest

from assistant.brain.waiting_answer import answer_to_waiting
from assistant.language.go_ahead import says_go_ahead
from assistant.language.second_thoughts import figure_meant, put_plainly

_SALE = {"kind": "sale", "id": "p1", "customer_id": 1, "customer_name": "李建国",
         "lines": [{"product_id": 1, "product": "东北大米", "quantity": "2", "unit": "袋", "amount": "118"}],
         "total": "118"}
_GREETING = {"kind": "greeting", "id": "g1", "customer_id": 1, "customer_name": "李建国", "occasion": "生日",
             "text": "生日快乐"}


@pytest.mark.parametrize(("said", "plain"), [
    ("手滑了 改成七袋", "不对 改成七袋"), ("打错了,是五袋", "不对 是五袋"), ("哎呀 按错了 应该是六斤", "不对 应该是六斤"),
    ("口误 八袋", "不对 八袋"), ("看错了", "不对"), ("弗对弗对,是四斤", "不对不对,是四斤"), ("弗要了", "不要了"),
    ("my bad, 3 bags", "no, 3 bags"), ("typo it's 4 bottles", "no, it's 4 bottles"),
])
def test_a_slip_or_wu_no_is_put_plainly(said, plain):
    assert put_plainly(said) == plain


@pytest.mark.parametrize("said", ["不是王阿姨是汪阿姨", "不对 是四斤", "弗兰克买了两袋米", "改成七袋", "no, 3 bags"])
def test_plain_words_are_left_alone(said):
    assert put_plainly(said) is None


@pytest.mark.parametrize(("said", "figure", "unit"), [
    ("不 是 六 袋 是 九 袋", "9", "袋"), ("不是两斤,是四斤", "4", "斤"), ("是九袋不是六袋", "9", "袋"),
    ("不是132是198", "198", None), ("not 6 bags, 9 bags", "9", "bags"),
])
def test_the_figure_after_the_one_denied(said, figure, unit):
    meant = figure_meant(said)
    assert meant is not None and meant.figure == Decimal(figure) and meant.unit == unit


def test_money_denied_for_money():
    meant = figure_meant("不是六十块是九十块")
    assert meant is not None and meant.money and meant.figure == 90


@pytest.mark.parametrize("said", ["不是王阿姨是汪阿姨", "不是高筋是中筋的", "不对 是四斤"])
def test_no_figure_denied(said):
    assert figure_meant(said) is None


@pytest.mark.parametrize("said", ["yes 安排", "好 安排", "好嘞安排上", "行 走起", "ok 冲", "好 搞起", "yes 上",
                                  "ok let's go"])
def test_a_casual_go_ahead(said):
    assert says_go_ahead(said)


@pytest.mark.parametrize("said", ["安排", "安排一下明天的事", "发发发", "好 发个祝福给李叔", "明天有什么安排"])
def test_not_a_go_ahead(said):
    assert not says_go_ahead(said)


@pytest.mark.parametrize("said", ["发发发", "快发", "发吧发吧", "好 发出去", "send send", "send it now"])
def test_send_said_any_way_while_a_message_waits(said):
    assert says_go_ahead(said, sending=True)


def test_while_a_sale_waits():
    assert answer_to_waiting(_SALE, "yes 安排") == "/affirm"
    assert answer_to_waiting(_SALE, "手滑了 改成七袋") == "不对 改成七袋"
    assert answer_to_waiting(_SALE, "发发发") is None  # no message to send: not a yes
    assert answer_to_waiting(_SALE, "安排一下明天的事") is None


def test_while_a_greeting_waits():
    assert answer_to_waiting(_GREETING, "发发发") == "/affirm"
    assert answer_to_waiting(_GREETING, "发个祝福给李叔") is None


def test_nothing_waiting():
    assert answer_to_waiting(None, "yes 安排") is None
    assert answer_to_waiting(None, "发发发") is None
    assert answer_to_waiting(None, "手滑了 改成七袋") is None
    assert answer_to_waiting({"kind": "choose", "options": []}, "发发发") is None
