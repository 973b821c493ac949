"""Looking up customers and products the owner named, with one name index per shop kept warm."""

from __future__ import annotations

from typing import Any

from actions.common import Shop
from assistant.brain.resolution import Lookup, NameIndexCache, lookup_customer, lookup_product

# The action server is a long-running process: building the index for 100,000 customers takes a
# moment, so it is built once and rebuilt only when the shop's names change.
_INDEXES = NameIndexCache()


def customer_lookup(shop: Shop, spoken: str, *, intent: str, slot: str = "customer",
                    entities: dict[str, Any] | None = None) -> Lookup:
    """The customer the owner means by ``spoken``, or the choice / unknown answer."""
    index = _INDEXES.get(shop.session, shop.shop_id)
    return lookup_customer(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {})


def product_lookup(shop: Shop, spoken: str, *, intent: str, slot: str = "product",
                   entities: dict[str, Any] | None = None, allow_category: bool = False) -> Lookup:
    """The product the owner means by ``spoken`` (or a category's products when allowed)."""
    index = _INDEXES.get(shop.session, shop.shop_id)
    return lookup_product(shop.session, index, spoken, intent=intent, slot=slot, entities=entities or {},
                          allow_category=allow_category)
