"""An elliptical follow-up asks the last question again of another thing (kept-aside set #12: "那 菜籽油 呢" after
"花生油 还 有 多少"; and after a price, "那李叔呢" after what 张姐 owes); unclear, it inherits nothing."""

from __future__ import annotations

import pytest

from assistant.language.asked_again import question_asked_again, question_kind


@pytest.mark.parametrize(("said", "kind"), [
    ("花生油 还 有 多少", "stock"), ("花生油还剩几桶", "stock"), ("how much peanut oil do we have left", "stock"),
    ("花生油 多少 钱 一 桶", "price"), ("花生油什么价", "price"), ("what's the price of peanut oil", "price"),
    ("张 姐 欠 多少 钱", "owing"), ("张姐还欠钱吗", "owing"), ("how much does Sister Zhang owe", "owing"),
    ("李叔电话多少", None), ("王阿姨买了两袋米", None), ("", None),
])
def test_the_kind_of_question(said: str, kind: str | None) -> None:
    assert question_kind(said) == kind


def test_a_follow_up_inherits_the_question_before_it() -> None:
    assert question_asked_again("那 菜籽油 呢", ["花生油 还 有 多少"]) == "stock"
    assert question_asked_again("那菜籽油呢", ["花生油多少钱一桶"]) == "price"
    assert question_asked_again("what about rapeseed oil", ["how much is a jug of peanut oil"]) == "price"
    assert question_asked_again("那 李叔 呢", ["张 姐 欠 多少 钱"]) == "owing"
    # a chain of follow-ups: the question they all go back to
    assert question_asked_again("那玉米油呢", ["那菜籽油呢", "花生油什么价"]) == "price"


def test_unclear_inherits_nothing() -> None:
    assert question_asked_again("那 李叔 呢", ["李叔电话多少"]) is None  # a customer's fact: answered elsewhere
    assert question_asked_again("那 李叔 呢", []) is None
    assert question_asked_again("菜籽油多少钱", ["花生油还剩几桶"]) is None  # a whole question, no follow-up
    assert question_asked_again("那李叔呢", ["那王阿姨呢", "那张姐呢", "那周师傅呢", "那刘女士呢", "张姐欠多少"]) is None
