"""Follow-ups to a takings answer: "跟前一个礼拜比呢" / "compared with last month?" compares the period just
answered with the one named (or the one before it); "那前一个礼拜呢" / "and the week before?" tells that one."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entities, intent, language, shop
from actions.lists import LAST_LIST, in_language, previous_intent
from assistant.context import ShopContext
from assistant.language.comparisons import compares, names_period_before, period_before, whole_period
from assistant.language.dates import parse_period, period_in, periods_in
from assistant.language.questions import asked_fact, is_elliptical
from assistant.language.spans import a_year_before, says_same_time_a_year_before
from assistant.shop import reports
from assistant.shop.reports.sales_compare import compare_sales


def _answered_period(tracker: Tracker) -> tuple[tuple[dt.date, dt.date], str | None] | None:
    """The days (made whole) and product of the takings answer the conversation is at, if it is at one."""
    place = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    if place is None or place.report != "sales" or "from" not in place.options:
        return None
    start = dt.date.fromisoformat(place.options["from"])
    end = dt.date.fromisoformat(place.options.get("to") or place.options["from"])
    return whole_period(start, end), place.options.get("product")


def _answered_days(tracker: Tracker) -> tuple[dt.date, dt.date]:
    """The days the last takings answer was of, as answered (今年 on 3月15日: 1月1日 to 3月15日)."""
    options = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST)).options
    return dt.date.fromisoformat(options["from"]), dt.date.fromisoformat(options.get("to") or options["from"])


def _named_periods(tracker: Tracker) -> list[str]:
    """The periods the latest message names: each when it names two ("上个星期跟这个星期"), else the longest
    phrase of it ("上礼拜六", not 上礼拜; "去年这个时候", not 去年), else the model's entities."""
    text = tracker.latest_message.get("text")
    found, said = periods_in(text), period_in(text)
    if len(found) > 1 or not said:
        return found or entities(tracker, "period")
    return [said]


def _her_purchases_again(tracker: Tracker) -> Tracker | None:
    """"那上个月呢" right after a customer's purchases ("周师傅这个月拿了几袋面粉"): the same question of her, over
    the period now named, as a tracker to answer; None when the message is no such follow-up."""
    text = tracker.latest_message.get("text")
    named = periods_in(text) or entities(tracker, "period")
    if not (is_elliptical(text) and named) or entities(tracker, "customer"):
        return None
    heard = [e for e in tracker.events or [] if e.get("event") == "user"]
    before = heard[-2] if len(heard) >= 2 else {}
    said = (before.get("parse_data") or {}).get("entities") or []
    if asked_fact(before.get("text")) != "spent" or not any(e.get("entity") == "customer" for e in said):
        return None
    kept = [e for e in said if e.get("entity") not in {"period", "date", "days"}]
    retold = copy.copy(tracker)
    retold.latest_message = {**tracker.latest_message, "entities": [*kept, {"entity": "period", "value": named[0]}]}
    return retold


def follow_up_takings(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict[str, Any]) -> list[EventType] | None:
    """Answer a follow-up to the last takings (or commission) answer, or None when the message is not one."""
    text = tracker.latest_message.get("text")
    if is_elliptical(text) and (periods_in(text) or entities(tracker, "period")) and intent(tracker) != "ask_commission" \
            and previous_intent(tracker) == "ask_commission":
        from actions.commission import ActionCommission  # "and last month?" after a commission

        return ActionCommission(context).run(dispatcher, tracker, domain)
    if (hers := _her_purchases_again(tracker)) is not None:  # "那上个月呢" after 周师傅's flour this month
        from actions.reports import ActionSalesSummary  # (actions.reports imports actions.lists)

        return ActionSalesSummary(context).customer_purchases(dispatcher, hers)
    answered = _answered_period(tracker)
    if answered is None:
        return None
    (recent, product), named = answered, _named_periods(tracker)
    before = names_period_before(text)
    same_time = says_same_time_a_year_before(text)
    if same_time:  # "去年这个时候呢" after this year's takings: those days of last year, not all of last year
        recent, before = _answered_days(tracker), False
        named = ["{}/{}".format(*(day.isoformat() for day in a_year_before(*recent)))]
    if not compares(text):
        if before:
            start, end = period_before(*recent)  # "那前一个礼拜呢": the takings of the week before
            spoken = [{"entity": "period", "value": f"{start.isoformat()}/{end.isoformat()}"}]
            if product:
                spoken.append({"entity": "product", "value": product})
        elif is_elliptical(text) and not named and (said := entities(tracker, "product")):
            # "那花生油呢" after last month's takings: last month's peanut oil, not today's
            place = reports.ListPlace.from_slot(tracker.get_slot(LAST_LIST))
            spoken = place.asked_again([{"entity": "product", "value": said[0]}]) if place else []
        elif is_elliptical(text) and named and (product or same_time) and not entities(tracker, "product"):
            # "what about last month" after this week's rice: last month's rice, not all of last month's takings
            spoken = [{"entity": "period", "value": named[0]}]
            if product:
                spoken.append({"entity": "product", "value": product})
        else:
            return None
        from actions.reports import ActionSalesSummary  # (actions.reports imports actions.lists)

        retold = copy.copy(tracker)
        retold.latest_message = {**tracker.latest_message, "text": "", "entities": spoken}
        return ActionSalesSummary(context).run(dispatcher, retold, domain)
    lang = language(tracker)
    with shop(context) as s:
        today = s.context.today()
        if before:
            earlier = period_before(*recent)
        elif len(named) == 1:
            earlier = parse_period(named[0], today)[:2]
        else:
            return None
        if earlier == recent:  # "跟这周比呢" right after this week's takings: nothing to compare
            return None
        compared = compare_sales(s.session, shop_id=s.shop_id, recent=recent, earlier=earlier, today=today,
                                 product=product)
        dispatcher.utter_message(text=in_language(lang, s, compared.summary(lang)))
    return [SlotSet(LAST_LIST, None)]

