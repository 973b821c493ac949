"""A long message the model is unsure of, that tells a sale (a customer, "bought", a count, goods, what she
paid), is read back as that sale: only the goods she bought, for what she paid; not "did you mean …?"."""

import pytest

from actions.fallback import ActionFallback
from assistant.context import ShopContext

LONG = ("auntie wang came in and she bought 2 bags of the northeast rice and also she was asking whether we would "
        "be getting any more of the low sodium soy sauce because her husband has high blood pressure and the "
        "doctor told him to cut down on salt and she paid 118 in cash")


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (Auntie Wang is 王秀英 there)."""
    return ShopContext.build(engine=demo)


def _tagged(text: str, *found: tuple[str, str]) -> list[dict]:
    """Entities as the model gives them: each value where it stands in the text."""
    tagged, at = [], 0
    for name, value in found:
        start = text.index(value, at)
        tagged.append({"entity": name, "value": value, "start": start, "end": start + len(value)})
        at = start + len(value)
    return tagged


def test_a_long_message_telling_a_sale_is_read_back_as_that_sale(demo, conversation):
    found = _tagged(LONG, ("customer", "auntie wang"), ("quantity", "2"), ("unit", "bags"),
                    ("product", "northeast rice"), ("product", "low sodium soy sauce"), ("tag", "high blood pressure"),
                    ("product", "salt"), ("quantity", "118"))
    said = conversation.run(ActionFallback, text=LONG, intent="nlu_fallback", language="en", entities=found,
                            ranking=["ask_stock", "update_customer"])
    assert said == ["Auntie Wang bought 2 bags of northeast rice for 118 yuan. Right?"]
    assert conversation.slot("pending")["kind"] == "sale"
    assert conversation.slot("sale_product") is None  # the form's slots stay clear


def test_an_unsure_question_about_what_she_bought_still_offers_choices(demo, conversation):
    text = "did auntie wang buy 2 bags of northeast rice"
    found = _tagged(text, ("customer", "auntie wang"), ("quantity", "2"), ("unit", "bags"),
                    ("product", "northeast rice"))
    said = conversation.run(ActionFallback, text=text, intent="nlu_fallback", language="en", entities=found,
                            ranking=["ask_stock", "update_customer"])
    assert conversation.slot("pending") is None or conversation.slot("pending")["kind"] != "sale", said
