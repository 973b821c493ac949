"""How long a form keeps asking: once the owner has answered it twice with something else, it lets go.

Seen trying the product: "买的什么?" was appended to every later reply (thanks, the weather, nonsense) until the
owner happened to name a product, and a delivery said meanwhile was taken for the sale's goods.

A question she asks meanwhile ("东北大米还有多少", "今天卖了多少") is answered while the form waits, so it is no
reply that failed to answer the form (leftovers12: the second question in a row dropped the sale); nor is a
reply that told the form something (the customer it asked about along with the goods).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from assistant.language.goods_asked import asks_about_goods

# The first reply that is no answer gets the question once more; the second drops the form.
REPLIES_BEFORE_LETTING_GO = 2


def asked_something(event: dict[str, Any]) -> bool:
    """Whether the owner's message ``event`` (a tracker's user event) asked a question rather than told."""
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
    return intent.startswith("ask_") or asks_about_goods(event.get("text"))


def replies_since_opened(events: list[dict[str, Any]], form: str, *, slots: Collection[str] = ()) -> int:
    """How many messages the owner has said since ``form`` last opened that neither asked a question nor
    set one of ``slots`` (the form's own); 0 when it never opened."""
    replies, told, seen = 0, False, set()
    for event in reversed(events):
        kind = event.get("event")
        if kind == "active_loop" and event.get("name") == form:
            return replies
        if kind == "slot" and event.get("name") in slots and event.get("name") not in seen:
            # walking back: this belongs to the message before it, and only a slot's last value for it counts
            # ("qwerty uiop" taken whole as the goods, then refused, told the form nothing: red team 16 A1)
            seen.add(event.get("name"))
            told = told or event.get("value") is not None
        elif kind == "user":
            replies += not told and not asked_something(event)
            told, seen = False, set()
    return 0


def lets_go(events: list[dict[str, Any]], form: str, *, slots: Collection[str] = ()) -> bool:
    """Whether ``form``, about to ask again, should drop instead: it has been answered with something else
    (no question, nothing it asked for) often enough."""
    return replies_since_opened(events, form, slots=slots) >= REPLIES_BEFORE_LETTING_GO
