""""谁有高血压" in the chat: the customers with the tag, whichever intent the model heard (the lead's trial on
the phone page), the same list as the report, and "还有呢" goes on with it."""

from __future__ import annotations

import pytest

from actions.customer_lists import ActionBirthdays
from actions.customers import ActionCustomerProfile, ActionProposeUpdateCustomer
from actions.fallback import ActionFallback
from actions.lists import ActionListMore
from actions.reports import ActionRestockDue
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.shop.reports import run_report
from assistant.shop.shops import default_shop_id


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _names(engine, tag):
    with session_scope(engine) as session:
        report = run_report(session, "tagged", shop_id=default_shop_id(session), options={"tag": tag})
        return [item.customer for item in report.items]


def test_who_has_children_heard_as_restock(demo, conversation):
    said = conversation.run(ActionRestockDue, text="谁家有小孩", intent="ask_restock_due", channel="phone")
    names = _names(demo, "有小孩")
    assert said == [f"家里有小孩的顾客有{len(names)}位:{'、'.join(names[:3])}等。还有{len(names) - 3}位,说“还有呢”接着听。"]
    assert conversation.slot("pending") is None
    more = conversation.run(ActionListMore, text="还有呢", intent="ask_more", channel="phone")
    assert more[0].startswith(f"接着是:{'、'.join(names[3:8])}。")


def test_who_has_high_blood_pressure_heard_as_a_fact_to_note(demo, conversation):
    said = conversation.run(ActionProposeUpdateCustomer, text="谁有高血压", intent="update_customer",
                            entities={"tag": "高血压"})
    assert said[0].startswith("有高血压的顾客有13位:龚玉、罗兵兰、崔春军等。")
    assert conversation.slot("pending") is None  # nothing to confirm: nobody's record changes


def test_which_customers_are_vegetarian_heard_as_a_profile_question(demo, conversation):
    said = conversation.run(ActionCustomerProfile, text="哪些顾客吃素", intent="ask_customer_profile",
                            entities={"tag": "素"})
    assert said[0].startswith("吃素的顾客有4位:") and "是哪位顾客" not in said[0]
    assert all(name in said[0] for name in _names(demo, "素食")[:3])


def test_who_has_a_peanut_allergy_when_the_model_is_unsure(demo, conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionFallback, text="who has a peanut allergy", intent="nlu_fallback",
                            entities={"tag": "peanut allergy"}, ranking=["ask_customer_profile", "update_customer"])
    assert said == ["3 customers with a peanut allergy: Qiu Lingyu, Xiong Pingyan, Sister Zhang."]


def test_a_fact_about_one_customer_is_still_noted(demo, conversation):
    said = conversation.run(ActionProposeUpdateCustomer, text="李叔有糖尿病", intent="update_customer",
                            entities={"customer": "李叔", "tag": "糖尿病"})
    assert "糖尿病" in said[0] and conversation.slot("pending") is not None


def test_a_restock_question_naming_a_product_stays_one(demo, conversation):
    said = conversation.run(ActionRestockDue, text="这周谁该补低钠酱油", intent="ask_restock_due",
                            entities={"product": "低钠酱油", "period": "这周"})
    assert "低钠" in said[0] and "顾客记着" not in said[0] and "有小孩" not in said[0]


def test_anyone_with_a_peanut_allergy_heard_as_birthdays(demo, conversation):
    said = conversation.run(ActionBirthdays, text="有没有人对花生过敏?", intent="ask_birthdays",
                            entities={"tag": "花生过敏"})
    assert said[0].startswith("花生过敏的顾客有3位:") and "生日" not in said[0]
