"""The shape every report question shares: what the owner said goes to the same report the command line
and the API give, so chat and reports never disagree; the spoken answer is the report's own short summary."""

from __future__ import annotations

import copy
import datetime as dt
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, ShopAction, entities, entity, entity_map, intent, language, say, shop, typed
from actions.corrections import correct_sale
from actions.headcount import answer_customer_count
from actions.lists import ActionListMore, mid_list, report_answer
from actions.names import product_lookup
from actions.sales_followups import follow_up_takings
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from assistant.errors import AssistantError
from assistant.language.dates import parse_period, period_in
from assistant.language.goods_meant import goods_meant
from assistant.language.spans import day_span_in


class ReportAction(ShopAction, ABC):
    """Runs one report with what the owner said and speaks its answer (a list: the first few, kept in
    the ``last_list`` slot for "还有呢")."""

    needs_product = False

    @abstractmethod
    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        """The report answering the latest message and its options, as the API takes them."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        tracker = period_not_customer(tracker)
        if (corrected := correct_sale(self.context, dispatcher, tracker, only_if_worded=True)) is not None:
            return corrected  # "说错了,是菜籽油" while a sale's read-back waits: the sale corrected, not a report
        followed = follow_up_takings(self.context, dispatcher, tracker, domain)
        if followed is not None:  # "compared with the week before?" right after a week's takings
            return followed
        if (count := answer_customer_count(self.context, dispatcher, tracker)) is not None:  # "店里一共有多少顾客"
            return count
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "哪几个老顾客花钱最多"
            return top
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "有没有人血压高的", any report
            return who
        lang = language(tracker)
        if (self.needs_product and not entity(tracker, "product") and not self.unnamed_product(tracker)
                and mid_list(tracker)):
            # "还有吗" right after a list is "go on", not "is there any left?" of no product
            return ActionListMore(self.context).run(dispatcher, tracker, domain)
        with shop(self.context) as s:
            product, events = self._product(s, tracker, dispatcher, lang)
            if events is not None:
                return events
            try:
                name, options = self.question(s, tracker, product)
                answer, events = report_answer(s, name, options, lang)
            except AssistantError as error:
                answer = say(f"查不了:{error}", f"I can't answer that: {error}", lang)
                events = []
        dispatcher.utter_message(text=answer)
        return events

    def unnamed_product(self, tracker: Tracker) -> str | None:
        """The product a question means without naming it (none by default)."""
        return None

    def _product(self, s: Shop, tracker: Tracker, dispatcher: CollectingDispatcher,
                 lang: str) -> tuple[str | None, list[EventType] | None]:
        """The product or category named (resolved against the shop), or the question to ask."""
        # "今天米卖了多少哦不是面粉": the goods the question corrects itself to, not the first tagged
        spoken = (goods_meant(tracker.latest_message.get("text"), entities(tracker, "product"))
                  or entity(tracker, "product") or self.unnamed_product(tracker))
        if not spoken:
            if self.needs_product:
                dispatcher.utter_message(text=say("哪个商品?", "Which product?", lang))
                return None, []
            return None, None
        lookup = product_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), allow_category=True, typed=typed(tracker))
        if isinstance(lookup.record, list):
            return lookup.record[0].category, None
        if lookup.record is not None:
            return lookup.record.name, None
        if lookup.choice is not None:
            dispatcher.utter_message(text=lookup.question(lang))
            return None, [SlotSet("pending", lookup.choice)]
        dispatcher.utter_message(text=say(f"店里没有“{spoken}”这个商品。", f"We don't sell \"{spoken}\".", lang))
        return None, []


def iso_day(day: dt.date | None) -> str | None:
    """A day as the API's options take it (YYYY-MM-DD)."""
    return day.isoformat() if day is not None else None


def report_period(s: Shop, tracker: Tracker, default: str = "today") -> tuple[Any, Any, str]:
    """The first and last day and the name of the period the message asks about (``default`` if none)."""
    return parse_period(spoken_period(tracker) or default, s.context.today())


def spoken_period(tracker: Tracker) -> str | None:
    """The period the latest message names: the model's entity, or the longer phrase of the sentence that
    holds it ("去年这个时候" when the model tagged only "去年")."""
    tagged = entity(tracker, "period") or entity(tracker, "date")
    in_text = period_in(tracker.latest_message.get("text"))
    if in_text and in_text == day_span_in(tracker.latest_message.get("text")) \
            and (not tagged or re.fullmatch(r"\d{4}-\d{2}-\d{2}", tagged)):
        return in_text  # "3月1号到10号": the days from the 1st to the 10th, though the model tagged the 1st alone
    if tagged and in_text and len(in_text) > len(tagged) \
            and tagged.replace(" ", "").lower() in in_text.replace(" ", "").lower():
        return in_text
    return tagged or in_text


def period_not_customer(tracker: Tracker) -> Tracker:
    """``tracker`` with a customer the model tagged that is a period ("葛个礼拜", Hangzhou 这个礼拜) read as the
    period, so no one is offered as a new customer under that name."""
    said = tracker.latest_message.get("entities") or []
    if not any(e.get("entity") == "customer" and period_in(str(e.get("value") or "")) for e in said):
        return tracker
    read = [{**e, "entity": "period"} if e.get("entity") == "customer" and period_in(str(e.get("value") or "")) else e
            for e in said]
    retold = copy.copy(tracker)
    retold.latest_message = {**tracker.latest_message, "entities": read}
    return retold
