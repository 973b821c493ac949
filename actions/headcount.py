""""店里一共有多少顾客" / "how many customers do we have": the shop's customers and regulars, whichever
intent the model heard it as (stock, a profile, unsure, small talk)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, shop
from assistant.context import ShopContext
from assistant.language.questions import asks_customer_count
from assistant.shop.headcount import headcount


def answer_customer_count(context: ShopContext, dispatcher: CollectingDispatcher,
                          tracker: Tracker) -> list[EventType] | None:
    """Answers how many customers the shop has when that is what the latest message asks, else None
    (nothing said)."""
    if not asks_customer_count(tracker.latest_message.get("text")):
        return None
    with shop(context) as s:
        dispatcher.utter_message(text=headcount(s.session, shop_id=s.shop_id).summary(language(tracker)))
    return [SlotSet("last_list", None)]  # no list: "还有呢" has nothing to go on with
