"""The goods a stock question names when the model tagged none: named back when the shop does not sell them."""

from __future__ import annotations

import pytest

from assistant.language.goods_asked import goods_asked_about


@pytest.mark.parametrize(("text", "goods"), [
    ("榴莲还有多少", "榴莲"),
    ("榴莲 还有 多少", "榴莲"),
    ("榴莲还有吗？", "榴莲"),
    ("我们的榴莲库存还有多少", "榴莲"),
    ("how many durians are left", "durians"),
    ("how much durian do we have left", "durian"),
    ("do we have any durians left?", "durians"),
    ("is there any durian left", "durian"),
])
def test_the_goods_of_a_stock_question_are_found(text: str, goods: str) -> None:
    assert goods_asked_about(text) == goods


@pytest.mark.parametrize("text", [
    "这个还有多少", "还有多少", "还有吗", "东西还有多少", "王阿姨要的油还有多少", "how many are left",
    "how much of it is left", "今天天气怎么样",
])
def test_nothing_is_found_where_no_goods_are_named(text: str) -> None:
    assert goods_asked_about(text) is None
