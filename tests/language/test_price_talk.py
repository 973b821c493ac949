"""A price asked or changed in the owner's words, Chinese and English (red team 15: W1, M2, M3)."""

from decimal import Decimal

import pytest

from assistant.language.price_talk import asks_price, new_price


@pytest.mark.parametrize(("said", "price"), [
    ("嗯 红豆 涨 价 了 改成 九 块 一 斤", Decimal("9")), ("挂面涨价了,现在卖七块五一袋", Decimal("7.5")),
    ("香醋 便宜 点 卖 八 块 五 吧", Decimal("8.5")), ("菜籽油 涨 到 七十 二 块 了", Decimal("72")),
    ("raise the price of oats to twenty yuan", Decimal("20")),
    ("change the price of salt to 3.5, no wait, make it 4", Decimal("4")),  # the last figure said is meant
])
def test_a_new_price_is_read(said: str, price: Decimal) -> None:
    assert new_price(said) == price


@pytest.mark.parametrize("said", ["uncle li bought 2 bottles for 25", "改成十二盒", "王阿姨买了两袋米 便宜点卖她一百",
                                  "what's the price of rice"])
def test_no_new_price_where_none_is_set(said: str) -> None:
    assert new_price(said) is None


def test_a_price_asked_in_english_with_cost() -> None:
    assert asks_price("what does salt cost") and not asks_price("how many bags of salt are left")


@pytest.mark.parametrize(("said", "price"), [("不 对 是 七十 三", Decimal("73")), ("no, 73", Decimal("73")),
                                             ("改成七十三块", Decimal("73")), ("不对,是两桶", None), ("不对", None)])
def test_a_price_put_right_while_its_read_back_waits(said: str, price: Decimal | None) -> None:
    """"菜籽油 涨 到 七十 二 块 了" then "不 对 是 七十 三": 73, not the whole change dropped (red team 15, M4)."""
    from assistant.language.price_talk import price_put_right

    assert price_put_right(said) == price
