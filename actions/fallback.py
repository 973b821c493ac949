"""Asking back when the assistant is not sure what the owner meant (low NLU confidence)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ShopAction, entities, entity, entity_map, language, say, shop, typed
from actions.corrections import correct_sale
from actions.headcount import answer_customer_count
from actions.lists import LAST_LIST, ActionListMore, previous_intent, retellable
from actions.names import current_meant, customer_lookup, made_current
from actions.reports import ActionSalesSummary
from actions.sales import sale_told_instead
from actions.sales_followups import follow_up_takings
from actions.stock import ActionProposeStockIn, continues_delivery
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from actions.whom_corrected import correct_whom
from assistant.brain.clarify import asks_customer_purchases, choice, question
from assistant.brain.proposals import Proposal
from assistant.db.models import Customer
from assistant.language.answers import withdraws
from assistant.language.comparisons import compared_periods
from assistant.language.dates import period_in
from assistant.language.durations import parse_duration
from assistant.language.intent_cues import asks
from assistant.language.keyboard_mash import is_keyboard_mash, laughs, says_nothing
from assistant.language.normalize import normalize
from assistant.language.pronouns import refers_back
from assistant.language.questions import asked_fact, is_elliptical, mentions_messages
from assistant.shop.member_facts import member_fact
from assistant.shop.reports import ListPlace

# How each intent is offered back in a "did you mean…?" question.
DESCRIPTIONS = {
    "log_sale": ("记一笔销售", "record a sale"), "ask_restock_due": ("看谁该补货", "see who is due to restock"),
    "ask_customer_profile": ("查顾客", "look up a customer"), "update_customer": ("给顾客记一条", "note something about a customer"),
    "add_customer": ("添加新顾客", "add a new customer"), "ask_birthdays": ("看谁过生日", "see birthdays"),
    "ask_inactive": ("看谁好久没来", "see who hasn't come in a while"), "ask_arrival_targets": ("看到货该告诉谁", "see who to tell about an arrival"),
    "opt_out": ("记下不收消息", "record a customer opting out"), "opt_in": ("记下同意收消息", "record a customer opting in"),
    "undo_last": ("撤销刚才那笔", "undo the last entry"), "ask_sales_summary": ("看营业额", "see sales"),
    "log_stock_in": ("记进货", "record a delivery"), "ask_stock": ("查库存", "check stock"), "ask_reorder": ("看要补哪些货", "see what to reorder"),
    "record_greeting": ("录祝福", "record a greeting"), "send_greeting": ("发祝福", "send a greeting"),
    "ask_greetings": ("看待发的祝福", "see greetings waiting"), "ask_daily_tasks": ("看今天要做的事", "see today's list"),
    "ask_campaign_compare": ("比较促销效果", "compare promotions"), "ask_commission": ("算团长佣金", "work out a commission"),
    "ask_more": ("接着说刚才的名单", "go on with the list"),
}


class ActionOutOfScope(ShopAction):
    """Not the shop's business — unless it tells a fact of her household ("her husband is diabetic"), follows up
    the takings just told, or asks who has a tag or who spent most, which the model may hear as small talk."""

    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if laughs(tracker.latest_message.get("text")):  # "哈哈哈哈" is no thanks and no request: laugh along
            dispatcher.utter_message(text=say("哈哈。有要记的、要查的随时说。", "Ha! Just say when there's something to "
                                              "record or look up.", language(tracker)))
            return []
        if member_fact(tracker.latest_message.get("text")) is not None:
            from actions.customers import (
                ActionProposeUpdateCustomer,  # (customers imports reports, this imports it)
            )

            return ActionProposeUpdateCustomer(self.context).run(dispatcher, tracker, domain)
        from actions.customers import answer_her_fact  # (customers imports reports, this imports it)

        if (her := answer_her_fact(self.context, dispatcher, tracker, domain)) is not None:
            return her  # "and his phone?" after his profile: his phone, not small talk
        if asks_her_other_fact(tracker):  # "她今年多大了" right after her birthday: her age
            from actions.customers import ActionCustomerProfile

            return ActionCustomerProfile(self.context).run(dispatcher, tracker, domain)
        if (followed := follow_up_takings(self.context, dispatcher, tracker, domain)) is not None:
            return followed  # "compared with the week before?" after takings, heard as small talk
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:
            return who
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:
            return top
        if (count := answer_customer_count(self.context, dispatcher, tracker)) is not None:
            return count
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def _product_for_the_list(tracker: Tracker) -> bool:
    """Whether the message names a product for the last list to be told again for ("what about flour?" after who
    needs rice), rather than asking its stock after a stock answer."""
    place = ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    return bool(entity(tracker, "product")) and place is not None and place.report != "stock"


def _waits(tracker: Tracker) -> bool:
    """Whether a read-back or a sale's question waits: a figure alone ("一百一十八") then answers it."""
    return Proposal.from_slot(tracker.get_slot("pending")) is not None or bool(tracker.get_slot("requested_slot"))


class ActionFallback(ShopAction):
    """Offers the two likeliest meanings instead of guessing; the answer continues that request."""

    def name(self) -> str:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        said = tracker.latest_message.get("text")
        if withdraws(said) and Proposal.from_slot(tracker.get_slot("pending")) is not None:
            from actions.confirm import (
                ActionDeny,  # "不要了,她又退回来了" while a sale waits: drop it, no choice
            )

            return ActionDeny(self.context).run(dispatcher, tracker, domain)
        if says_nothing(said) and not _waits(tracker):  # "1234567", "88", "🙂": no request, no choice of writes
            return not_understood(self.context, dispatcher, tracker)
        if continues_delivery(tracker):  # "还有十桶花生油" right after a delivery, unsure between stock and delivery
            return ActionProposeStockIn(self.context).run(dispatcher, tracker, domain)
        corrected = correct_sale(self.context, dispatcher, tracker)  # "不对,是两桶" is not sure of itself
        if corrected is None:
            corrected = correct_whom(self.context, dispatcher, tracker)  # "不 是 王 阿姨 是 汪 阿姨", unsure
        if corrected is not None:
            return corrected
        followed = follow_up_takings(self.context, dispatcher, tracker, domain)
        if followed is not None:  # "和上上周比呢" after a week's takings
            return followed
        sold = sale_told_instead(self.context, dispatcher, tracker, domain)
        if sold is not None:  # "Auntie Wang … bought two bags of rice … and paid 118", long and so unsure
            return sold
        text = tracker.latest_message.get("text")
        if is_elliptical(text) and retellable(tracker) and (parse_duration(text) or period_in(text)
                                                            or _product_for_the_list(tracker)):
            return ActionListMore(self.context).run(dispatcher, tracker, domain)  # "what about a month / flour" after a list
        if is_elliptical(text) and period_in(text) and previous_intent(tracker) == "ask_sales_summary":
            return ActionSalesSummary(self.context).run(dispatcher, tracker, domain)  # "and last month?" after sales
        if compared_periods(tracker.latest_message.get("text"), entities(tracker, "period")):
            return ActionSalesSummary(self.context).comparison(dispatcher, tracker)  # "上个星期跟这个星期比呢"
        if is_elliptical(text) and entity(tracker, "customer") \
                and previous_intent(tracker) in {"ask_customer_profile", "ask_birthdays"}:
            return ActionListMore(self.context).run(dispatcher, tracker, domain)  # "那李叔呢" after her birthday: his
        from actions.customers import answer_her_fact  # (actions.customers imports this module's peers)

        if (her := answer_her_fact(self.context, dispatcher, tracker, domain)) is not None:  # "她电话呢"
            return her
        if asks_her_other_fact(tracker):
            from actions.customers import ActionCustomerProfile  # "她多久没来了", "is her birthday soon"

            return ActionCustomerProfile(self.context).run(dispatcher, tracker, domain)
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "who has a peanut allergy"
            return who
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "who spent the most"
            return top
        if (count := answer_customer_count(self.context, dispatcher, tracker)) is not None:  # "how many customers"
            return count
        lang = language(tracker)
        text = tracker.latest_message.get("text")
        ranking = [r["name"] for r in tracker.latest_message.get("intent_ranking", [])
                   if r.get("name") in DESCRIPTIONS
                   and (r["name"] not in {"opt_in", "opt_out"} or mentions_messages(text))][:2]
        if not ranking or is_keyboard_mash(text):  # "asdfgh jkl" means no request: no choice to offer
            dispatcher.utter_message(text=say("没听明白,能换个说法吗?", "Sorry, I didn't understand. Could you say it another way?",
                                              lang))
            return [UserUtteranceReverted()]
        if asks_customer_purchases(ranking, entity_map(tracker),
                                   spent=asked_fact(tracker.latest_message.get("text")) == "spent"):
            return ActionSalesSummary(self.context).customer_purchases(dispatcher, tracker)
        options = [{"value": name, "label": DESCRIPTIONS[name][1 if lang == "en" else 0]} for name in ranking]
        dispatcher.utter_message(text=question(options, lang).replace("您说的是", "您是想"))
        pending = choice(intent="", slot="intent", entities=entity_map(tracker), options=options)
        return [SlotSet("pending", pending), *self._named_is_current(tracker)]

    def _named_is_current(self, tracker: Tracker) -> list[EventType]:
        """The customer the unsure message named becomes the current one: when the owner asks something
        else instead of choosing, her "她上次买的什么" still means the customer she just named."""
        spoken = entity(tracker, "customer")
        if not spoken:
            return []
        with shop(self.context) as s:
            lookup = customer_lookup(s, spoken, intent="", entities=entity_map(tracker), typed=typed(tracker))
            return made_current(lookup.record) if lookup.record is not None else []


def not_understood(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A message with no words: a customer's phone number named as hers, anything else not understood, in the
    owner's language."""
    lang = language(tracker)
    digits = re.sub(r"\D", "", tracker.latest_message.get("text") or "")
    if len(digits) >= 7:
        with shop(context) as s:
            owner = s.session.query(Customer).filter(Customer.shop_id == s.shop_id, Customer.phone == digits).first()
            if owner is not None:
                dispatcher.utter_message(text=say(f"这是{owner.name}的电话。", f"That is {owner.name}'s phone number.", lang))
                return made_current(owner)
    dispatcher.utter_message(text=say("没听明白,能换个说法吗?", "Sorry, I didn't understand. Could you say it another way?",
                                      lang))
    return [UserUtteranceReverted()]


def asks_her_other_fact(tracker: Tracker) -> bool:
    """Whether the message asks a fact of a customer named, or of "她" when someone was just talked about."""
    text = tracker.latest_message.get("text")
    return asked_fact(text) is not None and asks(normalize(text or "").text.lower()) and (
        bool(entity(tracker, "customer")) or (refers_back(text) and current_meant(tracker) is not None))
