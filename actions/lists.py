"""Lists in conversation: a report's answer remembered in the ``last_list`` slot, and "还有呢" /
"全部列出来" / "the rest" going on with it (``assistant.shop.reports.lists``)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, ShopAction, entity, language, say, shop, typed
from actions.names import product_lookup
from assistant.brain.current_customer import SLOT as CURRENT_CUSTOMER
from assistant.brain.current_customer import after_list, customers_listed
from assistant.context import ShopContext
from assistant.errors import AssistantError
from assistant.language.dates import parse_period, period_in
from assistant.language.durations import parse_duration
from assistant.language.elliptical import thing_asked_about
from assistant.language.questions import asked_everything, asked_ranking, is_elliptical
from assistant.shop import reports
from assistant.shop.english import in_english
from assistant.shop.reports.rankings import ranking

LAST_LIST = "last_list"


def in_language(lang: str, s: Shop, answer: str) -> str:
    """The answer as said in ``lang``: an English one with the shop's Chinese names in English."""
    return in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer


def report_answer(s: Shop, name: str, options: Mapping[str, str | None], lang: str) -> tuple[str, list[EventType]]:
    """Report ``name`` with ``options`` (as the API takes them) said in ``lang``, and the slot event that
    makes it the list "还有呢" goes on with (cleared when the answer is no list)."""
    given = {key: str(value) for key, value in options.items() if value not in (None, "")}
    report = reports.run_report(s.session, name, shop_id=s.shop_id, options=given)
    if not isinstance(report, reports.ListReport):  # kept all the same: "昨天呢" asks it again for another day
        place = reports.ListPlace(report=name, options=given, said=0)
        return in_language(lang, s, report.summary(lang)), [SlotSet(LAST_LIST, place.to_slot())]
    first = report.opening(lang)
    place = reports.ListPlace(report=name, options=given, said=first.said)
    return in_language(lang, s, first.text), [SlotSet(LAST_LIST, place.to_slot()), *_about(report)]


def _about(report: reports.ListReport) -> list[EventType]:
    """A list of one customer makes her the one "她" means next; a list of several, nobody."""
    changes, who = after_list(customers_listed(report.said_items()))
    return [SlotSet(CURRENT_CUSTOMER, who.to_slot() if who else None)] if changes else []


def mid_list(tracker: Tracker) -> bool:
    """Whether the last answer read the first few of a list (so an unclear "还有吗" goes on with it)."""
    place = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    return place is not None and place.said > 0


class ActionListMore(ShopAction):
    """"还有呢" / "剩下的呢" / "who else": the next few of the last list; "全部列出来" / "list them all":
    all of it (typed), or from the start a chunk at a time (spoken)."""

    def name(self) -> str:
        return "action_list_more"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        from actions.sales_followups import follow_up_takings  # (it imports this module)

        followed = follow_up_takings(self.context, dispatcher, tracker, domain)
        if followed is not None:  # "跟前一个礼拜比呢" after a week's takings
            return followed
        lang = language(tracker)
        place = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST))
        from actions.customers import answer_her_fact  # (actions.customers imports this module)

        if (her := answer_her_fact(self.context, dispatcher, tracker, domain)) is not None:
            return her  # "她电话呢" after her address: her phone, not the rest of a list
        # ("泰国 的 呢" after a product's stock, 泰国 heard as a name: part of 泰国香米's, asked again below)
        goods = place is not None and "product" in place.options \
            and entity(tracker, "customer") == thing_asked_about(tracker.latest_message.get("text")) \
            and bool(_product_in_words(self.context, tracker.latest_message.get("text")))
        if entity(tracker, "customer") and not goods and not any(e.get("entity") in _RETOLD
                                                                 for e in tracker.latest_message.get("entities") or []):
            # "那李叔呢" after a question about someone: that question about him, never "go on with the list"
            from actions.customers import ActionCustomerProfile
            retold = copy.copy(tracker)
            retold.latest_message = {**tracker.latest_message, "text": previous_text(tracker) or ""}
            return ActionCustomerProfile(self.context).run(dispatcher, retold, domain)
        again = _asked_again(self.context, tracker, place)
        if again is not None:  # "昨天呢" / "玉米油呢" / "and last month?": the last question, for that instead
            action, retold = again
            return action(self.context).run(dispatcher, retold, domain)
        text = tracker.latest_message.get("text")
        if is_elliptical(text) and period_in(text) and previous_intent(tracker) == "ask_sales_summary":
            from actions.reports import ActionSalesSummary  # (actions.reports imports this module)

            return ActionSalesSummary(self.context).run(dispatcher, tracker, domain)  # "上个月呢" after the best sellers
        no_list = say("刚才没有在说名单。想听哪个?比如“谁一个月没来了”。",
                      "There is no list to go on with. Ask for one, e.g. \"who hasn't been in for a month?\"", lang)
        if place is None and (ranked := _more_best_sellers(self.context, tracker)) is not None:
            dispatcher.utter_message(text=ranked)  # "还有呢" after the month's best sellers: the next ones
            return []
        if place is None:
            dispatcher.utter_message(text=no_list)
            return []
        with shop(self.context) as s:
            try:
                report = reports.run_report(s.session, place.report, shop_id=s.shop_id, options=place.options)
            except AssistantError as error:
                dispatcher.utter_message(text=say(f"查不了:{error}", f"I can't answer that: {error}", lang))
                return [SlotSet(LAST_LIST, None)]
            if not isinstance(report, reports.ListReport):
                dispatcher.utter_message(text=no_list)
                return [SlotSet(LAST_LIST, None)]
            found, place = reports.continue_list(report, place, lang, spoken=not typed(tracker),
                                                 everything=asked_everything(tracker.latest_message.get("text")))
            dispatcher.utter_message(text=in_language(lang, s, found.text))
        return [SlotSet(LAST_LIST, place.to_slot())]


def _more_best_sellers(context: ShopContext, tracker: Tracker) -> str | None:
    """The best sellers after those just said, when the question before was the best sellers of a period
    ("这个月卖得最好的是啥"), in the reply language; else None."""
    asked = previous_text(tracker)
    if asked_ranking(asked) != "best":
        return None
    with shop(context) as s:
        today = s.context.today()
        start, end, _ = parse_period(period_in(asked) or "this month", today)
        ranked = ranking(s.session, shop_id=s.shop_id, start=start, end=end, today=today)
        return in_language(language(tracker), s, ranked.more_best(language(tracker)))


# What an elliptical "X呢" can change in the last question: its day or period, or its product.
_RETOLD = ("period", "date", "days", "product")


def _asked_again(context: ShopContext, tracker: Tracker, place: reports.ListPlace | None) -> tuple[type, Tracker] | None:
    """The last question's action and a tracker asking it again with what this message names instead
    (its product and days kept unless new ones are said), or None when the message names nothing new."""
    from actions.report_registry import ACTIONS_BY_REPORT

    said = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") in _RETOLD]
    if not said:  # "那半个月呢": a length or period the model left untagged, said in so many words
        said = _said_in_words(tracker.latest_message.get("text"))
    if not said and place is not None and "product" in place.options:  # "泰国 的 呢": part of 泰国香米's name
        said = _product_in_words(context, tracker.latest_message.get("text"))
    if place is None or not said or place.report not in ACTIONS_BY_REPORT:
        return None
    retold = copy.copy(tracker)
    retold.latest_message = {**tracker.latest_message, "entities": place.asked_again(said)}
    return ACTIONS_BY_REPORT[place.report], retold


def _product_in_words(context: ShopContext, text: str | None) -> list[dict[str, Any]]:
    """The one product an elliptical "X呢" names by part of its name ("泰国 的 呢" → 泰国香米), as an entity."""
    words = thing_asked_about(text)
    if not words:
        return []
    with shop(context) as s:
        found = product_lookup(s, words, intent="", typed=True).record
    return [{"entity": "product", "value": found.name}] if found is not None and not isinstance(found, list) else []


def _said_in_words(text: str | None) -> list[dict[str, Any]]:
    """The length ("半个月" → 15 days) or period ("上个月") a message names without a tag, as entities."""
    days = parse_duration(text)
    if days is not None:
        return [{"entity": "days", "value": str(days)}]
    period = period_in(text)
    return [{"entity": "period", "value": period}] if period else []


def previous_text(tracker: Tracker) -> str | None:
    """What the owner said before the latest message, if the conversation holds it."""
    said = [e.get("text") for e in tracker.events or [] if e.get("event") == "user"]
    return said[-2] if len(said) >= 2 else None


def earlier_texts(tracker: Tracker) -> list[str]:
    """What the owner said before the latest message, newest first."""
    said = [e.get("text") or "" for e in tracker.events or [] if e.get("event") == "user"]
    return said[-2::-1]


def previous_intent(tracker: Tracker) -> str | None:
    """The request the owner's message before the latest one was heard as."""
    heard = [(e.get("parse_data") or {}).get("intent", {}).get("name") for e in tracker.events or []
             if e.get("event") == "user"]
    return heard[-2] if len(heard) >= 2 else None


def retellable(tracker: Tracker) -> bool:
    """Whether the last answer was a report "and last month?" can ask again for other days."""
    from actions.report_registry import ACTIONS_BY_REPORT

    place = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    return place is not None and place.report in ACTIONS_BY_REPORT

