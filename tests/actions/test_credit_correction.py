"""Goods put on a tab can be corrected while they are read back ("不对,是两袋", "改成一百"), as a sale can."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from actions.confirm import ActionAffirm, ActionDeny
from actions.credit import ActionProposeCredit
from actions.fallback import ActionFallback
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (张丽 has a clean tab there)."""
    return ShopContext.build(engine=demo)


def _owed(engine) -> Decimal | None:
    with session_scope(engine) as session:
        return session.execute(select(func.sum(CreditEntry.amount)).where(CreditEntry.kind == "charge",
                                                                  CreditEntry.conversation_id.is_not(None))).scalar()


def _three_bags_on_zhang_tab(conversation) -> list[str]:
    return conversation.run(ActionProposeCredit, text="张姐先拿三袋香米,记账", intent="log_credit",
                            entities={"customer": "张姐", "product": "香米", "quantity": "3", "unit": "袋"})


def test_a_new_quantity_after_no_prices_the_tab_again(demo, conversation):
    assert "225元" in _three_bags_on_zhang_tab(conversation)[0]
    first = conversation.slot("pending")["id"]
    said = conversation.run(ActionDeny, text="不对,是两袋", intent="deny", entities={"quantity": "2", "unit": "袋"})
    assert "张丽 赊 泰国香米 2袋,150元" in said[0] and said[0].endswith("对吗?")
    assert conversation.slot("pending")["id"] != first  # the old "yes" cannot confirm the new read-back
    assert _owed(demo) is None  # nothing before "对"
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _owed(demo) == Decimal("150")


def test_a_correction_heard_as_a_tab_or_not_understood_edits_the_waiting_one(demo, conversation):
    _three_bags_on_zhang_tab(conversation)
    said = conversation.run(ActionProposeCredit, text="不对 是 两 袋", intent="log_credit",
                            entities={"quantity": "2", "unit": "袋"})
    assert "150元" in said[0] and "张丽" in said[0]
    said = conversation.run(ActionFallback, text="改成140", intent="nlu_fallback")
    assert "2袋,140元" in said[0]
    assert _owed(demo) is None


def test_a_plain_no_still_cancels_the_tab(demo, conversation):
    _three_bags_on_zhang_tab(conversation)
    assert conversation.run(ActionDeny, text="算了", intent="deny") == ["好,不记了。"]
    assert conversation.slot("pending") is None and _owed(demo) is None


def test_a_change_after_the_entry_is_written_says_how_to_change_it(demo, conversation):
    # owner trial (lead, 6 Dec): "put that down as 70" after "yes" asked "Which customer?"
    from actions.customers import ActionProposeUpdateCustomer

    conversation.slots["language"] = "en"
    conversation.run(ActionProposeCredit, text="mrs liu took a bag of jasmine rice on tab", intent="log_credit",
                     entities={"customer": "mrs liu", "product": "jasmine rice", "quantity": "a", "unit": "bag"})
    assert conversation.run(ActionAffirm, intent="affirm") == ["Done, it's recorded."]
    said = conversation.run(ActionProposeUpdateCustomer, text="put that down as seventy", intent="update_customer")
    assert said[0].startswith("That one is already recorded: Put 1 bag of jasmine rice for 75 yuan on Mrs Liu's tab")
    assert 'say "undo"' in said[0]
    assert _owed(demo) == Decimal("75")  # nothing changed


def test_a_phone_changed_after_a_write_is_still_an_update(demo, conversation):
    from actions.customers import ActionProposeUpdateCustomer

    _three_bags_on_zhang_tab(conversation)
    conversation.run(ActionAffirm, intent="affirm")
    said = conversation.run(ActionProposeUpdateCustomer, text="张姐电话改成13800001111", intent="update_customer",
                            entities={"customer": "张姐", "phone": "13800001111"})
    assert "13800001111" in said[0] and "已经记上" not in said[0]
