"""The owner's questions about the shop: who is due to buy again, takings, stock, reorder, the day's tasks
and campaigns — each answered by the same report the command line and the API give."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, entities, entity, language, say, shop
from actions.corrections import correct_sale
from actions.customers import ActionCustomerProfile, profile_customer, purchases_answer
from actions.goods_answers import answer_goods, order_after_stock
from actions.lists import (
    LAST_LIST,
    ActionListMore,
    in_language,
    previous_text,
    retellable,
)
from actions.names import current_meant, named_customer
from actions.report_base import ReportAction, iso_day, period_not_customer, report_period
from actions.sales_followups import follow_up_takings
from actions.stock import ActionProposeStockIn, continues_delivery
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from assistant.brain.proposals import Proposal
from assistant.language.comparisons import compared_periods
from assistant.language.dates import parse_period, period_in
from assistant.language.durations import parse_duration
from assistant.language.goods_asked import goods_asked_about
from assistant.language.questions import (
    asked_fact,
    asked_ranking,
    asks_order_quantity,
    asks_stock_left,
    is_elliptical,
)
from assistant.shop.customer_restock import customer_due, due_answer
from assistant.shop.reports.lists import ListPlace
from assistant.shop.reports.rankings import ranking
from assistant.shop.reports.sales_compare import compare_sales


class ActionRestockDue(ReportAction):
    """"这周谁该补米了" — customers due to buy the product (or category) again in the period."""

    def name(self) -> str:
        return "action_restock_due"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        start, end, period = report_period(s, tracker, default="this week")
        if period in {"this_week", "today"}:  # "this week" asked on a Sunday means the coming days
            start, end = s.context.today(), None
        return "restock-due", {"product": product, "from": iso_day(start), "to": iso_day(end)}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        tracker = period_not_customer(tracker)  # "葛个礼拜谁该来买米了": this week, not a customer 葛个礼拜
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


class ActionSalesSummary(ReportAction):
    """"今天卖了多少钱" — takings and volumes for a period, optionally of one product."""

    def name(self) -> str:
        return "action_sales_summary"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        start, end, _ = report_period(s, tracker)
        today = s.context.today()
        # Takings are of days gone by: "this month" on the 15th is the 1st to the 15th.
        end = max(min(end, today), start) if start <= today else end
        return "sales", {"from": iso_day(start), "to": iso_day(end), "product": product}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (is_elliptical(said := tracker.latest_message.get("text")) and parse_duration(said) and not period_in(said)
                and retellable(tracker) and ListPlace.from_slot(tracker.get_slot(LAST_LIST)).report != "sales"):
            return ActionListMore(self.context).run(dispatcher, tracker, domain)  # "那半个月呢" after who stayed away
        if (order := order_after_stock(self.context, dispatcher, tracker)) is not None:  # "该进多少" after its stock
            return order
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


class ActionStock(ReportAction):
    """"花生油还剩多少" — stock and days of cover of a product."""

    needs_product = True

    def name(self) -> str:
        return "action_stock"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "stock", {"product": product}

    def unnamed_product(self, tracker: Tracker) -> str | None:
        """Goods the model did not tag ("榴莲还有多少"): looked up, and named back if the shop does not sell them; or
        the one product of a waiting delivery or sale ("现在还有几桶?" while "花生油进货6桶" waits)."""
        waiting = Proposal.from_slot(tracker.get_slot("pending"))
        return goods_asked_about(tracker.latest_message.get("text")) or (waiting.sole_product() if waiting else None)

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if continues_delivery(tracker):  # "还有十桶花生油" right after a delivery: more goods came, not a question
            return ActionProposeStockIn(self.context).run(dispatcher, tracker, domain)
        if (corrected := correct_sale(self.context, dispatcher, tracker, only_if_worded=True)) is not None:
            return corrected  # "不对,是泰国香米" while a sale's read-back waits: the sale, corrected
        if (goods := answer_goods(self.context, dispatcher, tracker)) is not None:  # price, two stocks, below 0
            return goods
        if asks_order_quantity(tracker.latest_message.get("text")):  # "鸡蛋该进多少": what to order of it
            return ActionReorder(self.context).run(dispatcher, tracker, domain)
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


class ActionReorder(ReportAction):
    """"哪些货要补了" — products with under a week of cover, with a suggested quantity."""

    def name(self) -> str:
        return "action_reorder"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "reorder", {}

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if asked_ranking(text) is not None and _SELLING.search(text.lower()):  # "which products are slow this month"
            return ActionSalesSummary(self.context).run(dispatcher, tracker, domain)
        if entity(tracker, "product") and not asks_order_quantity(text):
            return ActionStock(self.context).run(dispatcher, tracker, domain)  # "玉米油快没了吧": its stock
        # "要补货的有哪些,鸡蛋该进多少": the list, which says how much of each to order
        return super().run(dispatcher, tracker, domain)


class ActionDailyTasks(ReportAction):
    """"今天要做什么" — birthdays, staples due, win-backs, low stock, greetings waiting."""

    def name(self) -> str:
        return "action_daily_tasks"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "daily-tasks", {}


class ActionCampaignCompare(ReportAction):
    """"满减券和试用装哪个效果好" — how many customers each promotion brought back within 30 days."""

    def name(self) -> str:
        return "action_campaign_compare"

    def question(self, s: Shop, tracker: Tracker, product: str | None) -> tuple[str, dict[str, str | None]]:
        return "campaigns", {}
