"""What a message answers while a read-back waits for its yes, when the model would hear something else: a casual
go-ahead ("yes 安排", "发发发" to a greeting) is the yes; a correction owning up to a slip or said in Wu ("手滑了
改成七袋", "弗对弗对,是四斤") is the same correction in the plain words the model knows ("不对 改成七袋")."""

from __future__ import annotations

from typing import Any

from assistant.brain.proposals import Proposal
from assistant.language.go_ahead import says_go_ahead
from assistant.language.second_thoughts import put_plainly

# Read-backs of a message to send: "发" (send) said any way answers them.
_SENDING = frozenset({"greeting", "resend_greeting", "mark_greeting_sent", "credit_reminder"})


def answer_to_waiting(pending: dict[str, Any] | None, text: str) -> str | None:
    """The message to hand the model instead of ``text`` while the read-back ``pending`` waits: "/affirm" for a
    go-ahead, the correction put plainly; None when nothing waits or ``text`` needs no rewording."""
    if not pending or Proposal.from_slot(pending) is None or text.startswith("/"):
        return None
    if says_go_ahead(text, sending=pending.get("kind") in _SENDING):
        return "/affirm"
    return put_plainly(text)
