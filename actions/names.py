"""Looking up customers and products the owner named, in the shop context's warm name index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, entity, entity_map, intent, language, person_name, say, typed
from assistant.brain.current_customer import SLOT as CURRENT_CUSTOMER
from assistant.brain.current_customer import CurrentCustomer, meant_customer
from assistant.brain.proposals import NewCustomerProposal
from assistant.brain.resolution import Lookup, lookup_customer, lookup_product
from assistant.db.models import Customer
from assistant.language.names import NameIndex
from assistant.language.questions import asks_about_a_child
from assistant.shop.customers import heard_name, with_a_child


def name_index(shop: Shop) -> NameIndex:
    """The warm name index of the shop's context (shared with the NLU's name extractor)."""
    return shop.context.name_index(shop.session)


def names_changed(shop: Shop) -> None:
    """Rebuild the index on next use: this conversation just added or renamed someone."""
    shop.context.names_changed()


def customer_lookup(shop: Shop, spoken: str, *, intent: str, slot: str = "customer",
                    entities: dict[str, Any] | None = None, typed: bool = True, read_back: bool = False) -> Lookup:
    """The customer the owner means by ``spoken``, or the choice / unknown answer (``read_back``: for a
    write she hears read back, see ``lookup_customer``)."""
    index = name_index(shop)
    return lookup_customer(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {},
                           typed=typed, read_back=read_back)


def product_lookup(shop: Shop, spoken: str, *, intent: str, slot: str = "product",
                   entities: dict[str, Any] | None = None, allow_category: bool = False,
                   typed: bool = True) -> Lookup:
    """The product the owner means by ``spoken`` (or a category's products when allowed)."""
    index = name_index(shop)
    return lookup_product(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {},
                          allow_category=allow_category, typed=typed)


def usual_in(shop: Shop, customer: Any, category: str, *, typed: bool = True) -> Any:
    """The product of ``category`` (米, 油) this customer usually buys, or None (no habit: ask which)."""
    from assistant.shop.habits import usual_product

    products = product_lookup(shop, category, intent="log_sale", allow_category=True, typed=typed).record
    if customer is None or not isinstance(products, list):
        return None
    chosen = usual_product(shop.session, customer_id=customer.id, among=[p.id for p in products])
    return next((p for p in products if p.id == chosen), None)


def made_current(customer: Customer | None) -> list[EventType]:
    """The event that makes ``customer`` the one a later "她" / "he" means (None: nobody is)."""
    value = CurrentCustomer(id=customer.id, name=customer.name).to_slot() if customer is not None else None
    return [SlotSet(CURRENT_CUSTOMER, value)]


def current_meant(tracker: Tracker, *, unnamed_means_her: bool = False) -> CurrentCustomer | None:
    """The conversation's current customer when the latest message means her ("她电话多少": names nobody,
    says "她"; with ``unnamed_means_her``, names nobody at all), else None."""
    return meant_customer(tracker.latest_message.get("text"), tracker.get_slot(CURRENT_CUSTOMER),
                          named=bool(entity(tracker, "customer")), unnamed_means_her=unnamed_means_her)


def current_record(shop: Shop, tracker: Tracker, *, unnamed_means_her: bool = False) -> Customer | None:
    """The current customer's record when the latest message means her (and she is still the shop's)."""
    current = current_meant(tracker, unnamed_means_her=unnamed_means_her)
    customer = shop.session.get(Customer, current.id) if current is not None else None
    return customer if customer is not None and customer.shop_id == shop.shop_id else None


@dataclass
class Named:
    """Whom a message means: the customer (or None, having asked back), the events that make her the
    current one, and a name no customer has (the caller says what to do about it)."""

    customer: Customer | None
    events: list[EventType] = field(default_factory=list)
    unknown: str | None = None
    others: list[Customer] = field(default_factory=list)  # whom else a spoken name could mean (for a read-back)


def named_customer(shop: Shop, tracker: Tracker, dispatcher: CollectingDispatcher, *, ask: tuple[str, str],
                   unnamed_means_her: bool = False, read_back: bool = False) -> Named:
    """The customer the latest message names, else the current one when it means her ("她电话多少"; with
    ``unnamed_means_her``, "上次什么时候来的" too); else asks ``ask`` (who?) or which one, and says so.
    ``read_back``: for a write read back before it is made (see ``lookup_customer``)."""
    lang = language(tracker)
    spoken = entity(tracker, "customer")
    if not spoken:
        current = current_record(shop, tracker, unnamed_means_her=unnamed_means_her)
        if current is not None:
            return Named(current, made_current(current))
        if any(ask):
            dispatcher.utter_message(text=say(*ask, lang))
        return Named(None)
    lookup = customer_lookup(shop, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker),
                             read_back=read_back)
    if lookup.choice is not None and asks_about_a_child(tracker.latest_message.get("text")):
        # "Zhang's kid": of the Zhangs, the one whose household has a child, when only one has
        parents = with_a_child(shop.session, shop_id=shop.shop_id, customer_ids=lookup.candidate_ids)
        lookup.record = parents[0] if len(parents) == 1 else None
    if lookup.record is not None:
        if lookup.guessed:  # "赵大爷" answered for 小赵: she hears whom, and that the name is not one the shop knows
            who, heard = person_name(lookup.record.name, lookup.record.aliases, lang), heard_name(spoken)
            dispatcher.utter_message(text=say(f"店里没有叫“{heard}”的顾客,我按{who}算的,不是的话请说一下。",
                                              f"No customer is called \"{heard}\"; I took it as {who}, say if not.",
                                              lang))
        return Named(lookup.record, made_current(lookup.record), others=lookup.others)
    if lookup.choice is not None:
        dispatcher.utter_message(text=lookup.question(lang))
        return Named(None, [SlotSet("pending", lookup.choice), *made_current(None)])
    return Named(None, made_current(None), unknown=heard_name(spoken))  # "ms ma" as the shop writes it: "Ms Ma"


def offer_new_customer(dispatcher: CollectingDispatcher, new: NewCustomerProposal,
                       events: list[EventType]) -> list[EventType]:
    """Say the name is not a customer and offer to add her (with what she was named for), waiting for yes."""
    dispatcher.utter_message(text=new.offer())
    return [SlotSet("pending", new.to_slot()), *events]
