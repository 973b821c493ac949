"""Names heard in conversation → records in the database, or the question to ask back.

The matching itself (exact, alias, pinyin homophones, fuzzy English) is ``assistant.language.names``;
this module turns its answer into what a conversation needs: the record, a "which one?" choice to
keep in the ``pending`` slot, or the fact that nobody of that name exists. The warm name index it
matches against belongs to the shop context (``ShopContext.name_index``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.brain import clarify
from assistant.db.models import Customer, Product
from assistant.language import names
from assistant.language.names.guesses import is_kinship_guess, typed_surname_differs
from assistant.shop.customers import heard_name
from assistant.shop.english import in_english


@dataclass
class Lookup:
    """The outcome of looking up a name: one record, a choice to offer, or unknown."""

    record: Any = None
    choice: dict[str, Any] | None = None
    unknown: str | None = None
    others: list[Any] = field(default_factory=list)  # who else the name could have meant (for the read-back)
    candidate_ids: list[int] = field(default_factory=list)  # the records a choice offers, in its order
    guessed: bool = False  # "张大爷", nobody's name, taken for the one 张 called 小张: say it was a guess

    def question(self, language: str) -> str:
        """The "which one?" question for a choice."""
        assert self.choice is not None
        return clarify.question(self.choice["options"], language)


def lookup_customer(session: Session, index: names.NameIndex, spoken: str, *, intent: str, slot: str,
                    entities: dict[str, Any], typed: bool = False, read_back: bool = False) -> Lookup:
    """Resolve a customer name; several matches become a choice that re-runs ``intent``.

    ``typed``: the name was typed, so an exact spelling wins over a homophone (speech cannot tell 王/汪).
    ``read_back``: the name is for a write that is read back before anything is written, so a spoken
    name whose characters are exactly one customer's is taken, and the read-back names the others
    (she hears "王秀英" and can say "是汪阿姨"); a question, answered without a read-back, still asks.
    """
    resolution = names.resolve_customer(index, spoken, typed=typed)
    if typed:  # typed 老钱 means no 阿强: a person match through another surname is dropped
        resolution = _same_surname(resolution, spoken)
    if resolution.status in {"exact", "match"}:
        best = resolution.candidates[0]
        return Lookup(record=session.get(Customer, best.id), guessed=is_kinship_guess(spoken, best.how, best.score))
    if resolution.status == "ambiguous" and read_back and not typed:
        written = names.resolve_customer(index, spoken, typed=True)
        if written.status == "exact":
            chosen = written.candidates[0]
            return Lookup(record=session.get(Customer, chosen.id),
                          others=[session.get(Customer, c.id) for c in resolution.candidates if c.id != chosen.id])
    if resolution.status == "ambiguous":
        return Lookup(choice=clarify.choice(intent=intent, slot=slot, entities=entities,
                                            options=_with_aliases(session, Customer,
                                                                  _in_english(session, Customer, resolution),
                                                                  resolution.candidates)),
                      candidate_ids=[c.id for c in resolution.candidates])
    return Lookup(unknown=heard_name(spoken))  # "mrs peabody" as the NLU lowercased it: "Mrs Peabody"


def _same_surname(resolution: names.Resolution, spoken: str) -> names.Resolution:
    """The resolution without person or near-spelling matches whose surname the typed ``spoken`` does not say."""
    kept = tuple(c for c in resolution.candidates
                 if c.how not in ("person", "fuzzy") or not typed_surname_differs(spoken, c.matched))
    if len(kept) == len(resolution.candidates):
        return resolution
    status = "unknown" if not kept else "match" if len(kept) == 1 else resolution.status
    return replace(resolution, status=status, candidates=kept)


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
        options = _in_english(session, Product, resolution, label_is_name=True)
        return Lookup(choice=clarify.choice(intent=intent, slot=slot, entities=entities,
                                            options=_with_aliases(session, Product, options, resolution.candidates)))
    return Lookup(unknown=spoken)


def _with_aliases(session: Session, model: Any, options: list[dict[str, Any]],
                  candidates: list[names.Candidate]) -> list[dict[str, Any]]:
    """The options with each record's aliases (so "Auntie Wang" or "northeast rice" picks one)."""
    for option, candidate in zip(options, candidates, strict=True):
        aliases = list(getattr(session.get(model, candidate.id), "aliases", None) or [])
        if aliases:
            option["aliases"] = aliases
    return options


def _in_english(session: Session, model: type[Customer] | type[Product], resolution: names.Resolution, *,
                label_is_name: bool = False) -> list[dict[str, Any]]:
    """The candidates as options, each with its English label (Auntie Wang (Building 3, Unit 2), northeast rice)."""
    options = [{"value": c.name, "label": c.name if label_is_name else c.label} for c in resolution.candidates]
    shop_id = session.execute(select(model.shop_id).where(model.id == resolution.candidates[0].id)).scalar()
    if shop_id is None:
        return options
    return [{**o, "label_en": in_english(o["label"], session=session, shop_id=shop_id, sentence=False)} for o in options]
