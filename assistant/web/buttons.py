"""Buttons under the assistant's last reply (Rasa's ``{"title", "payload"}`` format): 对 / 不对 / 取消 while
a read-back waits for her answer, the offered names while "which one?" waits. A tap sends the payload."""

from __future__ import annotations

from typing import Any

CONFIRM = {
    "zh": [("对", "/affirm"), ("不对", "/deny"), ("取消", "/deny")],
    "en": [("Yes", "/affirm"), ("No", "/deny"), ("Cancel", "/deny")],
}
# What the conversation history shows for a button's intent trigger.
SHOWN = {"/affirm": {"zh": "对", "en": "Yes"}, "/deny": {"zh": "不对", "en": "No"}}
NOT_A_CONFIRMATION = {"choose", "record_greeting"}


async def waiting_for(brain: Any, sender: str) -> dict[str, Any] | None:
    """What the conversation waits for (``Brain.pending``), or None (also for brains without it)."""
    pending = getattr(brain, "pending", None)
    return await pending(sender) if pending is not None else None


async def reply_extras(brain: Any, sender: str, language: str) -> dict[str, Any]:
    """``awaiting_confirmation`` and the ``buttons`` to show under the last reply (empty: none)."""
    pending = await waiting_for(brain, sender)
    if not pending:
        return {"awaiting_confirmation": False}
    if pending.get("kind") == "choose":
        options = pending.get("options") or []
        return {"awaiting_confirmation": False,
                "buttons": [{"title": o["label"], "payload": o["value"]} for o in options]}
    if pending.get("kind") in NOT_A_CONFIRMATION:
        return {"awaiting_confirmation": False}
    titles = CONFIRM["en" if language == "en" else "zh"]
    return {"awaiting_confirmation": True, "buttons": [{"title": t, "payload": p} for t, p in titles]}


def shown_text(text: str, language: str) -> str | None:
    """The owner's message as the history shows it: a button's trigger as its title; other triggers
    (a "which one?" answer the brain rewrote) are hidden."""
    if not text.startswith("/"):
        return text
    shown = SHOWN.get(text.split("{", 1)[0])
    return shown["en" if language == "en" else "zh"] if shown else None
