"""How long a form keeps asking: once the owner has answered it twice with something else, it lets go.

Seen trying the product: "买的什么?" was appended to every later reply (thanks, the weather, nonsense) until the
owner happened to name a product, and a delivery said meanwhile was taken for the sale's goods.
"""

from __future__ import annotations

from typing import Any

# The first reply that is no answer gets the question once more; the second drops the form.
REPLIES_BEFORE_LETTING_GO = 2


def replies_since_opened(events: list[dict[str, Any]], form: str) -> int:
    """How many messages the owner has said since ``form`` last opened (0 when it never did)."""
    replies = 0
    for event in reversed(events):
        if event.get("event") == "active_loop" and event.get("name") == form:
            return replies
        if event.get("event") == "user":
            replies += 1
    return 0


def lets_go(events: list[dict[str, Any]], form: str) -> bool:
    """Whether ``form``, about to ask again, should drop instead: it has been answered with something else
    often enough."""
    return replies_since_opened(events, form) >= REPLIES_BEFORE_LETTING_GO
