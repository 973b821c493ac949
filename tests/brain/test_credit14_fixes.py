"""Owner trial 14's tab and follow-up findings: Sir Zhou is 周师傅, utang is no one, a waiting sale put on
the tab, the visit before last and the sale just recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assistant.brain.proposals.sale import SaleProposal
from assistant.brain.sale_to_tab import as_tab, same_write, waiting_sale
from assistant.brain.unseen_names import with_unseen_name
from assistant.language.earlier_visit import asks_that_sale, asks_visit_before_last
from assistant.language.names import CustomerRecord, resolve_customer
from assistant.shop.visits import Visit
from tests.language.names.conftest import index_of

_SHOP = index_of(CustomerRecord(1, "周德明", ("周德明", "周师傅", "Master Zhou")),
                 CustomerRecord(2, "邹平", ("邹平", "Zou Ping", "老邹")),
                 CustomerRecord(3, "王秀英", ("王秀英", "王阿姨")), CustomerRecord(4, "李建国", ("李建国", "李叔")))


@pytest.mark.parametrize("said, meant", [
    ("Sir Zhou", "周德明"), ("kuya zhou", "周德明"), ("sir zou", "邹平"), ("Ma'am Wang", "王秀英"),
    ("ate wang", "王秀英"), ("kuya li", "李建国"),
])
def test_a_courtesy_title_is_the_surname_spelled_as_said(said, meant):
    found = resolve_customer(_SHOP, said)
    assert [c.name for c in found.candidates] == [meant]


def test_a_courtesy_title_keeps_its_gender():
    assert resolve_customer(_SHOP, "sir wang").status == "unknown"  # 王阿姨 is no sir


def test_utang_is_no_customer():
    text = "how much is the utang of master zhou"
    entities = [{"entity": "customer", "start": 16, "end": 21, "value": "utang"},
                {"entity": "customer", "start": 25, "end": 36, "value": "master zhou"}]
    assert [e["value"] for e in with_unseen_name(entities, text, {})] == ["master zhou"]


def _sale() -> SaleProposal:
    return SaleProposal(customer_id=3, customer_name="王秀英", lines=[
        {"product_id": 1, "product": "东北大米", "aliases": [], "quantity": "2", "unit": "袋", "amount": "118",
         "price": "59"}])


def test_a_waiting_sale_goes_on_her_tab():
    sale = waiting_sale(_sale().to_slot())
    assert sale is not None
    tab = as_tab(sale, balance_before="0", limit="500")
    assert (tab.customer_id, tab.customer_name, tab.total) == (3, "王秀英", Decimal("118"))
    assert "赊" in tab.describe("zh") and "118" in tab.describe("zh")
    assert same_write(sale, tab.to_slot())


def test_a_walk_in_sale_has_no_tab():
    assert waiting_sale(SaleProposal(lines=_sale().lines).to_slot()) is None


@pytest.mark.parametrize("text, before_last, that_sale", [
    ("那她上上次呢", True, False), ("刚才张姐那笔多少钱", False, True), ("王阿姨欠多少", False, False),
    ("王阿姨上次什么时候来的", False, False), ("刚才那笔账多少", False, False),
])
def test_which_visit_or_sale_is_asked(text, before_last, that_sale):
    assert (asks_visit_before_last(text), asks_that_sale(text)) == (before_last, that_sale)


def test_a_visit_is_said_with_its_day_goods_and_amount():
    visit = Visit(day=dt.date(2026, 2, 17), amount=Decimal("150.00"),
                  items=[{"product": "东北大米", "quantity": "2", "unit": "袋"}])
    assert visit.said("王秀英", "zh", today=dt.date(2026, 3, 15)) == "王秀英2月17号来的,买了东北大米2袋,共150元。"
