"""English names as the owner says them: "Zhang's kid" (a surname alone, the household with a child),
"He Guo" (demo shop)."""

import pytest

from actions.customers import ActionCustomerProfile, ActionProposeUpdateCustomer
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


@pytest.fixture
def english(conversation):
    conversation.slots["language"] = "en"
    return conversation


def test_zhangs_kid_is_the_zhang_household_with_a_child(demo, english):
    said = english.run(ActionCustomerProfile, text="Does Zhang's kid have allergies?", intent="ask_customer_profile",
                       entities={"customer": "zhang"})
    assert "peanut" in said[0].lower() and english.slot("current_customer")["name"] == "张丽"


def test_zhang_alone_asks_which_zhang(demo, english):
    said = english.run(ActionCustomerProfile, text="what's Zhang's number", intent="ask_customer_profile",
                       entities={"customer": "zhang"})
    assert said[0].startswith("Do you mean ") and english.slot("pending")["kind"] == "choose"
    assert {o["value"] for o in english.slot("pending")["options"]} >= {"张丽", "张红建"}


def test_he_guo_by_his_english_name(demo, english):
    said = english.run(ActionProposeUpdateCustomer, text="He Guo's birthday is July 9th", intent="update_customer",
                       entities={"customer": "he guo", "date": "2026-07-09"})
    assert said == ["Note for He Guo: birthday July 9. Right?"]
