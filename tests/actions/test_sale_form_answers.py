"""What the owner says while the sale form asks: a bare quantity answers "买了多少?" (owner trial 12, M2); a whole
new sale or nonsense said while it asks which product is not that product's name (M8)."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.sale_form import ValidateSaleForm
from actions.sales import ActionProposeSale
from assistant.language.goods_asked import goods_sold
from assistant.language.keyboard_mash import is_keyboard_mash


def test_a_bare_quantity_the_model_took_for_a_delivery_answers_how_many(shop_db, conversation):
    said = conversation.run(ActionProposeSale, text="两袋", intent="log_stock_in",
                            entities={"quantity": "2", "unit": "袋"}, sale_customer="王阿姨",
                            sale_product="东北大米", sale_quantity="2", sale_unit="袋")
    assert said == ["王秀英 买 东北大米 2袋,共 120元。对吗?"]


def test_a_delivery_said_in_full_while_the_form_asks_is_still_a_delivery(shop_db, conversation):
    said = conversation.run(ActionProposeSale, text="五常大米到了 进了二十袋", intent="log_stock_in",
                            entities={"product": "五常大米", "quantity": "20", "unit": "袋"},
                            sale_product="五常大米", sale_quantity="20", sale_unit="袋")
    assert said[0] == "刚才那笔销售没记。" and "五常大米" in said[1]


def _product_answer(shop_context, text: str, intent: str, entities: dict[str, str], **slots) -> tuple[list[str], dict]:
    """What the sale form says and sets when ``text`` is taken whole as the product's name it asked for."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
              "entities": [{"entity": k, "value": v} for k, v in entities.items()]}
    tracker = Tracker("t", {"language": "en", "requested_slot": "sale_product", **slots}, latest, [], False, None,
                      {"name": "sale_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    found = ValidateSaleForm(shop_context).validate_sale_product(text, dispatcher, tracker, {})
    return [m["text"] for m in dispatcher.messages], found


def test_a_new_sale_said_while_the_form_asks_which_rice_is_a_new_request(shop_db, shop_context):
    said, found = _product_answer(shop_context, "Auntie Wang bought some caviar for 200", "log_sale",
                                  {"customer": "auntie wang", "amount": "200"}, sale_customer="auntie wang",
                                  sale_quantity="3", sale_unit="bags", sale_amount="200",
                                  pending={"kind": "choose", "slot": "product", "options": []})
    assert said == ["(The sale before was not recorded.)"]
    assert found["sale_product"] is None and found["pending"] is None and found["sale_quantity"] is None


def test_nonsense_said_while_the_form_asks_is_not_understood_never_echoed(shop_db, shop_context):
    said, found = _product_answer(shop_context, "asdf qwerty lol", "nlu_fallback", {})
    assert said == ["Sorry, I didn't understand that."] and found == {"sale_product": None}


def test_goods_the_shop_does_not_sell_are_still_named(shop_db, shop_context):
    said, _ = _product_answer(shop_context, "caviar", "nlu_fallback", {})
    assert said == ['We don\'t sell "caviar".']


@pytest.mark.parametrize("text", ["asdf qwerty lol", "hjkl", "sdfsdf", "Poiuyt"])
def test_keyboard_mash(text):
    assert is_keyboard_mash(text)


@pytest.mark.parametrize("text", ["caviar", "northeast rice", "liberty and property", "psst", "rhythm", "东北大米",
                                  "asdf 200"])
def test_words_and_names_are_no_keyboard_mash(text):
    assert not is_keyboard_mash(text)


def test_some_goods_bought_are_goods_sold():
    assert goods_sold("Auntie Wang bought some caviar for 200") == "caviar"
