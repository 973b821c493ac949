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
                    entities: dict[str, Any] | None = None, typed: bool = True) -> Lookup:
    """The customer the owner means by ``spoken``, or the choice / unknown answer."""
    index = name_index(shop)
    return lookup_customer(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {},
                           typed=typed)


def product_lookup(shop: Shop, spoken: str, *, intent: str, slot: str = "product",
                   entities: dict[str, Any] | None = None, allow_category: bool = False,
                   typed: bool = True) -> Lookup:
    """The product the owner means by ``spoken`` (or a category's products when allowed)."""
    index = name_index(shop)
    return lookup_product(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {},
                          allow_category=allow_category, typed=typed)
