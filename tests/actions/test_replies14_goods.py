"""Red team 14 / lead's trial: a price asked or changed, stock below zero, a stock asked after a delivery."""

from decimal import Decimal

from actions.goods_answers import order_said, stock_said
from assistant.brain.proposals.price import PriceProposal
from assistant.language.price_talk import asks_price, new_price
from assistant.language.two_requests import stock_asked_after
from assistant.shop.reports.reorder import StockItem


def _item(stock: str, suggested: str = "0", cover: str | None = None) -> StockItem:
    return StockItem(product_id=1, product="鸡蛋", category="蛋", unit="盒", stock=Decimal(stock),
                     sold_recently=Decimal(0), daily_sales=Decimal(1),
                     days_of_cover=Decimal(cover) if cover else None, suggested_quantity=Decimal(suggested))


def test_a_price_question_is_not_a_stock_question():
    assert asks_price("五常大米多少钱一袋") and asks_price("花生油现在卖多少")
    assert not asks_price("鸡蛋还有多少") and not asks_price("今天卖了多少钱")


def test_a_new_price_is_read_from_the_words():
    assert new_price("东北大米涨到六十了") == 60
    assert new_price("花生油涨价了,改成九十五一桶") == 95
    assert new_price("改成六十一袋") == 60
    assert new_price("涨到十二块五") == Decimal("12.5")
    assert new_price("不对是十二盒") is None and new_price("进了十桶菜籽油") is None


def test_a_price_change_reads_back_the_old_price():
    said = PriceProposal(product_id=1, product="东北大米", unit="袋", price="60", before="59").describe("zh")
    assert "60元" in said and "原来59元" in said


def test_stock_below_zero_is_said_plainly():
    said = stock_said(_item("-2"), "zh")
    assert "-2" not in said and "少了2盒" in said and "盘点" in said
    assert "-2" not in stock_said(_item("-2"), "en")


def test_the_order_of_the_product_just_told():
    assert order_said(_item("3", "40", "1.5"), "zh") == "鸡蛋建议进40盒(还够1.5天)。"


def test_a_stock_question_after_a_delivery_is_found():
    text = "进了10桶菜籽油,顺便看看玉米油还有多少"
    entities = [{"entity": "quantity", "value": "10桶", "start": 2, "end": 5},
                {"entity": "product", "value": "菜籽油", "start": 5, "end": 8},
                {"entity": "product", "value": "玉米油", "start": 14, "end": 17}]
    assert stock_asked_after(entities, text)["value"] == "玉米油"
    assert stock_asked_after(entities[:2], text) is None
