"""Stock: goods arriving (read back first) and how much of a product is left."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    ShopAction,
    entity,
    entity_map,
    intent,
    language,
    say,
    shop,
    typed,
)
from actions.corrections import correct_sale
from actions.names import product_lookup
from assistant.brain.proposals import StockInProposal
from assistant.language.quantities import first_number


class ActionProposeStockIn(ShopAction):
    """"进了三十袋米" — which product and how many, read back before the stock changes."""

    def name(self) -> str:
        return "action_propose_stock_in"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if not entity(tracker, "product"):  # "不对,是三袋" while a sale is read back corrects the sale
            corrected = correct_sale(self.context, dispatcher, tracker)
            if corrected is not None:
                return corrected
        lang = language(tracker)
        spoken, quantity = entity(tracker, "product"), first_number(entity(tracker, "quantity"))
        if not spoken or quantity is None or quantity <= 0:
            dispatcher.utter_message(text=say("进了什么货,多少?", "What arrived, and how many?", lang))
            return []
        with shop(self.context) as s:
            lookup = product_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker))
            if lookup.choice is not None:
                dispatcher.utter_message(text=lookup.question(lang))
                return [SlotSet("pending", lookup.choice)]
            if lookup.record is None:
                dispatcher.utter_message(text=say(f"店里没有“{spoken}”这个商品。", f"We don't sell \"{spoken}\".", lang))
                return []
            product = lookup.record
            delivery = StockInProposal(language=lang, product_id=product.id, product=product.name,
                                       aliases=list(product.aliases or []), unit=product.unit or "",
                                       quantity=str(quantity))
        dispatcher.utter_message(text=delivery.describe())
        return [SlotSet("pending", delivery.to_slot())]
