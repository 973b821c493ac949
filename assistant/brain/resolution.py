"""Names heard in conversation → records in the database, or the question to ask back.

The matching itself (exact, alias, pinyin homophones, fuzzy English) is ``assistant.language.names``;
this module turns its answer into what a conversation needs: the record, a "which one?" choice to
keep in the ``pending`` slot, or the fact that nobody of that name exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain import clarify
from assistant.db.models import Customer, Product
from assistant.language import names
from assistant.shop.name_index import NameIndexCache

# Long-running processes (the server, the action server) answer many messages: each database's name
# index (100,000 customers take a moment to index) is built once and rebuilt only when names change.
# The NLU's ShopNameExtractor and the actions share it, so both know a customer added a message ago.
_INDEXES: dict[str, NameIndexCache] = {}
_generation = 0  # counts forget_shop_names calls, so copies made from an index know they are stale


def shop_name_index(session: Session, *, shop_id: int) -> names.NameIndex:
    """The warm name index of the shop in ``session``'s database."""
    url = str(session.get_bind().url)
    return _INDEXES.setdefault(url, NameIndexCache()).get(session, shop_id=shop_id)


def forget_shop_names(session: Session | None = None, *, shop_id: int | None = None) -> None:
    """Rebuild on next use: names changed in ``session``'s database (without a session: every database)."""
    global _generation
    _generation += 1
    if session is None:
        _INDEXES.clear()
        return
    cache = _INDEXES.get(str(session.get_bind().url))
    if cache is not None:
        cache.invalidate(shop_id)


def shop_names_generation() -> int:
    """A number that changes whenever ``forget_shop_names`` is called."""
    return _generation


@dataclass
class Lookup:
    """The outcome of looking up a name: one record, a choice to offer, or unknown."""

    record: Any = None
    choice: dict[str, Any] | None = None
    unknown: str | None = None

    def question(self, language: str) -> str:
        """The "which one?" question for a choice."""
        assert self.choice is not None
        return clarify.question(self.choice["options"], language)


def lookup_customer(session: Session, index: names.NameIndex, spoken: str, *, intent: str, slot: str,
                    entities: dict[str, Any], typed: bool = False) -> Lookup:
    """Resolve a customer name; several matches become a choice that re-runs ``intent``.

    ``typed``: the name was typed, so an exact spelling wins over a homophone (speech cannot tell 王/汪).
    """
    resolution = names.resolve_customer(index, spoken, typed=typed)
    if resolution.status in {"exact", "match"}:
        return Lookup(record=session.get(Customer, resolution.candidates[0].id))
    if resolution.status == "ambiguous":
        return Lookup(choice=clarify.choice(intent=intent, slot=slot, entities=entities,
                                            options=resolution.options()))
    return Lookup(unknown=spoken)


def lookup_product(session: Session, index: names.NameIndex, spoken: str, *, intent: str, slot: str,
                   entities: dict[str, Any], allow_category: bool = False, typed: bool = False) -> Lookup:
    """Resolve a product; a category ("米") is either accepted or offered as a choice."""
    resolution = names.resolve_product(index, spoken, typed=typed)
    if resolution.status in {"exact", "match"}:
        return Lookup(record=session.get(Product, resolution.candidates[0].id))
    if resolution.status == "category" and allow_category:
        return Lookup(record=[session.get(Product, c.id) for c in resolution.candidates])
    if resolution.status in {"category", "ambiguous"}:
        if len(resolution.candidates) == 1:
            return Lookup(record=session.get(Product, resolution.candidates[0].id))
        options = [{"value": c.name, "label": c.name} for c in resolution.candidates]
        return Lookup(choice=clarify.choice(intent=intent, slot=slot, entities=entities, options=options))
    return Lookup(unknown=spoken)
