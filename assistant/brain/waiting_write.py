"""A write read back and still waiting for her "对" is never forgotten in silence.

When she asks something else instead of answering a read-back ("张姐还了五十" → "张丽 还了 50元…对吗?" →
"张姐现在欠多少"), the question is answered and the write keeps waiting: the answer says so, or she would
take "欠80元" to mean the payment is already in. When a new read-back replaces a waiting one (she went on
to a tab, or a "which one?" about someone else), the answer says the earlier one was not written; a read-back
of the same kind is the same write corrected ("不对,是两桶") and needs no word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from assistant.brain.proposals.base import Proposal
from assistant.brain.proposals.undo import UndoProposal
from assistant.brain.sale_to_tab import same_write

NameOf = Callable[[int, str], "str | None"]
"""How the shop says a customer (by id) in a language, None when she is not the shop's."""


def shop_names(session: Any, shop_id: int) -> NameOf:
    """How the customers of ``shop_id`` are named in a language, read with ``session``."""
    from assistant.db.models import Customer
    from assistant.language.wording import person_name

    def name_of(customer_id: int, language: str) -> str | None:
        customer = session.get(Customer, customer_id)
        if customer is None or customer.shop_id != shop_id:
            return None
        return person_name(customer.name, customer.aliases, language)

    return name_of

# Actions that answer the read-back itself (yes, no, stop) or cannot tell what was said.
_ANSWERS_THE_READ_BACK = frozenset({"action_affirm", "action_deny", "action_stop_sale", "action_fallback"})


def mention_waiting_write(call: dict[str, Any], result: dict[str, Any] | None,
                          name_of: NameOf | None = None) -> dict[str, Any] | None:
    """``result`` of the action ``call`` ran, with a word about the write that was waiting for her yes (its
    customer named as the reply's language says her, with ``name_of``)."""
    slots = (call.get("tracker") or {}).get("slots") or {}
    waiting = Proposal.from_slot(slots.get("pending"))
    texts = [r for r in (result or {}).get("responses") or [] if r.get("text")]
    if waiting is None or not texts or call.get("next_action") in _ANSWERS_THE_READ_BACK:
        return result
    english = slots.get("language") == "en"
    if name_of is not None:
        waiting = named_in(waiting, "en" if english else "zh", name_of)
    entry = waiting.entry("en" if english else "zh").rstrip("。. ")
    pending_set = [e for e in (result or {}).get("events") or []
                   if e.get("event") == "slot" and e.get("name") == "pending"]
    if not pending_set:
        texts[-1]["text"] += still_waiting(waiting, english)
        return result
    replaced_by = pending_set[-1].get("value") or {}
    if replaced_by.get("kind") in (None, waiting.kind) or same_write(waiting, replaced_by):
        # cleared by the action, or the same write corrected ("不对,是两桶" reads it back anew) or put on
        # her tab ("还是记账吧")
        return result
    texts[0]["text"] = _not_written(waiting, entry, english) + texts[0]["text"]
    return result


def still_waiting(waiting: Proposal, english: bool) -> str:
    """The word added to a reply that the write ``waiting`` still waits for her yes."""
    entry = waiting.entry("en" if english else "zh").rstrip("。. ")
    verb = "撤销" if waiting.kind == "undo" else "记上"
    return (f" (Still waiting for your yes: {entry}.)" if english
            else f"(还有一笔等您确认:{entry},说“对”就{verb})")


def small_talk_while_waiting(intent: str | None, slots: dict[str, Any]) -> str | None:
    """The word to add when "cheers" / "你好" was answered from the domain's own replies (no action ran, so
    ``mention_waiting_write`` saw nothing) while a write waits for her yes; None when nothing waits."""
    waiting = Proposal.from_slot(slots.get("pending"))
    if intent not in {"thank", "greet", "goodbye"} or waiting is None:
        return None
    return still_waiting(waiting, slots.get("language") == "en").strip()


def _not_written(waiting: Proposal, entry: str, english: bool) -> str:
    """The word that the waiting write was dropped; an undo dropped leaves its entry standing, which
    "刚才那笔没记:撤销刚才那笔…" said backwards (owner trial 2)."""
    target = waiting.target_proposal() if isinstance(waiting, UndoProposal) else None
    if target is not None:
        kept = target.entry("en" if english else "zh").rstrip("。. ")
        return f"(Not undone: {kept} stays recorded.) " if english else f"(没撤销,{kept}还记着。)"
    return f"(The earlier one was not written: {entry}.) " if english else f"(刚才那笔没记:{entry}。)"


def named_in(waiting: Proposal, language: str, name_of: NameOf) -> Proposal:
    """The waiting write with its customer named in ``language``: read back in English it keeps "Auntie
    Wang", which a Chinese reply must say 王秀英 (an undo's entry too)."""
    if isinstance(waiting, UndoProposal):
        target = waiting.target_proposal()
        return dataclasses.replace(waiting, target=named_in(target, language, name_of).to_slot()) if target else waiting
    customer_id = getattr(waiting, "customer_id", None)
    if waiting.language == language or not customer_id or not hasattr(waiting, "customer_name"):
        return waiting
    said = name_of(int(customer_id), language)
    return dataclasses.replace(waiting, customer_name=said, language=language) if said else waiting


def named_yes_to_waiting(context: Any, pending: dict[str, Any] | None, text: str) -> bool:
    """Whether ``text`` says yes to the waiting read-back by its customer's name ("好,李叔那笔记上吧" after a
    question asked meanwhile, while 李建国's tab waits); a name that is not the read-back's is no yes."""
    from assistant.language.answers import yes_naming
    from assistant.language.names import resolve_customer

    who = yes_naming(text)
    customer_id = getattr(Proposal.from_slot(pending), "customer_id", None)
    if not who or not customer_id:
        return False
    with context.session() as session:
        resolution = resolve_customer(context.name_index(session), who)
    return any(candidate.id == customer_id for candidate in resolution.candidates)
