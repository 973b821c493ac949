"""A sale of more than the stock on record is said in the read-back (her records may be behind)."""

from __future__ import annotations

from decimal import Decimal

from assistant.brain.proposals import CreditProposal, SaleProposal
from assistant.shop.stock import beyond_stock


def test_more_than_the_stock_on_record_is_beyond_it():
    assert beyond_stock("1", "瓶", stock="0", stock_unit="瓶")
    assert beyond_stock("3", "bags", stock="2", stock_unit="袋")  # a count said in English
    assert not beyond_stock("2", "袋", stock="2", stock_unit="袋")
    assert not beyond_stock("1", None, stock=None, stock_unit="袋")  # not known: nothing to say


def test_a_weight_of_goods_counted_otherwise_cannot_be_compared():
    assert not beyond_stock("5", "斤", stock="1", stock_unit="袋")
    assert not beyond_stock("5", "袋", stock="1", stock_unit="斤")
    assert beyond_stock("5", "斤", stock="1", stock_unit="斤")


def _sale(stock: str, quantity: str = "1") -> SaleProposal:
    return SaleProposal(customer_name="李建国", lines=[
        {"product": "低钠酱油", "aliases": ["low sodium soy sauce"], "quantity": quantity, "unit": "瓶",
         "amount": "15.8", "stock": stock, "stock_unit": "瓶"}])


def test_the_read_back_asks_whether_a_sale_past_the_stock_is_right():
    assert _sale("0").describe("zh") == "李建国 买 低钠酱油 1瓶,共 15.8元。店里记录的库存只有0瓶,确定吗?"
    assert _sale("0").describe("en").endswith("The records show only 0 bottles in stock. Are you sure?")
    assert _sale("5").describe("zh").endswith("对吗?")
    assert "库存" not in _sale("0").entry("zh")  # undo names the sale, not the warning


def test_a_corrected_quantity_is_checked_again():
    assert _sale("2", "3").corrected(quantity=Decimal("2")).describe("zh").endswith("对吗?")



def _tab(stock: str, quantity: str = "1") -> CreditProposal:
    return CreditProposal(customer_name="李建国", balance_before="0", limit="500", lines=[
        {"product": "低钠酱油", "aliases": ["low sodium soy sauce"], "quantity": quantity, "unit": "瓶",
         "amount": "15.8", "stock": stock, "stock_unit": "瓶"}])


def test_a_tab_past_the_stock_asks_as_a_sale_does():
    assert _tab("0").describe("zh") == "李建国 赊 低钠酱油 1瓶,15.8元,记在账上。店里记录的库存只有0瓶,确定吗?"
    assert _tab("0").describe("en").endswith("The records show only 0 bottles in stock. Are you sure?")
    assert _tab("5").describe("zh").endswith("对吗?")
    assert _tab("2", "3").corrected(quantity=Decimal("2")).describe("zh").endswith("对吗?")
