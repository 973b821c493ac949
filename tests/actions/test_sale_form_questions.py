"""While the sale form asks what was bought (leftovers12): a question about goods ("一袋牛肉多少钱") is answered
and fills nothing of the sale; a name that could be several ("老王") is asked about with the goods, and the
answer that picks one settles her."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.sale_form import ActionAskSaleProduct, ValidateSaleForm
from assistant.context import ShopContext

# The sale "周师傅买了两袋" opened the form, which asked "买的什么?".
OPENED = [{"event": "user", "text": "周师傅买了两袋", "parse_data": {"intent": {"name": "log_sale"}}},
          {"event": "slot", "name": "sale_customer", "value": "周师傅"},
          {"event": "slot", "name": "sale_quantity", "value": "两"},
          {"event": "slot", "name": "sale_unit", "value": "袋"},
          {"event": "action", "name": "sale_form"}, {"event": "active_loop", "name": "sale_form"},
          {"event": "slot", "name": "requested_slot", "value": "sale_product"}]


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (东北大米 59 a bag; no 牛肉; 王秀英, 王建林 and 汪桂兰 could be 老王)."""
    return ShopContext.build(engine=demo)


def _validate(context, domain, text: str, intent: str, entities: dict[str, str], *, language: str = "zh",
              opened: list[dict] = OPENED, **slots: str) -> tuple[list[str], dict]:
    """The form's check of a message said while it asks (after ``opened``): what it said and the slots it set
    (``slots``: the ones the message filled)."""
    said = {"text": text, "intent": {"name": intent, "confidence": 0.9},
            "entities": [{"entity": k, "value": v} for k, v in entities.items()], "metadata": {"channel": "chat"}}
    events = [*opened, {"event": "bot", "text": "买的什么?"}, {"event": "user", "text": text, "parse_data": said},
              *({"event": "slot", "name": k, "value": v} for k, v in slots.items())]
    state = {"language": language, **{e["name"]: e["value"] for e in opened if e["event"] == "slot"}, **slots}
    tracker = Tracker("t", state, said, events, False, None, {"name": "sale_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateSaleForm(context).run(dispatcher, tracker, domain))
    return [m["text"] for m in dispatcher.messages], {e["name"]: e["value"] for e in result if e["event"] == "slot"}


def test_a_price_question_about_goods_not_sold_is_answered_and_fills_nothing(shop_context, domain):
    said, slots = _validate(shop_context, domain, "一袋牛肉多少钱", "log_sale",
                            {"quantity": "一", "unit": "袋", "product": "牛肉"}, sale_quantity="一", sale_product="牛肉")
    assert said == ["店里没有“牛肉”这个商品。"]
    assert slots.get("sale_quantity") == "两" and slots.get("sale_product") is None  # the sale waits as it was


def test_a_price_question_about_goods_sold_says_the_price(shop_context, domain):
    said, slots = _validate(shop_context, domain, "东北大米多少钱一袋", "ask_stock", {"product": "东北大米"},
                            sale_product="东北大米")
    assert said == ["东北大米 59元一袋。"] and slots.get("sale_product") is None


def test_an_english_price_question_is_answered_in_english(shop_context, domain):
    said, _ = _validate(shop_context, domain, "how much is a bag of northeast rice", "ask_stock",
                        {"product": "northeast rice"}, language="en", sale_product="northeast rice")
    assert said == ["Northeast rice, 59 yuan a bag."]


def test_the_goods_answered_fill_the_form(shop_context, domain):
    said, slots = _validate(shop_context, domain, "东北大米", "log_sale", {"product": "东北大米"},
                            sale_product="东北大米")
    assert said == [] and slots.get("sale_product") == "东北大米"


def _ask(conversation, **slots) -> list[str]:
    return conversation.run(ActionAskSaleProduct, text="老王买了两袋酱油膏", intent="log_sale",
                            entities={"customer": "老王", "quantity": "两", "unit": "袋", "product": "酱油膏"}, **slots)


def test_a_name_that_could_be_several_is_asked_about_with_the_goods(shop_context, conversation):
    said = _ask(conversation, sale_customer="老王", sale_quantity="两", sale_unit="袋")
    assert len(said) == 1 and said[0].startswith("您说的老王是") and said[0].endswith("买的什么?")
    assert "王秀英" in said[0] and "王建林" in said[0]


def test_a_known_customer_is_not_asked_about(shop_context, conversation):
    assert _ask(conversation, sale_customer="李叔", sale_quantity="两", sale_unit="袋") == ["李叔买的什么?"]


def test_the_answer_that_picks_one_settles_the_sale_s_customer(shop_context, domain):
    _, slots = _validate(shop_context, domain, "王秀英", "ask_customer_profile", {"customer": "王秀英"},
                         sale_customer="老王")
    assert slots.get("sale_customer") == "王秀英"


def test_a_question_about_one_of_them_settles_nothing(shop_context, domain):
    _, slots = _validate(shop_context, domain, "王建林电话多少", "ask_customer_profile", {"customer": "王建林"},
                         sale_customer="老王")
    assert "sale_customer" not in slots


def test_an_ordinal_picks_her_and_is_no_goods(shop_context, domain):
    # the model's text has the normaliser's digits; the form took the words as said for the goods
    said, slots = _validate(shop_context, domain, "第3个", "nlu_fallback", {}, sale_customer="老王",
                            sale_product="第三个")
    assert said == [] and slots.get("sale_customer") == "王秀英" and slots.get("sale_product") is None


def test_a_price_question_while_the_count_is_asked_keeps_the_goods(shop_context, domain):
    opened = [*OPENED[:-1], {"event": "slot", "name": "sale_product", "value": "东北大米"},
              {"event": "slot", "name": "sale_quantity", "value": None},
              {"event": "slot", "name": "requested_slot", "value": "sale_quantity"}]
    said, slots = _validate(shop_context, domain, "花生油多少钱", "ask_stock", {"product": "花生油"}, opened=opened,
                            sale_product="花生油")
    assert said == ["花生油 89.9元一桶。"]
    assert slots.get("sale_product") == "东北大米" and slots.get("sale_quantity") is None
