"""A group leader's commission ("陈团长这个月佣金多少"): the sales she brought in a month, and her share."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ShopAction, entity, entity_map, intent, language, shop, typed
from actions.lists import LAST_LIST, in_language
from actions.names import customer_lookup
from actions.report_base import report_period
from actions.reports import ActionSalesSummary
from assistant.brain.clarify import asks_customer_purchases
from assistant.language.commission_asked import names_commission
from assistant.language.quantities import percent_said
from assistant.language.questions import asked_fact, asks_who_brought
from assistant.shop import reports


class ActionCommission(ShopAction):
    """"陈团长这个月佣金多少" — a group leader's referred sales and commission for a month."""

    def name(self) -> str:
        return "action_commission"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text")
        # "李叔这个月花了多少钱" heard near a commission question: what she spent is her purchases; "拿了多少佣金" is not
        if not names_commission(text) and asks_customer_purchases([], entity_map(tracker), spent=asked_fact(text) == "spent"):
            return ActionSalesSummary(self.context).customer_purchases(dispatcher, tracker)
        lang = language(tracker)
        with shop(self.context) as s:
            start, _, _ = report_period(s, tracker, default="this month")
            report = reports.commissions(s.session, shop_id=s.shop_id, month=start.strftime("%Y-%m"))
            spoken = entity(tracker, "customer")
            if spoken:
                lookup = customer_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker))
                if lookup.choice is not None:
                    dispatcher.utter_message(text=lookup.question(lang))
                    return [SlotSet("pending", lookup.choice)]
                if lookup.record is not None:
                    report = report.only(lookup.record.id)
            if (rate := percent_said(tracker.latest_message.get("text"))) is not None:  # "按百分之八算"
                report = report.at_rate(rate)
            said = report.who_brought(lang) if asks_who_brought(tracker.latest_message.get("text")) else report.summary(lang)
            dispatcher.utter_message(text=in_language(lang, s, said))
        # kept (no list to go on with) so that "上个月呢" asks it again for another month
        place = reports.ListPlace(report="commissions", options={"month": start.strftime("%Y-%m")}, said=0)
        return [SlotSet(LAST_LIST, place.to_slot())]
