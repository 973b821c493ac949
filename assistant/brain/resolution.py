"""Names heard in conversation → records in the database, or the question to ask back.

The matching itself (exact, alias, pinyin homophones, fuzzy English) is ``assistant.language.names``;
this module turns its answer into what a conversation needs: the record, a "which one?" choice to
keep in the ``pending`` slot, or the fact that nobody of that name exists. The warm name index it
matches against belongs to the shop context (``ShopContext.name_index``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain import clarify
from assistant.db.models import Customer, Product
from assistant.language import names


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
