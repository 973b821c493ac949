"""Sales: the sale form, the read-back before writing, and taking back the last entry."""

from __future__ import annotations

import re
from decimal import Decimal
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
    person_name,
    read_back,
    refuses_a_return,
    say,
    shop,
    told_day,
    typed,
)
from actions.corrections import correct_sale, corrects_pending, corrects_written, restates_pending
from actions.customers import ActionCustomerProfile
from actions.names import (
    CURRENT_CUSTOMER,
    current_meant,
    customer_lookup,
    made_current,
    product_lookup,
    usual_in,
)
from actions.reports import (
    ActionArrivalTargets,
    ActionBirthdays,
    ActionDailyTasks,
    ActionInactive,
    ActionReorder,
    ActionRestockDue,
    ActionSalesSummary,
    ActionStock,
)
from actions.stock import ActionProposeStockIn, continues_delivery
from assistant.brain.current_customer import CurrentCustomer
from assistant.brain.form_patience import lets_go
from assistant.brain.proposals import Proposal, SaleProposal, UndoProposal
from assistant.brain.proposals.sale import stock_fields
from assistant.brain.sale_lines import SpokenItem, goods_entities, said_amounts, spoken_items
from assistant.brain.waiting_write import named_in, shop_names
from assistant.db.models import Customer, Product
from assistant.language.goods_asked import goods_sold
from assistant.language.quantities import first_number, paid_amount, unit_after_number
from assistant.language.questions import asks_what_was_recorded
from assistant.language.returns import tells_a_return
from assistant.shop.habits import clashes

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


def _sale_entities(tracker: Tracker) -> dict[str, Any]:
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
        meant = current_meant(tracker) if intent(tracker) == "log_sale" and not tracker.get_slot("sale_customer") \
            else None
        if meant is not None:
            tracker.slots["sale_customer"] = meant.name
        events = await super().run(dispatcher, tracker, domain)
        return [SlotSet("sale_customer", meant.name), *events] if meant is not None else events

    def validate_sale_product(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict[str, Any]) -> dict[str, Any]:
        """A product the shop sells; a category becomes the customer's usual product in it, or a "which one?".
        A yes, a thank-you or a greeting said while the form asks is never a product."""
        if intent(tracker) in NOT_AN_ANSWER or _TRAILING.sub("", str(value)).lower() in YES_WORDS:
            return {"sale_product": None}
        if _several_goods(tracker):  # "两袋米一桶油": the read-back resolves every one of them (and asks)
            return {"sale_product": str(value), **({} if tracker.get_slot("sale_quantity") else {"sale_quantity": "1"})}
        if _asks_something_else(tracker, str(value)):
            # "花生油还剩多少" while the form asks what was bought: answer it; the sale waits for its product.
            question = _QUESTIONS[intent(tracker)](self.context)
            question.run(dispatcher, tracker, domain)
            return {"sale_product": None}
        with shop(self.context) as s:
            lookup = product_lookup(s, str(value), intent="log_sale", slot="product",
                                    entities=_sale_entities(tracker), typed=typed(tracker))
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
        from assistant.brain.clarify import question

        lang = language(tracker)
        pending = tracker.get_slot("pending")
        if pending and pending.get("kind") == "choose" and pending.get("slot") == "product":
            dispatcher.utter_message(text=question(pending["options"], lang))
        else:
            if lets_go(tracker.events, "sale_form"):  # answered twice with something else: stop asking
                dispatcher.utter_message(text=say("刚才那笔销售没记。", "(The sale before was not recorded.)", lang))
                return [SlotSet("requested_slot", None)]
            unsold = _unsold_goods(self.context, tracker)
            who = tracker.get_slot("sale_customer") or entity(tracker, "customer")
            if unsold is not None:  # "Uncle Li bought a pack of cigarettes": what she named is not sold here
                dispatcher.utter_message(text=_not_sold(self.context, tracker, unsold, who))
            if who and (unsold is not None or (intent(tracker) == "log_sale" and entity(tracker, "product"))):
                # the goods she named are not sold here: "老王买的什么?" says whose sale is still open
                dispatcher.utter_message(text=say(f"{who}买的什么?", f"What did {who} buy?", lang))
                return []
            dispatcher.utter_message(text=say("买的什么?", "What did they buy?", lang))
        return []


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


class ActionProposeSale(ShopAction):
    """Reads the sale back ("王秀英 买 东北大米 2袋,120元,对吗?") and waits for the owner's yes."""

    def name(self) -> str:
        return "action_propose_sale"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if intent(tracker) == "log_sale" and refuses_a_return(dispatcher, tracker):  # "王阿姨退了一袋米"
            return clear_sale()
        # "不对 菜籽油 是 六 桶" heard as a sale while a delivery, a tab or a sale is read back: a correction
        restated = restates_pending(tracker)  # "八十九块九" again: the waiting read-back's figures, not a sale
        corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=not restated)
        if corrected is not None or restated:
            return [*(corrected or []), *clear_sale()]
        if not tracker.get_slot("sale_product") and not _several_goods(tracker):
            return clear_sale()  # the form let go of a sale it could not get the goods of (it said so)
        if continues_delivery(tracker):  # "还有十桶花生油" right after a delivery: more goods arrived, no sale
            return [*ActionProposeStockIn(self.context).run(dispatcher, tracker, domain), *clear_sale()]
        if intent(tracker) in ("log_credit", "log_payment", "log_stock_in"):
            # a tab, repayment or delivery said in full while the form asked what was bought filled the form's
            # slots from its own words ("钱多多先拿两袋米记账", "五常大米到了 进了二十袋"): that request, not this sale
            from actions.credit import (  # (credit imports this module's peers)
                ActionProposeCredit,
                ActionProposePayment,
            )

            other = {"log_credit": ActionProposeCredit, "log_payment": ActionProposePayment,
                     "log_stock_in": ActionProposeStockIn}[intent(tracker)]
            dispatcher.utter_message(text=say("刚才那笔销售没记。", "(The sale before was not recorded.)", language(tracker)))
            return [*other(self.context).run(dispatcher, tracker, domain), *clear_sale()]
        lang = language(tracker)
        entities = _sale_entities(tracker)
        goods = _goods(tracker, entities)
        with shop(self.context) as s:
            customer, new_name, others = None, None, []
            current = _current(s, tracker, entities.get("customer"))
            if current is not None:  # "她又拿了一袋米": the customer the conversation is about
                customer = current
            elif entities.get("customer"):
                lookup = customer_lookup(s, entities["customer"], intent="log_sale", slot="customer",
                                         entities=entities, typed=typed(tracker), read_back=True)
                if lookup.choice is not None:
                    dispatcher.utter_message(text=lookup.question(lang))
                    return [SlotSet("pending", lookup.choice), *clear_sale(), *made_current(None)]
                customer, new_name = lookup.record, lookup.unknown
                others = [person_name(other.name, other.aliases, lang) for other in lookup.others]
            lines, warnings = [], []
            for item in goods:
                product = product_lookup(s, item.product, intent="log_sale", slot="product",
                                         entities=entities, typed=typed(tracker), allow_category=True).record
                usual = isinstance(product, list)
                if usual:  # a category: the customer's habit in it, once she is known
                    product = usual_in(s, customer, item.product, typed=typed(tracker))
                if product is None:
                    named = {"customer": customer.name} if customer else {}
                    lookup = product_lookup(s, item.product, intent="log_sale", slot="product",
                                            entities={**entities, "product": item.product, **named},
                                            typed=typed(tracker))
                    if lookup.choice is None:
                        dispatcher.utter_message(text=say(f"店里没有“{item.product}”这个商品。",
                                                          f"We don't sell \"{item.product}\".", lang))
                        return [SlotSet("pending", None), *clear_sale()]
                    dispatcher.utter_message(text=lookup.question(lang))
                    if len(goods) > 1:  # "which oil?" of several goods: the answer resumes all of them
                        who = named or ({"customer": entities["customer"]} if entities.get("customer") else {})
                        amounts = [format(a, "f") for a in _amounts(tracker, entities, several=True)]
                        lookup.choice = _resume_several(lookup.choice, goods, lines, who, amounts, index=len(lines))
                    return [SlotSet("pending", lookup.choice), *clear_sale()]
                quantity = item.quantity or Decimal("1")
                line = {"product_id": product.id, "product": product.name, "aliases": list(product.aliases or []),
                        "quantity": str(quantity), "unit": item.unit or product.unit,
                        "amount": str((Decimal(product.price) * quantity).quantize(Decimal("0.01"))),
                        "price": str(product.price), **stock_fields(product)}
                if usual and len(goods) > 1:
                    line["usual"] = True  # said after this line ("米" of several goods)
                lines.append(line)
                warnings += [w for w in (clashes(customer, product) if customer else []) if w not in warnings]
            sale = SaleProposal(
                language=lang,
                customer_id=customer.id if customer else None,
                customer_name=person_name(customer.name, customer.aliases, lang) if customer else None,
                new_customer=new_name,
                usual=usual and len(goods) == 1,
                warnings=warnings,
                others=others,
                day=told_day(tracker, self.context.today(), started_by="log_sale"),
                lines=lines).with_amounts(_amounts(tracker, entities, several=len(goods) > 1))
        about = made_current(customer) if customer is not None or new_name else []  # a walk-in names nobody
        return read_back(dispatcher, sale, *clear_sale(), *about)


def _several_goods(tracker: Tracker) -> list[SpokenItem]:
    """The goods of a message that tells a sale of several ("两包挂面还有一袋盐"); empty for one or none."""
    if intent(tracker) != "log_sale":
        return []
    found = tracker.latest_message.get("entities") or []
    if len(spoken_items(found)) < 2:
        return []
    # only the goods bought: one the message merely names ("asking about soy sauce") is no item, so the
    # goods may be one, yet the form's product (the last named) is not it
    return spoken_items(found, tracker.latest_message.get("text"))


def _goods(tracker: Tracker, entities: dict[str, Any]) -> list[SpokenItem]:
    """What was sold: the several goods of the message that told the sale, or the one the form filled in."""
    return _several_goods(tracker) or [SpokenItem(product=entities["product"], quantity=Decimal(entities["quantity"]),
                                                  unit=entities.get("unit"))]


def _resume_several(choice: dict[str, Any], goods: list[SpokenItem], lines: list[dict[str, Any]],
                    customer: dict[str, str], amounts: list[str], *, index: int) -> dict[str, Any]:
    """The "which one?" choice for the ``index``-th of several goods, re-running the whole sale: the goods
    before it as already resolved, the chosen one in its place, the amounts as said."""
    resolved = [SpokenItem(line["product"], Decimal(line["quantity"]), line["unit"]) for line in lines]
    kept: dict[str, Any] = {**customer, **goods_entities([*resolved, *goods[index:]])}
    if amounts:
        kept["amount"] = amounts
    return {**choice, "entities": kept, "index": index}


def _amounts(tracker: Tracker, entities: dict[str, Any], *, several: bool) -> list[Decimal]:
    """The amounts said: every one in the message of several goods (one each, or a total), else the sale's,
    else what she is told to have paid ("she paid 118 in cash")."""
    said = said_amounts(tracker.latest_message.get("entities") or []) if several \
        else [amount for amount in [first_number(entities.get("amount"))] if amount is not None]
    paid = paid_amount(tracker.latest_message.get("text"))
    return said or ([paid] if paid is not None else [])


def _current(s: Shop, tracker: Tracker, spoken: str | None) -> Customer | None:
    """The current customer when the sale is hers: its customer is her name as the form took it from "她"."""
    current = CurrentCustomer.from_slot(tracker.get_slot(CURRENT_CUSTOMER))
    if current is None or spoken != current.name:
        return None
    customer = s.session.get(Customer, current.id)
    return customer if customer is not None and customer.shop_id == s.shop_id else None


def _asks_something_else(tracker: Tracker, product: str) -> bool:
    """Whether the message is a question that merely names a product ("花生油还剩多少"), not the answer
    "花生油" (which the model may also take for a stock question)."""
    if intent(tracker) not in _QUESTIONS:
        return False
    text = tracker.latest_message.get("text") or ""
    rest = text.replace(product, "", 1) if product in text else text
    return len(_PUNCTUATION.sub("", rest)) >= 2


def _customer_unsure(s: Shop, tracker: Tracker) -> bool:
    """Whether the sale's customer could be several (asked before the product, whose default is hers)."""
    spoken = tracker.get_slot("sale_customer")
    return bool(spoken) and customer_lookup(s, spoken, intent="log_sale", typed=typed(tracker),
                                            read_back=True).choice is not None


def _usual(s: Shop, tracker: Tracker, category: str) -> Product | None:
    """The product of ``category`` the sale's customer usually buys, if she is known and has a habit."""
    spoken = tracker.get_slot("sale_customer")
    if not spoken:
        return None
    # The name as written: a homophone question about the customer, if any, comes with the read-back.
    customer = customer_lookup(s, spoken, intent="log_sale", typed=True).record
    return usual_in(s, customer, category, typed=typed(tracker))


class ActionProposeUndo(ShopAction):
    """Offers to take back the last thing this conversation recorded."""

    def name(self) -> str:
        return "action_propose_undo"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        last = Proposal.from_slot(tracker.get_slot("last_write"))
        if last is not None:  # made in English, taken back in Chinese: 张丽, not "Sister Zhang"
            with shop(self.context) as s:
                last = named_in(last, lang, shop_names(s.session, s.shop_id))
        if last is None or last.written is None:
            dispatcher.utter_message(text=say("这次对话还没记过东西,没有可撤销的。",
                                              "Nothing has been recorded in this conversation yet.", lang))
            return []
        if asks_what_was_recorded(tracker.latest_message.get("text")):  # "刚才记的是什么": tell, offer nothing
            entry = last.entry(lang).rstrip("。.")
            dispatcher.utter_message(text=say(f"刚才记的是:{entry}。要撤销就说“撤销”。",
                                              f"The last entry: {entry}. Say \"undo\" to take it back.", lang))
            return []
        undo = UndoProposal(language=lang, target=last.to_slot())
        dispatcher.utter_message(text=undo.describe())
        return [SlotSet("pending", undo.to_slot())]
