"""A question of another fact than money, heard as a tab or a payment, is answered from her profile by one
shared step (``profile_instead``), whichever of the two money actions the model chose."""

import pytest

from actions.credit import ActionBalance, ActionProposePayment, profile_instead
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (张丽 is 张姐 there)."""
    return ShopContext.build(engine=demo)


def test_another_fact_than_owing_is_answered_from_the_profile(demo, conversation):
    for action, intent in [(ActionBalance, "ask_balance"), (ActionProposePayment, "log_payment")]:
        said = conversation.run(action, text="张姐电话多少", intent=intent, entities={"customer": "张姐"})
        assert len(said) == 1 and "张丽" in said[0] and "1" in said[0], action
        assert "欠" not in said[0] and conversation.slot("pending") is None, action


def test_money_questions_are_left_to_the_money_actions(demo, conversation, domain, shop_context):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    for text in ["张姐欠多少", "张姐还了五十", "who owes me money"]:
        tracker = Tracker("t", {"language": "zh"}, {"text": text, "intent": {"name": "ask_balance"}, "entities": []},
                          [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        assert profile_instead(shop_context, dispatcher, tracker, domain) is None, text
        assert dispatcher.messages == [], text
