"""A repayment read back for a spoken 王/汪 阿姨 (they sound alike) names the other, as a tab's does, and
"是王秀英" turns it to her before anything is written (leftovers12)."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposePayment
from actions.customers import ActionCustomerProfile
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer
from assistant.shop import credit

NOON = dt.datetime(2026, 3, 14, 12, 0)


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (王秀英 is 王阿姨, 汪桂兰 汪阿姨)."""
    return ShopContext.build(engine=demo)


def _owing(engine, **owed: int) -> None:
    """Put a plain amount on each named customer's tab (the demo shop has no tabs)."""
    with session_scope(engine) as session:
        for name, amount in owed.items():
            customer = session.execute(select(Customer).where(Customer.name == name)).scalar_one()
            credit.charge(session, shop_id=customer.shop_id, customer=customer, channel="chat", now=NOON,
                          amount=Decimal(amount))


def _paid(conversation, said: str, *, channel: str = "counter") -> list[str]:
    return conversation.run(ActionProposePayment, text=f"{said} 还 了 五十", intent="log_payment",
                            entities={"customer": said, "amount": "五十"}, channel=channel)


def _payments(engine) -> list[tuple[str, Decimal]]:
    with session_scope(engine) as session:
        return [(name, Decimal(amount)) for name, amount in session.execute(
            select(Customer.name, CreditEntry.amount).join(CreditEntry, CreditEntry.customer_id == Customer.id)
            .where(CreditEntry.kind == "payment", CreditEntry.conversation_id.is_not(None)))]


@pytest.mark.parametrize("said, heard, other", [("汪 阿姨", "汪桂兰", "王秀英"), ("王 阿姨", "王秀英", "汪桂兰")])
def test_a_spoken_homophone_repayment_names_the_other(demo, conversation, said, heard, other):
    _owing(demo, 王秀英=120, 汪桂兰=80)
    read_back = _paid(conversation, said)[0]
    assert read_back.startswith(f"{heard} 还了 50元") and f"如果是{other}" in read_back
    assert _payments(demo) == []  # read back, not written


def test_is_her_turns_the_repayment_to_the_other(demo, conversation):
    _owing(demo, 王秀英=120, 汪桂兰=80)
    _paid(conversation, "汪 阿姨")
    said = conversation.run(ActionCustomerProfile, text="是 王秀英", intent="ask_customer_profile",
                            entities={"customer": "王秀英"}, channel="counter")
    assert said[0].startswith("王秀英 还了 50元,还欠 70元") and "汪桂兰" not in said[0]
    assert conversation.run(ActionAffirm, intent="affirm", channel="counter") == ["记好了。"]
    assert _payments(demo) == [("王秀英", Decimal(50))]


def test_the_one_who_owes_is_read_back_when_the_heard_one_owes_nothing(demo, conversation):
    _owing(demo, 王秀英=120)
    read_back = _paid(conversation, "汪 阿姨")[0]
    assert read_back.startswith("王秀英 还了 50元,还欠 70元") and "如果是汪桂兰" in read_back


def test_a_typed_name_is_taken_as_written(demo, conversation):
    _owing(demo, 王秀英=120, 汪桂兰=80)
    read_back = _paid(conversation, "汪阿姨", channel="chat")[0]
    assert read_back.startswith("汪桂兰 还了 50元") and "王秀英" not in read_back


def test_is_her_who_owes_nothing_says_so_and_the_read_back_waits(demo, conversation):
    _owing(demo, 汪桂兰=80)
    _paid(conversation, "汪 阿姨")
    said = conversation.run(ActionCustomerProfile, text="是 王秀英", intent="ask_customer_profile",
                            entities={"customer": "王秀英"}, channel="counter")
    assert said == ["王秀英没有欠账。"]
    assert conversation.slot("pending")["data"]["customer_name"] == "汪桂兰"


def test_a_settled_tab_turned_to_the_other_is_her_whole_tab(demo, conversation):
    _owing(demo, 王秀英=120, 汪桂兰=80)
    conversation.run(ActionProposePayment, text="汪 阿姨 把 账 结清 了", intent="log_payment",
                     entities={"customer": "汪 阿姨"}, channel="counter")
    said = conversation.run(ActionCustomerProfile, text="是 王秀英", intent="ask_customer_profile",
                            entities={"customer": "王秀英"}, channel="counter")
    assert said[0].startswith("王秀英 结清了账,一共 120元")
