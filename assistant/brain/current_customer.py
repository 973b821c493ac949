"""The customer the conversation is about, for follow-ups that do not name her ("她电话多少", "他欠多少",
"给她记一袋米", "when did he last come in").

A turn about one customer (a profile, a fact about her, a sale or a tab read back, a list of one) makes
her the current customer; a turn that names someone else replaces her, and a name the shop cannot place,
or a list of several people, leaves nobody current (a "她" after it asks who). She travels in the
conversation's ``current_customer`` slot as ``{"id", "name"}``, so she outlives a restart like every slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.language.pronouns import refers_back
from assistant.language.questions import asked_fact, is_elliptical

SLOT = "current_customer"


@dataclass(frozen=True)
class CurrentCustomer:
    """One customer by id, with her name as the shop writes it (to name her in a sale being filled in)."""

    id: int
    name: str

    def to_slot(self) -> dict[str, Any]:
        """The slot's value."""
        return {"id": self.id, "name": self.name}

    @staticmethod
    def from_slot(value: Any) -> CurrentCustomer | None:
        """The current customer a slot holds, or None (empty, or something that is not one)."""
        if not isinstance(value, dict) or not isinstance(value.get("id"), int) or not value.get("name"):
            return None
        return CurrentCustomer(id=value["id"], name=str(value["name"]))


def meant_customer(text: str | None, current: Any, *, named: bool, unnamed_means_her: bool = False
                   ) -> CurrentCustomer | None:
    """The current customer when the message means her: it names nobody and says "她" / "he" (or, with
    ``unnamed_means_her``, names nobody at all: "上次什么时候来的" right after a question about her).
    None when a name is said (the name wins), nobody is current, or the message is not about her."""
    if named:
        return None
    who = CurrentCustomer.from_slot(current)
    if who is None:
        return None
    return who if unnamed_means_her or refers_back(text) else None


def asks_her_fact(text: str | None) -> bool:
    """Whether an elliptical question asks a fact of "她" ("她电话呢", "and his birthday?"): about the
    current customer, not "go on with the list"."""
    return is_elliptical(text) and asked_fact(text) is not None and refers_back(text)


def customers_listed(items: Iterable[Any]) -> list[CurrentCustomer]:
    """The distinct customers a list answer names, in order (items with ``customer_id`` and ``customer``;
    product lists name none)."""
    found: dict[int, CurrentCustomer] = {}
    for item in items:
        customer_id, name = getattr(item, "customer_id", None), getattr(item, "customer", None)
        if isinstance(customer_id, int) and name and customer_id not in found:
            found[customer_id] = CurrentCustomer(id=customer_id, name=str(name))
    return list(found.values())


def after_list(listed: Sequence[CurrentCustomer]) -> tuple[bool, CurrentCustomer | None]:
    """Whether a list answer changes the current customer, and to whom: a list of one customer makes her
    current ("今天谁过生日" → "他平时买啥"); a list of several leaves nobody current (which "她"?); a
    product list, or an empty one, changes nothing."""
    if not listed:
        return False, None
    return True, listed[0] if len(listed) == 1 else None
