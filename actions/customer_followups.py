"""Follow-ups a customer question may really be: "上个礼拜卖了多少钱" heard as a question about someone is the
takings; "what about last month" after a report is that report again."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import entity
from assistant.language.pronouns import refers_back
from assistant.language.questions import asked_fact, asks_takings, is_elliptical


def retells_last_question(tracker: Tracker) -> type | None:
    """The action a "profile" question naming no one and no fact, only a period or a product, really asks: the takings
    when it speaks of selling, else the last report again (when there is one to retell), else None."""
    from actions.lists import ActionListMore, retellable
    from actions.reports import ActionSalesSummary

    text = tracker.latest_message.get("text")
    # a period, or only another product ("what about flour?" after who needs rice)
    retold = (entity(tracker, "period") or entity(tracker, "date") or entity(tracker, "days")
              or (entity(tracker, "product") and is_elliptical(text)))
    if entity(tracker, "customer") or refers_back(text) or asked_fact(text) is not None or not retold:
        return None
    if asks_takings(text):
        return ActionSalesSummary
    return ActionListMore if retellable(tracker) else None
