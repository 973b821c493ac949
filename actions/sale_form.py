"""The sale form: what was sold and how much, asked for while the owner may ask other things meanwhile."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    Shop,
    ShopAction,
    UsesContext,
    entity,
    intent,
    language,
    say,
    shop,
    typed,
)
from actions.corrections import corrects_pending, corrects_written, restates_pending
from actions.customer_lists import ActionArrivalTargets, ActionBirthdays, ActionInactive
from actions.customers import ActionCustomerProfile
from actions.names import current_meant, customer_lookup, product_lookup, usual_in
from actions.reports import (
    ActionDailyTasks,
    ActionReorder,
    ActionRestockDue,
    ActionSalesSummary,
    ActionStock,
)
from assistant.brain.clarify import choose, question, which_one
from assistant.brain.form_answers import not_a_product_name
from assistant.brain.form_patience import lets_go
from assistant.brain.sale_lines import SpokenItem, spoken_items
from assistant.db.models import Product
from assistant.language.goods_asked import goods_carried, goods_priced, goods_sold
from assistant.language.normalize import normalize
from assistant.language.quantities import first_number, unit_after_number
from assistant.language.questions import is_question
from assistant.language.returns import tells_a_return
from assistant.language.wording import price_said, shown_name
from assistant.shop.products import find_product

SALE_SLOTS = ("sale_customer", "sale_product", "sale_quantity", "sale_unit", "sale_amount")
# Said while the form asks "what did they buy?", these are answers to something else, never a product.
NOT_AN_ANSWER = frozenset({"affirm", "deny", "thank", "greet", "goodbye", "ask_help"})
_PUNCTUATION = re.compile(r"[\s,。.!!??、,]+")
_TRAILING = re.compile(r"[\s。.!!,,]+$")
YES_WORDS = frozenset({"对", "对的", "是", "是的", "好", "好的", "行", "嗯", "可以", "没错", "yes", "yeah", "ok", "okay",
                       "sure", "right"})


def clear_sale() -> list[EventType]:
    """Events that forget a sale in progress."""
    return [SlotSet(slot, None) for slot in SALE_SLOTS]


def sale_entities(tracker: Tracker) -> dict[str, Any]:
    """The sale so far as entities (customer, product, quantity, unit, amount), from the form's slots."""
    slots = {"customer": "sale_customer", "product": "sale_product", "quantity": "sale_quantity",
             "unit": "sale_unit", "amount": "sale_amount"}
    return {name: tracker.get_slot(slot) for name, slot in slots.items() if tracker.get_slot(slot)}


# Questions that can be answered while a sale waits for its product (the sale then goes on).
_QUESTIONS = {"ask_stock": ActionStock, "ask_restock_due": ActionRestockDue, "ask_inactive": ActionInactive,
              "ask_birthdays": ActionBirthdays, "ask_arrival_targets": ActionArrivalTargets,
              "ask_sales_summary": ActionSalesSummary, "ask_reorder": ActionReorder,
              "ask_daily_tasks": ActionDailyTasks, "ask_customer_profile": ActionCustomerProfile}


class ValidateSaleForm(UsesContext, FormValidationAction):
    """Checks the product and quantity of a sale as the owner says them."""

    def name(self) -> str:
        return "validate_sale_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        """Fills the form; a sale told of "她" ("她又拿了一袋米") is the current customer's, known before
        the product is checked (her usual rice)."""
        if intent(tracker) == "log_sale" and (corrects_written(tracker) or corrects_pending(tracker)
                                              or restates_pending(tracker)
                                              or tells_a_return(tracker.latest_message.get("text"))):
            # "actually make it two bags" after the yes, "八十九块九" (the price again) before it: no new sale
            # to ask "what did they buy?" about (and go on asking); the form ends and the read-back step says
            # the entry is already written, or reads the waiting one back (changed)
            return [SlotSet("requested_slot", None)]
        requested = tracker.get_slot("requested_slot")
        asked = _goods_asked(tracker) if requested else None
        if asked is not None:
            # "一袋牛肉多少钱" while the form asks what was bought: a question, answered; its count and goods are
            # no answer to the form, which waits as it was (and asks again: the slot it asks for stays empty)
            dispatcher.utter_message(text=_about_goods(self.context, tracker, *asked))
            return [*_as_before(tracker), SlotSet(requested, None)]
        meant = current_meant(tracker) if intent(tracker) == "log_sale" and not tracker.get_slot("sale_customer") \
            else None
        who = meant.name if meant is not None else self._customer_chosen(tracker)
        if who is not None:
            tracker.slots["sale_customer"] = who
        events = await super().run(dispatcher, tracker, domain)
        return [SlotSet("sale_customer", who), *events] if who is not None else events

    def _customer_chosen(self, tracker: Tracker) -> str | None:
        """The customer the latest message picks ("王秀英", "第三个") when the form asked which one the sale's
        name means along with what was bought ("您说的老王是…?买的什么?"); None otherwise."""
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("requested_slot") != "sale_product" or is_question(text):
            return None  # "王建林电话多少" asks about him: answered, the sale still asks
        with shop(self.context) as s:
            choice = customer_choice(s, tracker)
        return choose(choice, text) if choice is not None else None

    def validate_sale_product(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict[str, Any]) -> dict[str, Any]:
        """A product the shop sells; a category becomes the customer's usual product in it, or a "which one?".
        A yes, a thank-you or a greeting said while the form asks is never a product."""
        if intent(tracker) in NOT_AN_ANSWER or _TRAILING.sub("", str(value)).lower() in YES_WORDS:
            return {"sale_product": None}
        heard = not_a_product_name(tracker.latest_message)  # "asdf qwerty lol", "Auntie Wang bought some caviar"
        if heard is not None:
            dispatcher.utter_message(text=heard.reply(language(tracker)))
            return heard.slots
        if _customer_picked(tracker) and _said_whole(str(value), tracker.latest_message.get("text")):
            return {"sale_product": None}  # "第三个" to "您说的老王是…?买的什么?" picked her, and named no goods
        if several_goods(tracker):  # "两袋米一桶油": the read-back resolves every one of them (and asks)
            return {"sale_product": str(value), **({} if tracker.get_slot("sale_quantity") else {"sale_quantity": "1"})}
        if _asks_something_else(tracker, str(value)):
            # "花生油还剩多少" while the form asks what was bought: answer it; the sale waits for its product.
            question = _QUESTIONS[intent(tracker)](self.context)
            question.run(dispatcher, tracker, domain)
            return {"sale_product": None}
        with shop(self.context) as s:
            lookup = product_lookup(s, str(value), intent="log_sale", slot="product",
                                    entities=sale_entities(tracker), typed=typed(tracker))
            if lookup.record is not None:
                return {"sale_product": lookup.record.name}
            if lookup.choice is not None:
                if _usual(s, tracker, str(value)) is not None:
                    return {"sale_product": str(value)}  # the read-back says which one, and why
                if _customer_unsure(s, tracker):
                    return {"sale_product": str(value)}  # who first ("which Mrs Wang?"): then her usual one
                return {"sale_product": None, "pending": lookup.choice}
        dispatcher.utter_message(text=_not_sold(self.context, tracker, str(value), tracker.get_slot("sale_customer")))
        return {"sale_product": None}

    def validate_sale_quantity(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: dict[str, Any]) -> dict[str, Any]:
        """A positive number; a unit said with it ("2袋") is kept."""
        number = first_number(value)
        if number is None or number <= 0:
            dispatcher.utter_message(text=say("数量没听清,买了几份?", "I didn't catch the quantity. How many?",
                                              language(tracker)))
            return {"sale_quantity": None}
        found = {"sale_quantity": str(number)}
        unit = unit_after_number(value)
        if unit and not tracker.get_slot("sale_unit"):
            found["sale_unit"] = unit
        return found


def _goods_asked(tracker: Tracker) -> tuple[bool, str] | None:
    """Whether the latest message asks whether the shop sells some goods (else their price), and which goods;
    None when it asks neither."""
    text = tracker.latest_message.get("text")
    priced = goods_priced(text)
    if priced is not None:
        return False, priced
    carried = goods_carried(text)
    return (True, carried) if carried is not None else None


def _about_goods(context: Any, tracker: Tracker, whether_sold: bool, goods: str) -> str:
    """"东北大米 59元一袋。" (with "有," when asked whether the shop sells it), or that the shop does not sell it;
    a category says each of its products."""
    lang = language(tracker)
    with shop(context) as s:
        lookup = product_lookup(s, goods, intent="log_sale", allow_category=True, typed=typed(tracker))
        found = lookup.record if isinstance(lookup.record, list) else [lookup.record]
        if lookup.choice is not None:
            found = [find_product(s.session, shop_id=s.shop_id, name=o["value"]) for o in lookup.choice["options"]]
        prices = [price_said(shown_name(p.name, p.aliases, lang), p.price, p.unit, lang) for p in found if p]
    if not prices:
        return _not_sold(context, tracker, goods, None)
    said = ("; " if lang == "en" else "、").join(prices)
    return say(f"有,{said}。" if whether_sold else f"{said}。",
               f"Yes: {said}." if whether_sold else f"{said[0].upper()}{said[1:]}.", lang)


def _as_before(tracker: Tracker) -> list[EventType]:
    """Events that put the sale's slots back as they were before the latest message."""
    before: dict[str, Any] = {}
    for event in _since_said(tracker, before=True):
        if event.get("event") == "slot" and event.get("name") in SALE_SLOTS:
            before[event["name"]] = event.get("value")
    return [SlotSet(slot, before.get(slot)) for slot in SALE_SLOTS if tracker.get_slot(slot) != before.get(slot)]


def _unsold_goods(context: Any, tracker: Tracker) -> str | None:
    """Goods the sale just told names after its count, untagged, that the shop does not sell (else None)."""
    goods = goods_sold(tracker.latest_message.get("text")) \
        if intent(tracker) == "log_sale" and not entity(tracker, "product") else None
    if goods is None:
        return None
    with shop(context) as s:
        lookup = product_lookup(s, goods, intent="log_sale", slot="product", typed=typed(tracker))
        return goods if lookup.record is None and lookup.choice is None else None


class ActionAskSaleProduct(ShopAction):
    """Asks which product was sold, offering the choices when a category was named."""

    def name(self) -> str:
        return "action_ask_sale_product"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        pending = tracker.get_slot("pending")
        asks_which = bool(pending and pending.get("kind") == "choose" and pending.get("slot") == "product")
        if lets_go(tracker.events, "sale_form", slots=SALE_SLOTS):  # answered twice with something else: stop asking
            # (also "which rice?": asked again after nonsense, emoji and the weather, red team 16 A1)
            dispatcher.utter_message(text=say("刚才那笔销售没记。", "(The sale before was not recorded.)", lang))
            return [SlotSet("requested_slot", None), *([SlotSet("pending", None)] if asks_which else [])]
        if asks_which:
            dispatcher.utter_message(text=question(pending["options"], lang))
        else:
            unsold = _unsold_goods(self.context, tracker)
            who = tracker.get_slot("sale_customer") or entity(tracker, "customer")
            if unsold is not None:  # "Uncle Li bought a pack of cigarettes": what she named is not sold here
                dispatcher.utter_message(text=_not_sold(self.context, tracker, unsold, who))
            with shop(self.context) as s:
                choice = customer_choice(s, tracker)
            if choice is not None:  # "老王" is several: which one, asked with the goods, so one answer says both
                dispatcher.utter_message(text=which_one(who, choice["options"], lang)
                                         + say("买的什么?", " And what did they buy?", lang))
                return []
            if who and (unsold is not None or (intent(tracker) == "log_sale" and entity(tracker, "product"))
                        or _customer_picked(tracker)):
                # the goods she named are not sold here: "老王买的什么?" says whose sale is still open
                dispatcher.utter_message(text=say(f"{who}买的什么?", f"What did {who} buy?", lang))
                return []
            dispatcher.utter_message(text=say("买的什么?", "What did they buy?", lang))
        return []


def _said_whole(value: str, text: str | None) -> bool:
    """Whether ``value`` is the whole message ``text`` (the words the form took as goods for want of any)."""
    return _PUNCTUATION.sub("", normalize(value).text) == _PUNCTUATION.sub("", normalize(text or "").text)


def _customer_picked(tracker: Tracker) -> bool:
    """Whether the latest message changed the sale's customer ("王建林" to "您说的老王是…?")."""
    before = next((event.get("value") for event in _since_said(tracker, before=True)[::-1]
                   if event.get("event") == "slot" and event.get("name") == "sale_customer"), None)
    return before is not None and before != tracker.get_slot("sale_customer")


def _since_said(tracker: Tracker, *, before: bool = False) -> list[dict[str, Any]]:
    """The conversation's events after the latest message (``before``: up to it)."""
    events = tracker.events
    last_said = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    return events[:last_said] if before else events[last_said:]


def _not_sold(context: Any, tracker: Tracker, goods: str, customer: str | None) -> str:
    """"店里没有“酱油膏”这个商品", saying too when the sale's customer is nobody the shop knows ("老钱")."""
    stranger = None
    if customer:
        with shop(context) as s:
            lookup = customer_lookup(s, customer, intent="log_sale", typed=typed(tracker))
            stranger = customer if lookup.record is None and lookup.choice is None else None
    return say(f"店里没有“{goods}”这个商品" + (f",顾客里也没有“{stranger}”。" if stranger else "。"),
               f"We don't sell \"{goods}\"" + (f", and \"{stranger}\" is not a customer." if stranger else "."),
               language(tracker))


def several_goods(tracker: Tracker) -> list[SpokenItem]:
    """The goods of a message that tells a sale of several ("两包挂面还有一袋盐"); empty for one or none."""
    if intent(tracker) != "log_sale":
        return []
    found = tracker.latest_message.get("entities") or []
    if len(spoken_items(found)) < 2:
        return []
    # only the goods bought: one the message merely names ("asking about soy sauce") is no item, so the
    # goods may be one, yet the form's product (the last named) is not it
    return spoken_items(found, tracker.latest_message.get("text"))



def _asks_something_else(tracker: Tracker, product: str) -> bool:
    """Whether the message is a question that merely names a product ("花生油还剩多少"), not the answer
    "花生油" or "王秀英 东北大米" (the sale's customer and its goods; the model may take either for a question)."""
    if intent(tracker) not in _QUESTIONS:
        return False
    rest = tracker.latest_message.get("text") or ""
    for answered in (product, tracker.get_slot("sale_customer")):
        rest = rest.replace(answered, "", 1) if answered else rest
    return len(_PUNCTUATION.sub("", rest)) >= 2


def customer_choice(s: Shop, tracker: Tracker) -> dict[str, Any] | None:
    """The "which one?" choice of the sale's customer when her name could be several ("老王"), else None."""
    spoken = tracker.get_slot("sale_customer")
    return customer_lookup(s, spoken, intent="log_sale", typed=typed(tracker), read_back=True).choice \
        if spoken else None


def _customer_unsure(s: Shop, tracker: Tracker) -> bool:
    """Whether the sale's customer could be several (asked before the product, whose default is hers)."""
    return customer_choice(s, tracker) is not None


def _usual(s: Shop, tracker: Tracker, category: str) -> Product | None:
    """The product of ``category`` the sale's customer usually buys, if she is known and has a habit."""
    spoken = tracker.get_slot("sale_customer")
    if not spoken:
        return None
    # The name as written: a homophone question about the customer, if any, comes with the read-back.
    customer = customer_lookup(s, spoken, intent="log_sale", typed=True).record
    return usual_in(s, customer, category, typed=typed(tracker))
