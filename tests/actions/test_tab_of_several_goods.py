"""A tab of several goods ("两袋盐一瓶香醋先欠着", kept-aside #14) puts every good on it, not only the first."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposeCredit
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer

TEXT = "张姐两袋盐一瓶香醋先欠着"
# The spans as the pipeline gives them: each good with its own count and unit, in order.
ENTITIES = [
    {"entity": "customer", "value": "张姐", "start": 0, "end": 2},
    {"entity": "quantity", "value": "2", "start": 2, "end": 3},
    {"entity": "unit", "value": "袋", "start": 3, "end": 4},
    {"entity": "product", "value": "盐", "start": 4, "end": 5},
    {"entity": "quantity", "value": "1", "start": 5, "end": 6},
    {"entity": "unit", "value": "瓶", "start": 6, "end": 7},
    {"entity": "product", "value": "香醋", "start": 7, "end": 9},
]


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (张丽 is Sister Zhang; salt 3 a bag, vinegar 9.8 a bottle)."""
    return ShopContext.build(engine=demo)


def test_every_good_taken_goes_on_the_tab(demo, conversation):
    said = conversation.run(ActionProposeCredit, text=TEXT, intent="log_credit", entities=ENTITIES)
    assert len(said) == 1 and "食盐 2袋、香醋 1瓶" in said[0] and "15.8元" in said[0]
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    with session_scope(demo) as session:
        amounts = session.execute(select(CreditEntry.amount).join(Customer, Customer.id == CreditEntry.customer_id)
                                  .where(Customer.name == "张丽", CreditEntry.kind == "charge")).scalars().all()
    assert [Decimal(a) for a in amounts] == [Decimal("15.8")]


def test_an_unknown_second_good_is_named_as_left_out(demo, conversation):
    entities = [*ENTITIES[:6], {"entity": "product", "value": "榴莲", "start": 7, "end": 9}]
    said = conversation.run(ActionProposeCredit, text="张姐两袋盐一个榴莲先欠着", intent="log_credit", entities=entities)
    assert len(said) == 2 and "“榴莲”" in said[0] and "没记上" in said[0]
    assert "食盐 2袋" in said[1] and "榴莲" not in said[1]
    conversation.run(ActionAffirm, intent="affirm")
    assert _charges(demo) == [Decimal("6")]


def test_one_sum_for_several_goods_is_shared_out(demo, conversation):
    text = "张姐两袋盐一瓶香醋一共十五块先欠着"
    entities = [*ENTITIES, {"entity": "amount", "value": "15", "start": 11, "end": 13}]
    said = conversation.run(ActionProposeCredit, text=text, intent="log_credit", entities=entities)
    assert len(said) == 1 and "食盐 2袋" in said[0] and "香醋 1瓶" in said[0] and "15元" in said[0]
    conversation.run(ActionAffirm, intent="affirm")
    assert _charges(demo) == [Decimal("15")]


def test_a_sum_with_a_good_left_out_writes_nothing(demo, conversation):
    text = "张姐两袋盐一个榴莲一共二十先欠着"
    entities = [*ENTITIES[:6], {"entity": "product", "value": "榴莲", "start": 7, "end": 9},
                {"entity": "amount", "value": "20", "start": 11, "end": 13}]
    said = conversation.run(ActionProposeCredit, text=text, intent="log_credit", entities=entities)
    assert len(said) == 1 and "“榴莲”" in said[0] and "对吗" not in said[0]
    assert conversation.run(ActionAffirm, intent="affirm") != ["记好了。"]
    assert _charges(demo) == []


def _charges(demo) -> list[Decimal]:
    """Sister Zhang's tab entries as written."""
    with session_scope(demo) as session:
        amounts = session.execute(select(CreditEntry.amount).join(Customer, Customer.id == CreditEntry.customer_id)
                                  .where(Customer.name == "张丽", CreditEntry.kind == "charge")).scalars().all()
    return [Decimal(a) for a in amounts]
