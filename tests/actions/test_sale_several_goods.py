"""Two goods in one spoken sale: one sale with both, read back with both, written only after "对" (demo shop)."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from actions.confirm import ActionAffirm
from actions.sales import ActionProposeSale
from assistant.brain.clarify import choose, chosen_entities
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer, Product, Sale, SaleItem


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _e(entity, value, start):
    return {"entity": entity, "value": value, "start": start, "end": start + len(value)}


def _tell(conversation, text, tagged, **slots):
    """A sale told in one message, as the model tags it and the form fills its slots (the last product)."""
    conversation.slots.update(slots)
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    action = ActionProposeSale(conversation.request.getfixturevalue("shop_context"))
    latest = {"text": text, "intent": {"name": "log_sale", "confidence": 1.0}, "entities": tagged,
              "metadata": {"channel": "chat"}}
    dispatcher = CollectingDispatcher()
    for event in action.run(dispatcher, Tracker("t", dict(conversation.slots), latest, [], False, None, {}, ""), {}):
        if event.get("event") == "slot":
            conversation.slots[event["name"]] = event["value"]
    return [m["text"] for m in dispatcher.messages]


def _items_today(engine, name):
    with session_scope(engine) as session:
        return session.execute(
            select(Product.name, SaleItem.quantity, SaleItem.amount).join(Product, Product.id == SaleItem.product_id)
            .join(Customer, Customer.id == SaleItem.customer_id)
            .where(Customer.name == name, SaleItem.sold_at >= "2026-03-15").order_by(Product.name)).all()


def test_noodles_and_salt_are_one_sale_written_after_yes(demo, conversation):
    tagged = [_e("customer", "邓涛", 0), _e("quantity", "2", 4), _e("unit", "包", 5), _e("product", "挂面", 6),
              _e("quantity", "1", 10), _e("unit", "袋", 11), _e("product", "盐", 12)]
    said = _tell(conversation, "邓涛拿了两包挂面还有一袋盐", tagged, sale_customer="邓涛", sale_product="食盐",
                 sale_quantity="1", sale_unit="袋")
    assert said == ["邓涛 买 挂面 2包、食盐 1袋,共 16.6元。对吗?"]
    assert _items_today(demo, "邓涛") == []  # nothing before "对"
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert [(name, Decimal(q)) for name, q, _ in _items_today(demo, "邓涛")] == [("挂面", 2), ("食盐", 1)]
    with session_scope(demo) as session:
        customer = session.execute(select(Customer.id).where(Customer.name == "邓涛")).scalar()
        assert session.execute(select(func.count(Sale.id)).where(Sale.customer_id == customer,
                                                                 Sale.sold_at >= "2026-03-15")).scalar() == 1


def _trigger(entities):
    """The entities Rasa makes of the intent trigger the follow-up sends (every one at one place)."""
    found = []
    for kind, values in entities.items():
        for value in values if isinstance(values, list) else [values]:
            found.append({"entity": kind, "value": value, "start": 8, "end": 60})
    return found


def test_rice_and_oil_for_two_hundred_ask_which_oil_then_read_back_both(demo, conversation):
    tagged = [_e("customer", "王阿姨", 0), _e("quantity", "2", 5), _e("unit", "袋", 6), _e("product", "米", 7),
              _e("quantity", "1", 8), _e("unit", "桶", 9), _e("product", "油", 10), _e("amount", "200", 13)]
    said = _tell(conversation, "王阿姨买了两袋米一桶油一共两百", tagged, sale_customer="王阿姨", sale_product="油",
                 sale_quantity="1", sale_unit="桶", sale_amount="200")
    assert said == ["您说的是玉米油、花生油还是菜籽油?"]  # she has no habit in oil: which one (her rice is known)
    pending = conversation.slot("pending")
    resumed = chosen_entities(pending, choose(pending, "菜籽油"))
    assert resumed["product"] == ["东北大米", "菜籽油"] and resumed["amount"] == ["200"]
    conversation.slots["pending"] = None
    said = _tell(conversation, "/log_sale", _trigger(resumed), sale_customer="王秀英", sale_product="菜籽油",
                 sale_quantity="1", sale_unit="桶", sale_amount="200")
    assert said[0].startswith("王秀英 买 东北大米 2袋、菜籽油 1桶,共 200元。")
    conversation.run(ActionAffirm, intent="affirm")
    bought = _items_today(demo, "王秀英")
    assert [name for name, *_ in bought] == ["东北大米", "菜籽油"]
    assert sum(Decimal(amount) for *_, amount in bought) == Decimal("200")


def test_rice_and_eggs_her_usual_rice_marked(demo, conversation):
    tagged = [_e("customer", "王阿姨", 0), _e("quantity", "2", 5), _e("unit", "袋", 6), _e("product", "米", 7),
              _e("quantity", "1", 8), _e("unit", "盒", 9), _e("product", "鸡蛋", 10)]
    said = _tell(conversation, "王阿姨买了两袋米一盒鸡蛋", tagged, sale_customer="王阿姨", sale_product="鸡蛋",
                 sale_quantity="1", sale_unit="盒")
    assert said == ["王秀英 买 东北大米 2袋(平时买的)、鸡蛋 1盒,共 134元。对吗?"]


def test_one_product_is_the_sale_the_form_filled_in(demo, conversation):
    tagged = [_e("customer", "王阿姨", 0), _e("quantity", "2", 5), _e("product", "东北大米", 7)]
    said = _tell(conversation, "王阿姨买了两袋东北大米", tagged, sale_customer="王阿姨", sale_product="东北大米",
                 sale_quantity="2")
    assert said == ["王秀英 买 东北大米 2袋,共 118元。对吗?"]


def test_a_long_message_reads_back_only_what_she_bought_for_what_she_paid(demo, conversation):
    # on the phone page: read back as rice + low sodium soy sauce + salt for 136.8, and "yes" wrote it
    text = ("auntie wang came in and she bought 2 bags of the northeast rice and also she was asking whether we "
            "would be getting any more of the low sodium soy sauce because her husband has high blood pressure "
            "and the doctor told him to cut down on salt and she paid 118 in cash")
    tagged = [_e("customer", "auntie wang", 0), _e("quantity", "2", 35), _e("unit", "bags", 37),
              _e("product", "northeast rice", 49), _e("product", "low sodium soy sauce", 132),
              _e("product", "salt", 236), _e("quantity", "118", 254)]
    conversation.slots["language"] = "en"
    said = _tell(conversation, text, tagged, sale_customer="auntie wang", sale_product="食盐", sale_quantity="118")
    assert len(said) == 1 and "2 bags of northeast rice for 118 yuan" in said[0]
    assert "soy sauce" not in said[0] and "salt" not in said[0]
    conversation.run(ActionAffirm, text="yes", intent="affirm")
    bought = [(name, Decimal(q), Decimal(a)) for name, q, a in _items_today(demo, "王秀英")]
    assert ("东北大米", 2, 118) in bought and not {"低钠酱油", "食盐"} & {name for name, _, _ in bought}
