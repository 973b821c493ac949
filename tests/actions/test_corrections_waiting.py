"""Kept-aside conversations #11 (fifteenth session): a correction said while a read-back waits edits it and
writes nothing before "对" — a repayment's figure in spoken numerals, after a refusal of more than the tab, the
money taken said with its discount, goods put right by the one word that differs, a phone "记错了" heard as an undo."""

from decimal import Decimal

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.confirm import ActionAffirm, ActionDeny
from actions.credit import ActionProposeCredit, ActionProposePayment
from actions.customers import ActionProposeAddCustomer
from actions.sales import ActionProposeSale, ActionProposeUndo
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer, Sale


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop on 2026-03-15."""
    return ShopContext.build(engine=demo)


def _sale(conversation, text: str, customer: str, product: str, quantity: str, unit: str) -> list[str]:
    return conversation.run(ActionProposeSale, text=text, intent="log_sale",
                            entities={"customer": customer, "product": product, "quantity": quantity, "unit": unit},
                            sale_customer=customer, sale_product=product, sale_quantity=quantity, sale_unit=unit)


def _sales(engine) -> list[Decimal]:
    with session_scope(engine) as session:
        return list(session.execute(select(Sale.amount).where(Sale.conversation_id.is_not(None))).scalars())


def test_the_money_taken_with_its_discount_heard_as_a_repayment_corrects_the_sale(demo, conversation):
    assert "69.9" in _sale(conversation, "李叔买了一桶菜籽油", "李叔", "菜籽油", "1", "桶")[0]
    said = conversation.run(ActionProposePayment, text="实际 收 了 他 六十 五 块 让 了 四 块 九", intent="log_payment",
                            entities={"amount": "65"})
    assert "65元" in said[0] and "对吗" in said[0] and "谁还的钱" not in said[0]
    assert _sales(demo) == []
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _sales(demo) == [Decimal("65")]


@pytest.mark.parametrize(("first", "text", "tagged", "meant"), [
    (("小赵", "低筋面粉"), "不 是 低筋 是 中筋 的", ["低筋", "筋"], "中筋面粉"),  # the model tags "筋"
    (("周师傅", "东北大米"), "不 对 不 是 东北 的 是 泰国 的", [], "泰国香米"),  # nothing tagged; no "泰国大米"
])
def test_goods_put_right_by_the_word_that_differs(demo, conversation, first, text, tagged, meant):
    _sale(conversation, "", first[0], first[1], "1", "袋")
    said = conversation.run(ActionDeny, text=text, intent="deny",
                            entities=[{"entity": "product", "value": value} for value in tagged])
    assert meant in said[0] and "对吗" in said[0]
    assert _sales(demo) == []


def test_a_phone_said_wrong_heard_as_an_undo_corrects_the_new_customer(demo, conversation):
    conversation.run(ActionProposeAddCustomer, text="新顾客钱小燕,手机13611112222", intent="add_customer",
                     entities={"customer": "钱小燕", "phone": "13611112222"})
    said = conversation.run(ActionProposeUndo, text="电话记错了,是13611112299", intent="undo_last",
                            entities={"phone": "13611112299"})
    assert "13611112299" in said[0] and "对吗" in said[0]
    conversation.run(ActionAffirm, intent="affirm")
    with session_scope(demo) as session:
        assert list(session.execute(select(Customer.phone).where(Customer.name == "钱小燕")).scalars()) \
            == ["13611112299"]


def _payments(engine) -> list[Decimal]:
    with session_scope(engine) as session:
        return list(session.execute(select(CreditEntry.amount).where(CreditEntry.kind == "payment",
                                                                     CreditEntry.conversation_id.is_not(None)))
                    .scalars())


def test_a_repayment_figure_in_spoken_numerals_corrects_the_waiting_one(demo, conversation):
    conversation.run(ActionProposeCredit, text="周师傅赊了两袋五常大米", intent="log_credit",
                     entities={"customer": "周师傅", "product": "五常大米", "quantity": "2", "unit": "袋"})
    conversation.run(ActionAffirm, intent="affirm")
    assert "150" in conversation.run(ActionProposePayment, text="周师傅还了150", intent="log_payment",
                                     entities={"customer": "周师傅", "amount": "150"})[0]
    # the model tags "一百九十" of it, and hears a new repayment with nobody named (spaces joined before)
    said = conversation.run(ActionProposePayment, text="不对是一百九十六全还了", intent="log_payment",
                            entities={"amount": "190"})
    assert "196" in said[0] and "对吗" in said[0]
    assert _payments(demo) == []


def test_the_figure_said_after_a_refusal_of_more_than_the_tab_is_read_back(demo, conversation, domain):
    conversation.run(ActionProposeCredit, text="周师傅赊了两袋五常大米", intent="log_credit",
                     entities={"customer": "周师傅", "product": "五常大米", "quantity": "2", "unit": "袋"})
    conversation.run(ActionAffirm, intent="affirm")
    refusal = conversation.run(ActionProposePayment, text="周师傅还了两百", intent="log_payment",
                               entities={"customer": "周师傅", "amount": "200"})
    assert refusal == ["周德明只欠196元,不是200元。"] and conversation.slot("pending") is None
    latest = {"text": "不 对 是 一百 九十 六 全 给 了", "intent": {"name": "deny", "confidence": 0.6},
              "entities": [{"entity": "amount", "value": "196"}], "metadata": {"channel": "chat"}}
    tracker = Tracker("test-conversation", dict(conversation.slots), latest,
                      [{"event": "bot", "text": refusal[0]}], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionDeny(ShopContext.build(engine=demo)).run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "196" in said[0] and "对吗" in said[0]
    assert _payments(demo) == []
