"""A delivery's total after its cases ("进了两箱,一共二十四瓶") is counted in the shop's unit (blind #15)."""

from decimal import Decimal

import pytest

from assistant.context import ShopContext
from assistant.language.total_count import total_in_unit


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


@pytest.mark.parametrize(("text", "unit", "total"), [
    ("老抽到了三箱,总共三十六瓶", "瓶", Decimal("36")),
    ("香醋 进 了 两 箱 合计 二十四 瓶", "瓶", Decimal("24")),
    ("three cases of vinegar, 36 bottles in all", "瓶", Decimal("36")),
    ("a total of 40 bags of flour in 2 crates", "袋", Decimal("40")),
    ("老抽进了三十六瓶", "瓶", None),  # no total said: the count said stands
    ("老抽到了三箱,一共三十六瓶", "袋", None),  # the total is not in the shop's unit
])
def test_the_total_in_the_shops_unit(text: str, unit: str, total: Decimal | None) -> None:
    assert total_in_unit(text, unit) == total


def test_the_delivery_read_back_counts_the_bottles(conversation):
    from actions.stock import ActionProposeStockIn

    said = conversation.run(ActionProposeStockIn, text="老抽到了3箱,总共36瓶", intent="log_stock_in",
                            entities=[{"entity": "product", "value": "老抽"}, {"entity": "quantity", "value": "3"},
                                      {"entity": "unit", "value": "箱"}, {"entity": "quantity", "value": "36"},
                                      {"entity": "unit", "value": "瓶"}])
    assert "36瓶" in said[0], said
