"""A "yes" that cannot be written (red team, 2026-12-06): a number no shop means, a customer erased between
the read-back and the yes. The owner hears why in her own language, nothing is written, and the read-back
does not stay waiting for a "yes" that can never succeed — on both databases."""

import re

from sqlalchemy import func, select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposeCredit
from actions.sales import ActionProposeSale
from actions.stock import ActionProposeStockIn
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer, Sale, StockMovement
from assistant.shop.export import erase_customer

LATIN = re.compile(r"[A-Za-z]{3,}")


def _rows(engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        return tuple(session.execute(select(func.count()).select_from(table)).scalar()
                     for table in (Sale, CreditEntry, StockMovement))


def test_a_sale_of_twenty_digits_is_refused_at_the_read_back_in_chinese_and_nothing_waits(shop_db, conversation):
    before = _rows(shop_db)
    said = conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米",
                            sale_quantity="99999999999999999999", sale_unit="袋")
    # Before: read back as heard, then refused only at "对" (owner trial 2026-12-06: refuse it at once).
    assert len(said) == 1 and said[0].startswith("没记") and "太大" in said[0] and "重新说" in said[0], said
    assert "99999999999999999999" in said[0] and "对吗" not in said[0]
    assert not LATIN.search(said[0])
    assert conversation.slot("pending") is None
    assert conversation.run(ActionAffirm, intent="affirm") == ["现在没有要确认的内容。"]
    assert _rows(shop_db) == before


def test_a_huge_delivery_is_refused_at_the_read_back_and_nothing_moves(shop_db, conversation):
    before = _rows(shop_db)
    said = conversation.run(ActionProposeStockIn, text="进了一亿袋东北大米", intent="log_stock_in",
                            entities={"product": "东北大米", "quantity": "100000000", "unit": "袋"})
    assert said[0].startswith("没记") and "太大" in said[0] and "对吗" not in said[0], said
    assert conversation.slot("pending") is None
    assert conversation.run(ActionAffirm, intent="affirm") == ["现在没有要确认的内容。"]
    assert _rows(shop_db) == before


def test_a_yes_for_a_customer_erased_meanwhile_says_so_in_chinese(shop_db, conversation, tmp_path):
    conversation.run(ActionProposeCredit, text="李叔先拿两袋东北大米,记账", intent="log_credit",
                     entities={"customer": "李叔", "product": "东北大米", "quantity": "2", "unit": "袋"})
    assert conversation.slot("pending")["kind"] == "credit"
    before = _rows(shop_db)
    with session_scope(shop_db) as session:
        li = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        erase_customer(session, customer=li, channel="web", data_dir=tmp_path)
    answer = conversation.run(ActionAffirm, intent="affirm")
    # Before: "没记上:no customer with id 3".
    assert answer == ["没记上:要记的顾客或商品已经找不到了(可能刚被删除),请重新说一遍。"]
    assert conversation.slot("pending") is None
    assert _rows(shop_db) == before


def test_undo_of_a_sale_already_taken_back_on_the_sales_page_says_so_in_chinese(shop_db, conversation):
    from actions.sales import ActionProposeUndo
    from assistant.shop.sales import void_sale

    conversation.run(ActionProposeSale, sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1", sale_unit="袋")
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    sale_id = conversation.slot("last_write")["written"]["sale_id"]
    assert conversation.run(ActionProposeUndo, intent="undo_last")[0].startswith("撤销刚才那笔")
    with session_scope(shop_db) as session:  # meanwhile, the owner takes it back on the sales page
        void_sale(session, shop_id=1, sale_id=sale_id, channel="web")
    before = _rows(shop_db)
    answer = conversation.run(ActionAffirm, intent="affirm")
    # Before: "没记上:sale 1 was already taken back".
    assert answer == ["没撤销:这笔已经撤销过了"]
    assert conversation.slot("pending") is None
    assert _rows(shop_db) == before
