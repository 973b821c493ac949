"""The owner's lists of customers: birthdays, who has stayed away, who to tell of an arrival. Each asked
about one customer ("王阿姨生日哪天", "老秦多少天没来了") is answered about her instead."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, entity, shop
from actions.customers import answer_her_birthday, profile_answer, profile_customer
from actions.lists import LAST_LIST, previous_intent
from actions.names import current_meant
from actions.report_base import ReportAction
from actions.reports import ActionStock
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from assistant.brain.proposals.stock import delivered_products
from assistant.language.additions import announces_arrival
from assistant.language.durations import parse_duration
from assistant.language.pronouns import refers_back
from assistant.language.questions import asked_fact, asked_win_back, is_elliptical
from assistant.shop.reports.birthdays import asked_window
from assistant.shop.reports.inactive import DEFAULT_DAYS
from assistant.shop.reports.lists import ListPlace


class ActionBirthdays(ReportAction):
    """"今天谁过生日" — birthdays today, this week or this month (solar and lunar)."""

    def name(self) -> str:
        return "action_birthdays"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        # "后天谁过生日" with the day left untagged, "这几天谁过生日": said in the sentence
        return "birthdays", dict(asked_window(entity(tracker, "period") or entity(tracker, "date"),
                                              tracker.latest_message.get("text"), s.context.today()))

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "上个月哪几个老顾客花钱最多"
            return top
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "有没有人花生过敏" heard as birthdays
            return who
        if not entity(tracker, "customer") and not refers_back(tracker.latest_message.get("text")):
            return super().run(dispatcher, tracker, domain)
        return answer_her_birthday(self.context, dispatcher, tracker, domain)


class ActionInactive(ReportAction):
    """"谁一个月没来了" — regulars who have not come for N days (default 30)."""

    def name(self) -> str:
        return "action_inactive"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "top customers last month"
            return top
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "哪些顾客吃素" heard as away
            return who
        if not entity(tracker, "customer") and current_meant(tracker) is None:
            return super().run(dispatcher, tracker, domain)
        # "老秦多少天没来了", "她多久没来了" right after her: how long she has stayed away, not everyone away;
        # "她多久来一趟": how often she comes
        fact = "how_often" if asked_fact(tracker.latest_message.get("text")) == "how_often" else "away"
        with shop(self.context) as s:
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            dispatcher.utter_message(text=profile_answer(s, customer, tracker, fact=fact))
        return events

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        # The days entity arrives as a whole number of days (一个月 → 30); a length said as a period
        # ("两个月", "a fortnight") or left untagged in the sentence means the same. A length said is
        # literal; "哪些熟客不来了" asks for the win-back list (Today's), anything else is a month.
        text = tracker.latest_message.get("text")
        days = (parse_duration(entity(tracker, "days")) or parse_duration(entity(tracker, "period"))
                or parse_duration(text))
        if days is None and asked_win_back(text):
            return "inactive", {"win-back": "yes"}
        return "inactive", {"days": str(days or DEFAULT_DAYS)}


class ActionArrivalTargets(ReportAction):
    """"低钠酱油到了,该告诉谁" — who the product suits, who bought it, who asked; consent honoured."""

    needs_product = True

    def name(self) -> str:
        return "action_arrival_targets"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if entity(tracker, "customer") and announces_arrival(tracker.latest_message.get("text")):
            from actions.greetings import ActionProposeGreeting  # "告诉李叔低钠酱油到了": a message to him

            return ActionProposeGreeting(self.context).run(dispatcher, tracker, domain)
        if is_elliptical(tracker.latest_message.get("text")) and _last_asked_stock(tracker):
            return ActionStock(self.context).run(dispatcher, tracker, domain)  # "高筋面粉呢" after "中筋面粉还有多少"
        return super().run(dispatcher, tracker, domain)

    def unnamed_product(self, tracker: Tracker) -> str | None:
        """"要通知谁" right after a delivery of one product is about that product."""
        delivered = delivered_products(tracker.get_slot("last_write"))
        return delivered[0] if len(delivered) == 1 else None

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "arrival-targets", {"product": product}


def _last_asked_stock(tracker: Tracker) -> bool:
    """Whether the owner's last question was a product's stock (so an elliptical "X呢" asks X's stock)."""
    place = ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    return (place.report == "stock") if place is not None else previous_intent(tracker) == "ask_stock"
