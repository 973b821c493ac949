""""谁有高血压" / "哪些顾客吃素" / "who has a peanut allergy": the customers with a tag, whichever intent the
model heard it as (a profile question, a fact to note, a restock question, unsure): the ``tagged`` report,
kept as the list "还有呢" goes on with."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, entity, language, shop
from actions.lists import report_answer
from actions.names import current_meant
from assistant.context import ShopContext
from assistant.language.normalize import normalize
from assistant.shop.tags import shop_tag_names, who_has_asked


def answer_who_has(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """Answers the latest message with the customers who have the tag it asks about, or None (nothing said)
    when it names a customer, means the current one, or asks or tells something else."""
    if entity(tracker, "customer") or current_meant(tracker) is not None:
        return None
    text = normalize(tracker.latest_message.get("text") or "").text
    with shop(context) as s:
        tag = who_has_asked(text, known=shop_tag_names(s.session, shop_id=s.shop_id),
                            tagged=entities(tracker, "tag"), product=entity(tracker, "product"))
        if tag is None:
            return None
        answer, events = report_answer(s, "tagged", {"tag": tag}, language(tracker))
    dispatcher.utter_message(text=answer)
    return events
