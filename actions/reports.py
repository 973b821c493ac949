"""The owner's questions: each is answered by the same report the command line and the API give,
so chat and reports never disagree; the spoken answer is the report's own short summary."""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, ShopAction, entities, entity, entity_map, intent, language, say, shop, typed
from actions.corrections import correct_sale
from actions.customers import ActionCustomerProfile, profile_answer, profile_customer, purchases_answer
from actions.headcount import answer_customer_count
from actions.lists import (
    LAST_LIST,
    ActionListMore,
    in_language,
    mid_list,
    previous_text,
    report_answer,
    retellable,
)
from actions.names import current_meant, named_customer, product_lookup
from actions.sales_followups import follow_up_takings
from actions.stock import ActionProposeStockIn, continues_delivery
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from assistant.brain.proposals.stock import delivered_products
from assistant.errors import AssistantError
from assistant.language.additions import announces_arrival
from assistant.language.comparisons import compared_periods
from assistant.language.dates import parse_period, period_in
from assistant.language.durations import parse_duration
from assistant.language.goods_asked import goods_asked_about
from assistant.language.pronouns import refers_back
from assistant.language.questions import (
    asked_fact,
    asked_ranking,
    asked_win_back,
    asks_stock_left,
    is_elliptical,
)
from assistant.shop.customer_restock import customer_due, due_answer
from assistant.shop.reports.birthdays import asked_window
from assistant.shop.reports.inactive import DEFAULT_DAYS
from assistant.shop.reports.lists import ListPlace
from assistant.shop.reports.rankings import ranking
from assistant.shop.reports.sales_compare import compare_sales


class _ReportAction(ShopAction, ABC):
    """Runs one report with what the owner said and speaks its answer (a list: the first few, kept in
    the ``last_list`` slot for "还有呢")."""

    needs_product = False

    @abstractmethod
    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        """The report answering the latest message and its options, as the API takes them."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        followed = follow_up_takings(self.context, dispatcher, tracker, domain)
        if followed is not None:  # "compared with the week before?" right after a week's takings
            return followed
        if (count := answer_customer_count(self.context, dispatcher, tracker)) is not None:  # "店里一共有多少顾客"
            return count
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "哪几个老顾客花钱最多"
            return top
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
        spoken = entity(tracker, "product") or self.unnamed_product(tracker)
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


def _iso(day: dt.date | None) -> str | None:
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
    if tagged and in_text and len(in_text) > len(tagged) \
            and tagged.replace(" ", "").lower() in in_text.replace(" ", "").lower():
        return in_text
    return tagged or in_text


class ActionRestockDue(_ReportAction):
    """"这周谁该补米了" — customers due to buy the product (or category) again in the period."""

    def name(self) -> str:
        return "action_restock_due"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        start, end, period = report_period(s, tracker, default="this week")
        if period in {"this_week", "today"}:  # "this week" asked on a Sunday means the coming days
            start, end = s.context.today(), None
        return "restock-due", {"product": product, "from": _iso(start), "to": _iso(end)}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        who = answer_who_has(self.context, dispatcher, tracker)  # "谁家有小孩" heard as a restock question
        if who is not None:
            return who
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "这个月谁买得最多"
            return top
        if entity(tracker, "product") and not entity(tracker, "customer") \
                and asks_stock_left(tracker.latest_message.get("text")):  # "玉米油快没了吧": its stock
            return ActionStock(self.context).run(dispatcher, tracker, domain)
        if not entity(tracker, "customer"):
            return super().run(dispatcher, tracker, domain)
        if asked_fact(tracker.latest_message.get("text")) == "spent":
            # "周师傅这个月拿了几袋面粉": what he bought in the period, not when he is due next
            return ActionSalesSummary(self.context).customer_purchases(dispatcher, tracker)
        lang = language(tracker)
        with shop(self.context) as s:  # "王阿姨啥时候该买米了": when she is due, not everyone due this week
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            product, asked = self._product(s, tracker, dispatcher, lang)
            if asked is not None:
                return [*events, *asked]
            today = s.context.today()
            item = customer_due(s.session, shop_id=s.shop_id, customer=customer, product=product, today=today)
            answer = due_answer(item, name=customer.name, product=product, today=today, language=lang)
            dispatcher.utter_message(text=in_language(lang, s, answer))
        return events


class ActionBirthdays(_ReportAction):
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
        from actions.customers import answer_her_birthday  # her birthday, or noted when she tells it

        return answer_her_birthday(self.context, dispatcher, tracker, domain)


class ActionInactive(_ReportAction):
    """"谁一个月没来了" — regulars who have not come for N days (default 30)."""

    def name(self) -> str:
        return "action_inactive"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "top customers last month"
            return top
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "哪些顾客吃素" heard as away
            return who
        if not entity(tracker, "customer"):
            return super().run(dispatcher, tracker, domain)
        with shop(self.context) as s:  # "老秦多少天没来了": how long she has stayed away, not everyone away
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            dispatcher.utter_message(text=profile_answer(s, customer, tracker, fact="away"))
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


class ActionArrivalTargets(_ReportAction):
    """"低钠酱油到了,该告诉谁" — who the product suits, who bought it, who asked; consent honoured."""

    needs_product = True

    def name(self) -> str:
        return "action_arrival_targets"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if entity(tracker, "customer") and announces_arrival(tracker.latest_message.get("text")):
            from actions.greetings import ActionProposeGreeting  # "告诉李叔低钠酱油到了": a message to him

            return ActionProposeGreeting(self.context).run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def unnamed_product(self, tracker: Tracker) -> str | None:
        """"要通知谁" right after a delivery of one product is about that product."""
        delivered = delivered_products(tracker.get_slot("last_write"))
        return delivered[0] if len(delivered) == 1 else None

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "arrival-targets", {"product": product}


class ActionSalesSummary(_ReportAction):
    """"今天卖了多少钱" — takings and volumes for a period, optionally of one product."""

    def name(self) -> str:
        return "action_sales_summary"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        start, end, _ = report_period(s, tracker)
        today = s.context.today()
        # Takings are of days gone by: "this month" on the 15th is the 1st to the 15th.
        end = max(min(end, today), start) if start <= today else end
        return "sales", {"from": _iso(start), "to": _iso(end), "product": product}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (is_elliptical(said := tracker.latest_message.get("text")) and parse_duration(said) and not period_in(said)
                and retellable(tracker) and ListPlace.from_slot(tracker.get_slot(LAST_LIST)).report != "sales"):
            return ActionListMore(self.context).run(dispatcher, tracker, domain)  # "那半个月呢" after who stayed away
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # customers, not goods
            return top
        if entity(tracker, "customer") or current_meant(tracker) is not None:
            if asked_fact(tracker.latest_message.get("text")) in {"age", "phone", "birthday", "allergies", "health", "diet"}:
                # "他今年多大了": a fact of hers, though "今年" made it sound like a period's takings
                return ActionCustomerProfile(self.context).run(dispatcher, tracker, domain)
            return self.customer_purchases(dispatcher, tracker)
        if compared_periods(tracker.latest_message.get("text"), entities(tracker, "period")):
            return self.comparison(dispatcher, tracker)
        text = tracker.latest_message.get("text")
        asked = asked_ranking(text)
        if asked is None and is_elliptical(text):  # "and last month?" after the best sellers: last month's
            asked = asked_ranking(previous_text(tracker))
        if asked is None or entity(tracker, "product"):
            return super().run(dispatcher, tracker, domain)
        lang = language(tracker)
        with shop(self.context) as s:
            start, end, _ = report_period(s, tracker, default="this month")
            ranked = ranking(s.session, shop_id=s.shop_id, start=start, end=end, today=s.context.today())
            dispatcher.utter_message(text=in_language(lang, s, ranked.best(lang) if asked == "best" else ranked.slow(lang)))
        return [SlotSet(LAST_LIST, None)]

    def comparison(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """"这个月比上个月怎么样" / "上个星期跟这个星期比呢" — two periods' takings and the difference."""
        lang = language(tracker)
        with shop(self.context) as s:
            product, events = self._product(s, tracker, dispatcher, lang)
            if events is not None:
                return events
            today = s.context.today()
            said = compared_periods(tracker.latest_message.get("text"), entities(tracker, "period"))
            recent, earlier = (parse_period(period, today)[:2] for period in said)  # compare_sales orders them
            compared = compare_sales(s.session, shop_id=s.shop_id, recent=recent, earlier=earlier, today=today,
                                     product=product)
            dispatcher.utter_message(text=in_language(lang, s, compared.summary(lang)))
        return [SlotSet(LAST_LIST, None)]

    def customer_purchases(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """"王阿姨今年买了多少米" — what one customer bought, not the shop's takings."""
        lang = language(tracker)
        with shop(self.context) as s:
            named = named_customer(s, tracker, dispatcher, ask=("", ""))
            if named.customer is None:
                if named.unknown:
                    dispatcher.utter_message(text=say(f"没有叫“{named.unknown}”的顾客。",
                                                      f"No customer called \"{named.unknown}\".", lang))
                return named.events
            product, events = self._product(s, tracker, dispatcher, lang)
            if events is not None:
                return events
            dispatcher.utter_message(text=purchases_answer(s, named.customer, tracker, product))
        return [*named.events, SlotSet(LAST_LIST, None)]


class ActionStock(_ReportAction):
    """"花生油还剩多少" — stock and days of cover of a product."""

    needs_product = True

    def name(self) -> str:
        return "action_stock"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "stock", {"product": product}

    def unnamed_product(self, tracker: Tracker) -> str | None:
        """Goods the model did not tag ("榴莲还有多少"): looked up, and named back if the shop does not sell them."""
        return goods_asked_about(tracker.latest_message.get("text"))

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if continues_delivery(tracker):  # "还有十桶花生油" right after a delivery: more goods came, not a question
            return ActionProposeStockIn(self.context).run(dispatcher, tracker, domain)
        if (corrected := correct_sale(self.context, dispatcher, tracker, only_if_worded=True)) is not None:
            return corrected  # "不对,是泰国香米" while a sale's read-back waits: the sale, corrected
        followed = follow_up_takings(self.context, dispatcher, tracker, domain)
        if followed is not None:  # "那花生油呢" after last month's takings: its takings, not its stock
            return followed
        text = tracker.latest_message.get("text")
        place = ListPlace.from_slot(tracker.get_slot(LAST_LIST))
        if is_elliptical(text) and not asks_stock_left(text) and retellable(tracker) and place.report != "stock":
            # "what about flour?" after who needs rice: that list for flour, not the flour in stock
            return ActionListMore(self.context).run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)


# Words about selling: "最少" of "哪个货最少了" asks the stock; "卖得最少" / "slow" / "sold least" the sales.
_SELLING = re.compile(r"卖|销|sell|sold|slow|moving")


class ActionReorder(_ReportAction):
    """"哪些货要补了" — products with under a week of cover, with a suggested quantity."""

    def name(self) -> str:
        return "action_reorder"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "reorder", {}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if asked_ranking(text) is not None and _SELLING.search(text.lower()):  # "which products are slow this month"
            return ActionSalesSummary(self.context).run(dispatcher, tracker, domain)
        if entity(tracker, "product"):  # "玉米油快没了吧": that product's stock, not the list of others
            return ActionStock(self.context).run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)


class ActionDailyTasks(_ReportAction):
    """"今天要做什么" — birthdays, staples due, win-backs, low stock, greetings waiting."""

    def name(self) -> str:
        return "action_daily_tasks"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "daily-tasks", {}


class ActionCampaignCompare(_ReportAction):
    """"满减券和试用装哪个效果好" — how many customers each promotion brought back within 30 days."""

    def name(self) -> str:
        return "action_campaign_compare"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "campaigns", {}
