"""Looking up customers and products the owner named, in the shop context's warm name index."""

from __future__ import annotations

from typing import Any

from actions.common import Shop
from assistant.brain.resolution import Lookup, lookup_customer, lookup_product
from assistant.language.names import NameIndex


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
