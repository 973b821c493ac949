"""Red team 17: a delivery whose count is put right inside the sentence is a delivery of the count meant (W1); "actually
30" while a repayment waits corrects its amount (W3); "no wait twenty five" while a delivery waits corrects its count,
never drops it (M1)."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm, ActionDeny
from actions.credit import ActionProposePayment
from actions.stock import ActionProposeStockIn
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer, Product
from assistant.shop import credit


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (李建国 is Uncle Li)."""
    return ShopContext.build(engine=demo)


def _stock(engine, name) -> Decimal:
    with session_scope(engine) as session:
        return session.execute(select(Product.stock).where(Product.name == name)).scalar()


def test_a_count_put_right_inside_the_delivery_is_the_one_read_back(demo, conversation):
    before = _stock(demo, "菜籽油")
    said = conversation.run(ActionProposeStockIn, text="菜籽油 到 了 八 桶 不 对 是 九 桶", intent="log_stock_in",
                            entities={"product": "菜籽油", "quantity": "8", "unit": "桶"}, channel="counter")
    assert said == ["菜籽油进货9桶。对吗?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _stock(demo, "菜籽油") == before + 9


def test_a_bare_figure_heard_as_money_corrects_a_waiting_delivery(demo, conversation):
    conversation.slots["language"] = "en"
    conversation.run(ActionProposeStockIn, text="15 bags of Northeast rice came in", intent="log_stock_in",
                     entities={"product": "Northeast rice", "quantity": "15"})
    said = conversation.run(ActionDeny, text="sorry eighteen", intent="deny", entities={"amount": "18"})
    assert len(said) == 1 and said[0].startswith("18 bags of") and "nothing recorded" not in said[0].lower()
    assert conversation.slot("pending") is not None


def test_money_said_to_a_waiting_delivery_is_no_count(demo, conversation):
    conversation.run(ActionProposeStockIn, text="进了三十袋东北大米", intent="log_stock_in",
                     entities={"product": "东北大米", "quantity": "30"})
    assert conversation.run(ActionDeny, text="不对 一百块", intent="deny", entities={"amount": "100"}) == ["好,不记了。"]


def test_actually_and_a_figure_corrects_the_waiting_repayment(demo, conversation):
    with session_scope(demo) as session:
        uncle = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        credit.charge(session, shop_id=uncle.shop_id, customer=uncle, channel="chat",
                      now=dt.datetime(2026, 3, 14, 12, 0), amount=Decimal(60))
    conversation.slots["language"] = "en"
    conversation.run(ActionProposePayment, text="Uncle Li paid back 15", intent="log_payment",
                     entities={"customer": "Uncle Li", "amount": "15"})
    said = conversation.run(ActionDeny, text="wait, 25", intent="deny")
    assert said == ["Uncle Li paid 25 yuan; 35 yuan still owed. Right?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["Done, it's recorded."]
    with session_scope(demo) as session:
        paid = session.execute(select(CreditEntry.amount).where(CreditEntry.kind == "payment",
                                                           CreditEntry.conversation_id.is_not(None))).scalars().all()
    assert [Decimal(amount) for amount in paid] == [Decimal(25)]
