"""Goods brought back are not a sale: the owner is told returns are not recorded, and nothing is written."""

import pytest
from sqlalchemy import func, select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposeCredit
from actions.sales import ActionProposeSale
from actions.stock import ActionProposeStockIn
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer, Sale


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _sales_today(engine, name):
    with session_scope(engine) as session:
        customer = session.execute(select(Customer.id).where(Customer.name == name)).scalar()
        return session.execute(select(func.count(Sale.id)).where(Sale.customer_id == customer,
                                                                 Sale.sold_at >= "2026-03-15")).scalar()


@pytest.mark.parametrize(("lang", "text", "customer"), [
    ("zh", "王 阿姨 退 了 一 袋 东北 大米", "王阿姨"),
    ("en", "Auntie Wang brought back a bag of northeast rice", "auntie wang"),
])
def test_a_return_is_not_read_back_as_a_sale_and_yes_writes_nothing(demo, conversation, lang, text, customer):
    before = _sales_today(demo, "王秀英")
    said = conversation.run(ActionProposeSale, text=text, intent="log_sale", language=lang,
                            entities={"customer": customer, "quantity": "1", "product": "东北大米"},
                            sale_customer=customer, sale_product="东北大米", sale_quantity="1")
    assert len(said) == 1 and ("退货" in said[0] or "Returns" in said[0])
    assert "买" not in said[0] and "bought" not in said[0] and ("撤销" in said[0] or "undo" in said[0])
    assert conversation.slot("pending") is None
    conversation.run(ActionAffirm, text="对" if lang == "zh" else "yes", intent="affirm")
    assert _sales_today(demo, "王秀英") == before


def test_a_return_on_a_tab_or_as_a_delivery_reads_nothing_back(demo, conversation):
    said = conversation.run(ActionProposeCredit, text="张姐把赊的那桶菜籽油退了", intent="log_credit",
                            entities={"customer": "张姐", "quantity": "1", "unit": "桶", "product": "菜籽油"})
    assert len(said) == 1 and "退货" in said[0] and conversation.slot("pending") is None
    said = conversation.run(ActionProposeStockIn, text="mrs li returned 2 bottles of soy sauce", intent="log_stock_in",
                            language="en", entities={"customer": "mrs li", "quantity": "2", "unit": "bottles",
                                                     "product": "soy sauce"})
    assert len(said) == 1 and "Returns" in said[0] and conversation.slot("pending") is None


def test_a_sale_is_still_read_back(demo, conversation):
    said = conversation.run(ActionProposeSale, text="王阿姨买了一袋东北大米", intent="log_sale",
                            entities={"customer": "王阿姨", "quantity": "1", "product": "东北大米"},
                            sale_customer="王阿姨", sale_product="东北大米", sale_quantity="1")
    assert "买 东北大米 1袋" in said[0]
