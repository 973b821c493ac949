"""Stock: goods arriving (read back first) and how much of a product is left."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, entity_map, intent, language, say, shop, shown_name, typed, unit_word
from actions.names import product_lookup
from assistant.brain.proposals import proposal
from assistant.language.quantities import first_number


class ActionProposeStockIn(Action):
    """"进了三十袋米" — which product and how many, read back before the stock changes."""

    def name(self) -> str:
        return "action_propose_stock_in"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        lang = language(tracker)
        spoken, quantity = entity(tracker, "product"), first_number(entity(tracker, "quantity"))
        if not spoken or quantity is None or quantity <= 0:
            dispatcher.utter_message(text=say("进了什么货,多少?", "What arrived, and how many?", lang))
            return []
        with shop() as s:
            lookup = product_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker))
            if lookup.choice is not None:
                dispatcher.utter_message(text=lookup.question(lang))
                return [SlotSet("pending", lookup.choice)]
            if lookup.record is None:
                dispatcher.utter_message(text=say(f"店里没有“{spoken}”这个商品。", f"We don't sell \"{spoken}\".", lang))
                return []
            product = lookup.record
            amount = format(quantity.normalize(), "f")
            summary = say(f"{product.name}进货{amount}{product.unit}。对吗?",
                          f"{amount} {unit_word(product.unit, lang)} of {shown_name(product.name, product.aliases, lang)}"
                          " arrived. Right?", lang)
            pending = proposal("stock_in", summary, product_id=product.id, quantity=str(quantity))
        dispatcher.utter_message(text=summary)
        return [SlotSet("pending", pending)]
