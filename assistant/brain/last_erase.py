"""Whether the conversation's latest write was a customer erased: "撤销" right after it must say an erase cannot be
undone, not that nothing was recorded (red team 15, A1). An erase leaves no ``last_write`` to undo; its trace is the
read-back that waited (``pending``) and the ``last_write`` cleared when the yes wrote it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ERASE_KIND = "erase_customer"


def erased_last(events: Iterable[dict[str, Any]]) -> str | None:
    """The name of the customer erased by the conversation's latest write, or None when its latest write (if any)
    was something else."""
    waiting: str | None = None
    erased: str | None = None
    for event in events:
        if event.get("event") == "restart":
            waiting = erased = None
        if event.get("event") != "slot":
            continue
        value = event.get("value")
        if event.get("name") == "pending" and isinstance(value, dict):
            data = value.get("data") or {}
            waiting = str(data.get("customer_name") or "") if value.get("kind") == ERASE_KIND else None
        elif event.get("name") == "last_write":
            if value is None and waiting is not None:
                erased, waiting = waiting, None
            elif isinstance(value, dict):
                erased = None
    return erased
