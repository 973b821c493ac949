"""The goods a stock question names when the model tagged none: named back when the shop does not sell them."""

from __future__ import annotations

import pytest

from assistant.language.goods_asked import goods_asked_about, goods_sold


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


@pytest.mark.parametrize(("text", "goods"), [
    ("Uncle Li bought a pack of cigarettes", "cigarettes"),
    ("auntie wang bought two bottles of beer.", "beer"),
    ("王阿姨买了两瓶啤酒,二十块", "啤酒"),
    ("李叔买了一包烟", "烟"),
    ("she took one bottle of it", None),
    ("王阿姨来了", None),
])
def test_the_goods_a_sale_names_after_its_count_are_found(text: str, goods: str | None) -> None:
    assert goods_sold(text) == goods
