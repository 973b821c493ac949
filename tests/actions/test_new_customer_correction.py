"""A new customer's phone corrected while she is read back ("电话不对,是13800001112") changes the waiting
read-back and asks again, whatever the model made of the words (a no, an update, a new customer, unsure);
not "which do you mean?"."""

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm, ActionDeny
from actions.customers import ActionProposeAddCustomer, ActionProposeUpdateCustomer
from actions.fallback import ActionFallback
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Customer


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (it has no 陈女士)."""
    return ShopContext.build(engine=demo)


def _phones(engine, name: str) -> list[str]:
    with session_scope(engine) as session:
        return list(session.execute(select(Customer.phone).where(Customer.name == name)).scalars())


def _new_chen(conversation) -> None:
    said = conversation.run(ActionProposeAddCustomer, text="新顾客陈女士 电话13800001111", intent="add_customer",
                            entities={"customer": "陈女士", "phone": "13800001111"})
    assert "13800001111" in said[0] and conversation.slot("pending")["kind"] == "add_customer"


@pytest.mark.parametrize(("action", "intent", "entities"), [
    (ActionDeny, "deny", {"phone": "13800001112"}),
    (ActionProposeUpdateCustomer, "update_customer", {"phone": "13800001112"}),
    (ActionProposeAddCustomer, "add_customer", {"phone": "13800001112"}),
    (ActionFallback, "nlu_fallback", {}),  # the number not tagged at all
])
def test_the_phone_said_instead_is_read_back_and_written_after_yes(demo, conversation, action, intent, entities):
    _new_chen(conversation)
    first = conversation.slot("pending")["id"]
    said = conversation.run(action, text="电话不对,是13800001112", intent=intent, entities=entities,
                            ranking=["update_customer", "add_customer"])
    assert len(said) == 1 and "陈女士" in said[0] and "13800001112" in said[0] and "13800001111" not in said[0], said
    assert conversation.slot("pending")["id"] != first  # the old "yes" cannot confirm the new read-back
    assert _phones(demo, "陈女士") == []  # nothing before "对"
    conversation.run(ActionAffirm, text="对", intent="affirm")
    assert _phones(demo, "陈女士") == ["13800001112"]


def test_in_english_and_what_is_no_phone_correction(demo, conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionProposeAddCustomer, text="new customer mrs chen phone 13800001111",
                            intent="add_customer", entities={"customer": "mrs chen", "phone": "13800001111"})
    said = conversation.run(ActionDeny, text="no the number is 13800001112", intent="deny",
                            entities={"phone": "13800001112"})
    assert "13800001112" in said[0] and said[0].startswith("Add new customer"), said
    said = conversation.run(ActionDeny, text="no", intent="deny")  # a plain no still cancels
    assert conversation.slot("pending") is None and _phones(demo, "mrs chen") == []
