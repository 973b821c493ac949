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
    read_back,
    refuses_a_return,
    say,
    shop,
    typed,
)
from actions.corrections import correct_sale
from actions.names import product_lookup
from assistant.brain.proposals import Proposal, StockInProposal
from assistant.brain.proposals.stock import delivery_going_on
from assistant.brain.sale_lines import SpokenItem, spoken_items
from assistant.language.continuations import goes_on
from assistant.language.corrections_said import count_put_right
from assistant.language.price_talk import new_price
from assistant.language.quantities import first_number, goods_after_count
from assistant.language.total_count import total_in_unit
from assistant.language.two_requests import stock_asked_after


class ActionProposeStockIn(ShopAction):
    """"进了三十袋米" — which product and how many, read back before the stock changes."""

    def name(self) -> str:
        return "action_propose_stock_in"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # "Mrs Li returned two bottles": a customer's goods back are a return, not a delivery
        if entity(tracker, "customer") and refuses_a_return(dispatcher, tracker):
            return []
        # "不对,是三袋" while a sale is read back corrects the sale; "不对 菜籽油 是六桶" a delivery's line
        if not entity(tracker, "product") or isinstance(Proposal.from_slot(tracker.get_slot("pending")), StockInProposal):
            corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=bool(entity(tracker, "product")))
            if corrected is not None:
                return corrected
        if new_price(tracker.latest_message.get("text")) is not None:  # "花生油涨价了,改成九十五一桶": a price
            from actions.goods_answers import answer_goods  # (goods_answers' peers import this module)

            if (price := answer_goods(self.context, dispatcher, tracker)) is not None:
                return price
        lang = language(tracker)
        said = tracker.latest_message.get("entities", [])
        asked = stock_asked_after(said, tracker.latest_message.get("text") or "")
        if asked is not None:  # "进了十桶菜籽油,顺便看看玉米油还有多少": its stock told, the delivery read back
            from actions.goods_answers import stock_answer

            dispatcher.utter_message(text=stock_answer(self.context, str(asked.get("value")), lang))
            said = [e for e in said if e is not asked]
        items = [item for item in spoken_items(said) if item.quantity is not None and item.quantity > 0]
        if len(items) > 1:  # "进了十桶玉米油还有五桶菜籽油": every product said, not only the first
            return self._several(dispatcher, tracker, items)
        spoken = next((str(e.get("value")) for e in said if e.get("entity") == "product"), None)
        # "玉米油来了十桶哦不是十二桶": the count said instead of the one taken back, whichever the model tagged
        quantity = count_put_right(tracker.latest_message.get("text")) or first_number(entity(tracker, "quantity"))
        # "进了五箱可乐": goods the model left untagged (the shop does not sell them) are named all the same
        spoken = spoken or (goods_after_count(tracker.latest_message.get("text")) if quantity else None)
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
            quantity = total_in_unit(tracker.latest_message.get("text"), product.unit) or quantity  # "两箱,一共24瓶"
            delivery = StockInProposal(language=lang, product_id=product.id, product=product.name,
                                       aliases=list(product.aliases or []), unit=product.unit or "",
                                       quantity=str(quantity))
        return read_back(dispatcher, _with_waiting(tracker, delivery))

    def _several(self, dispatcher: CollectingDispatcher, tracker: Tracker, items: list[SpokenItem]) -> list[EventType]:
        """One read-back for a delivery of several goods; a name the shop cannot place is asked about
        before anything is read back (never left out of the delivery)."""
        lang = language(tracker)
        lines = []
        with shop(self.context) as s:
            for item in items:
                lookup = product_lookup(s, item.product, intent=intent(tracker), entities=entity_map(tracker),
                                        typed=typed(tracker))
                if lookup.record is None:
                    unsure = lookup.question(lang) if lookup.choice is not None else say(
                        f"店里没有“{item.product}”这个商品。", f"We don't sell \"{item.product}\".", lang)
                    dispatcher.utter_message(text=unsure + say("进的货请一样一样说。", " Please say the goods one at a time.", lang))
                    return []
                product = lookup.record
                lines.append({"product_id": product.id, "product": product.name, "aliases": list(product.aliases or []),
                              "unit": product.unit or "", "quantity": str(item.quantity)})
        first, *others = lines
        delivery = StockInProposal(language=lang, **first, others=others)
        return read_back(dispatcher, _with_waiting(tracker, delivery))


def continues_delivery(tracker: Tracker) -> bool:
    """Whether the message adds goods to the delivery the conversation is on ("还有十桶花生油" after
    "进了二十袋东北大米"), whatever the model made of it: no customer named, nothing but more goods."""
    return (not entity(tracker, "customer") and goes_on(tracker.latest_message.get("text"))
            and delivery_going_on(tracker.get_slot("pending"), tracker.get_slot("last_write")) is not None)


def _with_waiting(tracker: Tracker, delivery: StockInProposal) -> StockInProposal:
    """The delivery read back: with the one still waiting for yes when the message goes on with it."""
    waiting = delivery_going_on(tracker.get_slot("pending"), None)
    if waiting is None or not goes_on(tracker.latest_message.get("text")):
        return delivery
    return waiting.with_more(delivery)
