"""Looking up customers and products the owner named, with one name index per shop kept warm."""

from __future__ import annotations

from typing import Any

from actions.common import Shop
from assistant.brain.resolution import Lookup, lookup_customer, lookup_product
from assistant.language.names import NameIndex, NameIndexCache

# The action server is a long-running process: building the index for 100,000 customers takes a
# moment, so each database's index is built once and rebuilt only when the shop's names change.
_CACHES: dict[str, NameIndexCache] = {}


def name_index(shop: Shop) -> NameIndex:
    """The warm name index of the shop's database."""
    url = str(shop.session.get_bind().url)
    return _CACHES.setdefault(url, NameIndexCache()).get(shop.session, shop_id=shop.shop_id)


def names_changed(shop: Shop) -> None:
    """Rebuild the index on next use: this conversation just added or renamed someone."""
    cache = _CACHES.get(str(shop.session.get_bind().url))
    if cache is not None:
        cache.invalidate(shop.shop_id)


def forget_all_indexes() -> None:
    """Drop every cached index (tests that rebuild a database under the same URL)."""
    _CACHES.clear()


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
