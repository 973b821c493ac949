"""Red team 16, the ledger: a repayment refused as more than 汪阿姨 owes turned to 王阿姨 by "不对,是王阿姨还的" (M4);
a corrected repayment over the tab refused at the correction, never read back for a yes that fails (A2); a balance
asked by a name that sounds like two customers' answers the one with a tab (M7)."""

import datetime as dt
from decimal import Decimal

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.credit import ActionBalance, ActionProposePayment
from assistant.brain.current_customer import SLOT as CURRENT_CUSTOMER
from assistant.brain.current_customer import CurrentCustomer
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer
from assistant.shop import credit

NOON = dt.datetime(2026, 3, 14, 12, 0)


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (王秀英 is 王阿姨, 汪桂兰 汪阿姨)."""
    return ShopContext.build(engine=demo)


def _owing(engine, **owed: str) -> dict[str, int]:
    """Put a plain amount on each named customer's tab; every customer's id by name."""
    with session_scope(engine) as session:
        ids = {c.name: c.id for c in session.execute(select(Customer)).scalars()}
        for name, amount in owed.items():
            customer = session.get(Customer, ids[name])
            credit.charge(session, shop_id=customer.shop_id, customer=customer, channel="chat", now=NOON,
                          amount=Decimal(amount))
    return ids


def _after_refusal(shop_context, domain, *, refused: str, current: tuple[int, str], text: str,
                   customer: str) -> tuple[list[str], dict]:
    """What the balance action says to ``text`` right after the reply ``refused`` (nothing waiting), and the slots."""
    slots = {"language": "zh", CURRENT_CUSTOMER: CurrentCustomer(id=current[0], name=current[1]).to_slot()}
    latest = {"text": text, "intent": {"name": "ask_balance", "confidence": 1.0},
              "entities": [{"entity": "customer", "value": customer, "start": text.index(customer),
                            "end": text.index(customer) + len(customer)}], "metadata": {"channel": "chat"}}
    events = [{"event": "user", "text": "汪阿姨还了一百"}, {"event": "bot", "text": refused}]
    tracker = Tracker("t16", slots, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    set_slots = {e["name"]: e["value"] for e in ActionBalance(shop_context).run(dispatcher, tracker, domain)
                 if e.get("event") == "slot"}
    return [m["text"] for m in dispatcher.messages], set_slots


def test_the_refused_repayment_is_turned_to_the_customer_named_instead(demo, shop_context, domain):
    ids = _owing(demo, 王秀英="118", 汪桂兰="89.9")
    said, slots = _after_refusal(shop_context, domain, refused="汪桂兰只欠89.9元,不是100元。",
                                 current=(ids["汪桂兰"], "汪桂兰"), text="不对,是王阿姨还的", customer="王阿姨")
    assert said == ["王秀英 还了 100元,还欠 18元。对吗?"]
    assert slots["pending"]["kind"] == "payment" and slots["pending"]["data"]["amount"] == "100"
    assert slots[CURRENT_CUSTOMER]["id"] == ids["王秀英"]


def test_the_customer_named_instead_owing_less_is_refused_too(demo, shop_context, domain):
    ids = _owing(demo, 王秀英="58", 汪桂兰="89.9")
    said, slots = _after_refusal(shop_context, domain, refused="汪桂兰只欠89.9元,不是100元。",
                                 current=(ids["汪桂兰"], "汪桂兰"), text="不对,是王阿姨还的", customer="王阿姨")
    assert said == ["王秀英只欠58元,不是100元。"] and "pending" not in slots


def test_a_repayment_corrected_to_more_than_the_tab_is_refused_and_dropped(demo, conversation):
    _owing(demo, 王秀英="118")
    assert conversation.run(ActionProposePayment, text="王阿姨还了三十", intent="log_payment",
                            entities={"customer": "王阿姨", "amount": "三十"}) == ["王秀英 还了 30元,还欠 88元。对吗?"]
    said = conversation.run(ActionProposePayment, text="不对,是一百三十", intent="log_payment",
                            entities={"amount": "一百三十"})
    assert said == ["王秀英只欠118元,不是130元。没有记。"]
    assert conversation.slot("pending") is None  # no yes can write the 30 said to be wrong, nor fail on 130


def test_a_balance_by_a_name_two_customers_sound_like_is_the_one_with_a_tab(demo, conversation):
    _owing(demo, 王秀英="118")
    said = conversation.run(ActionBalance, text="王 啊 姨 欠 多少", intent="ask_balance",
                            entities={"customer": "王啊姨"}, channel="counter")
    assert said == ["王秀英欠118元,最早一笔欠了1天。汪桂兰没有欠账。"]


def test_a_balance_by_a_name_two_customers_with_tabs_sound_like_is_asked_back(demo, conversation):
    _owing(demo, 王秀英="118", 汪桂兰="89.9")
    said = conversation.run(ActionBalance, text="王 啊 姨 欠 多少", intent="ask_balance",
                            entities={"customer": "王啊姨"}, channel="counter")
    assert len(said) == 1 and "王秀英" in said[0] and "汪桂兰" in said[0] and "118" not in said[0]
