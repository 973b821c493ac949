""""这个月谁买得最多" / "上个月哪几个老顾客花钱最多" / "who spent the most this month": the customers ranked by
what they spent (the ``top-customers`` report), whichever intent the model heard it as (takings, a profile,
a ranking of goods), kept as the list "还有呢" goes on with."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, language, say, shop
from actions.lists import report_answer
from assistant.context import ShopContext
from assistant.errors import AssistantError, message_in
from assistant.language.dates import parse_period, period_in
from assistant.language.questions import asks_top_customers


def answer_top_customers(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker, *,
                         asked: bool = False) -> list[EventType] | None:
    """Answers the latest message with the period's biggest spenders, or None (nothing said) when it
    names a customer or asks something else (``asked``: it is known to ask them, "上个月呢" after them)."""
    text = tracker.latest_message.get("text")
    if entity(tracker, "customer") or not (asked or asks_top_customers(text)):
        return None
    lang = language(tracker)
    with shop(context) as s:
        spoken = entity(tracker, "period") or entity(tracker, "date") or period_in(text)
        start, end, _ = parse_period(spoken or "this month", s.context.today())
        try:
            answer, events = report_answer(s, "top-customers", {"from": start.isoformat(), "to": end.isoformat()},
                                           lang)
        except AssistantError as error:
            answer, events = say(f"查不了:{message_in(error, 'zh')}", f"I can't answer that: {error}", lang), []
    dispatcher.utter_message(text=answer)
    return events


class TopCustomersAgain:
    """"上个月呢" / "and last month?" right after the biggest spenders: the ranking again for the period said.
    Not an action of the domain: ``actions.lists`` runs it for a follow-up to the ``top-customers`` list."""

    def __init__(self, context: ShopContext) -> None:
        self.context = context

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        """The ranking for the period the follow-up names."""
        return answer_top_customers(self.context, dispatcher, tracker, asked=True) or []
