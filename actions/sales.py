"""Sales: the sale form, the read-back before writing, and taking back the last entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language, say, shop, shown_name, typed, unit_word
from actions.names import customer_lookup, product_lookup
from assistant.brain.proposals import proposal
from assistant.language.quantities import first_number, unit_after_number

SALE_SLOTS = ("sale_customer", "sale_product", "sale_quantity", "sale_unit", "sale_amount")


def clear_sale() -> list[EventType]:
    """Events that forget a sale in progress."""
    return [SlotSet(slot, None) for slot in SALE_SLOTS]


def _sale_entities(tracker: Tracker) -> dict[str, Any]:
    slots = {"customer": "sale_customer", "product": "sale_product", "quantity": "sale_quantity",
             "unit": "sale_unit", "amount": "sale_amount"}
    return {name: tracker.get_slot(slot) for name, slot in slots.items() if tracker.get_slot(slot)}


class ValidateSaleForm(FormValidationAction):
    """Checks the product and quantity of a sale as the owner says them."""

    def name(self) -> str:
        return "validate_sale_form"

    def validate_sale_product(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict[str, Any]) -> dict[str, Any]:
        """A product the shop sells; a category with several products becomes a "which one?"."""
        lang = language(tracker)
        with shop() as s:
            lookup = product_lookup(s, str(value), intent="log_sale", slot="product",
                                    entities=_sale_entities(tracker), typed=typed(tracker))
            if lookup.record is not None:
                return {"sale_product": lookup.record.name}
            if lookup.choice is not None:
                return {"sale_product": None, "pending": lookup.choice}
        dispatcher.utter_message(text=say(f"店里没有“{value}”这个商品。", f"We don't sell \"{value}\".", lang))
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


class ActionAskSaleProduct(Action):
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
            dispatcher.utter_message(text=say("买的什么?", "What did they buy?", lang))
        return []


class ActionProposeSale(Action):
    """Reads the sale back ("王秀英 买 东北大米 2袋,120元,对吗?") and waits for the owner's yes."""

    def name(self) -> str:
        return "action_propose_sale"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        entities = _sale_entities(tracker)
        with shop() as s:
            product = product_lookup(s, entities["product"], intent="log_sale", slot="product",
                                     entities=entities, typed=typed(tracker)).record
            customer, new_name = None, None
            if entities.get("customer"):
                lookup = customer_lookup(s, entities["customer"], intent="log_sale", slot="customer",
                                         entities=entities, typed=typed(tracker))
                if lookup.choice is not None:
                    dispatcher.utter_message(text=lookup.question(lang))
                    return [SlotSet("pending", lookup.choice), *clear_sale()]
                customer, new_name = lookup.record, lookup.unknown
            quantity = Decimal(entities["quantity"])
            unit = entities.get("unit") or product.unit
            amount = first_number(entities.get("amount"))
            if amount is None:
                amount = (Decimal(product.price) * quantity).quantize(Decimal("0.01"))
            who = (shown_name(customer.name, customer.aliases, lang) if customer
                   else new_name or say("散客", "A walk-in customer", lang))
            summary = say(
                f"{who} 买 {product.name} {_num(quantity)}{unit},共 {_num(amount)} 元。"
                + (f"{new_name}还不是老顾客,会先添加。" if new_name else "") + "对吗?",
                f"{who} bought {_num(quantity)} {unit_word(unit, lang)} of "
                f"{shown_name(product.name, product.aliases, lang)} for {_num(amount)} yuan."
                + (f" {new_name} is new: I'll add them as a customer." if new_name else "") + " Right?",
                lang)
            pending = proposal("sale", summary, customer_id=customer.id if customer else None,
                               new_customer=new_name,
                               lines=[{"product_id": product.id, "quantity": str(quantity), "unit": unit,
                                       "amount": str(amount)}])
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", pending), *clear_sale()]


def _num(value: Decimal) -> str:
    """A number as spoken: no trailing zeros (2, 120, 5.5)."""
    return format(value.normalize(), "f")


class ActionProposeUndo(Action):
    """Offers to take back the last thing this conversation recorded."""

    def name(self) -> str:
        return "action_propose_undo"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        last = tracker.get_slot("last_write")
        if not last:
            dispatcher.utter_message(text=say("这次对话还没记过东西,没有可撤销的。",
                                              "Nothing has been recorded in this conversation yet.", lang))
            return []
        summary = say(f"撤销刚才那笔({last.get('summary', '')})?", f"Undo the last entry ({last.get('summary', '')})?",
                      lang)
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", proposal("undo", summary, last_write=last))]
