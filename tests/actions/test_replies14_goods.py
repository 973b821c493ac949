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
    from assistant.language.two_requests import delivery_then_stock

    assert delivery_then_stock(entities, text)
    assert not delivery_then_stock(entities[1:], "菜籽油,顺便看看玉米油还有多少")


def test_words_that_hold_back_a_write():
    from assistant.language.answers import says_yes, withdraws

    assert withdraws("等一下,先不记") and withdraws("不要了,她又退回来了") and withdraws("hold on, don't record it")
    assert not withdraws("对") and not says_yes("等一下,先不记")


def test_a_message_with_no_words_is_no_request():
    from assistant.language.detect import reply_language
    from assistant.language.keyboard_mash import says_nothing

    assert says_nothing("1234567") and says_nothing("88") and says_nothing("🙂🙂🙂")
    assert says_nothing("<script>alert(1)</script>")
    assert not says_nothing("进了20袋大米") and not says_nothing("yes")
    assert reply_language("88") == "zh" and reply_language("🙂🙂🙂", current="zh") == "zh"


def test_revert_with_is_a_reply_not_an_undo():
    from assistant.language.answers import asks_to_take_back, revert_means_reply

    assert revert_means_reply("revert with last month also")
    assert not revert_means_reply("undo that") and not asks_to_take_back("revert with last month also")


def test_laughter_is_no_thanks():
    from assistant.language.keyboard_mash import laughs

    assert laughs("哈哈哈哈哈哈哈哈哈") and laughs("hahaha") and laughs("lol")
    assert not laughs("谢谢") and not laughs("哈尔滨大米还有吗")
