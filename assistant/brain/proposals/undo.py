"""Taking back the last entry of a conversation, read back like any other write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.errors import Invalid


@register
@dataclass
class UndoProposal(Proposal):
    """"撤销刚才那笔(王秀英 买 东北大米 2袋,共 120 元)?" — ``target`` is the committed proposal's slot."""

    kind = "undo"

    target: dict[str, Any] = field(default_factory=dict)
    earlier: bool = False  # the entry before the last one, which is already undone ("撤销" said again)

    @property
    def changes_names(self) -> bool:  # type: ignore[override]
        """Undoing a new customer removes a name."""
        target = self.target_proposal()
        return bool(target and target.changes_names)

    def target_proposal(self) -> Proposal | None:
        """The committed proposal this takes back."""
        return Proposal.from_slot(self.target)

    def statement(self, language: str) -> str:
        """Taking back the entry, named as it was read back."""
        target = self.target_proposal()
        said = target.entry(language).rstrip("。.") if target else ""
        if self.earlier:
            return f"Undo the entry before it too ({said})" if language == "en" else f"把再往前那笔也撤销({said})"
        return f"Undo the last entry ({said})" if language == "en" else f"撤销刚才那笔({said})"

    def describe(self, language: str | None = None) -> str:
        """The entry to take back, as it was read back, as a question."""
        return self.statement(language or self.language) + "?"

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take the target back."""
        target = self.target_proposal()
        if target is None or target.written is None:
            raise Invalid("there is nothing recorded to take back")
        target.undo(context, session, channel=channel, conversation_id=conversation_id)
        self.written = {"undone": target.id}



@dataclass(frozen=True)
class WritesSoFar:
    """What this conversation wrote, from its events: the entries still standing (oldest first, as their
    ``last_write`` slots) and how many were undone."""

    standing: list[dict[str, Any]]
    undone: int


def writes_so_far(events: Iterable[dict[str, Any]]) -> WritesSoFar:
    """The entries the conversation's events show written and not undone: a ``last_write`` slot set to an
    entry records it; set to None right after a yes to an undo (the only time it is cleared) takes back the
    entry that undo named. A restart forgets them all."""
    standing: dict[str, dict[str, Any]] = {}
    undone, target = 0, None
    for event in events:
        if event.get("event") == "restart":
            standing, undone, target = {}, 0, None
        if event.get("event") != "slot":
            continue
        value = event.get("value")
        if event.get("name") == "pending" and isinstance(value, dict) and value.get("kind") == UndoProposal.kind:
            target = ((value.get("data") or {}).get("target") or {}).get("id")
        elif event.get("name") == "last_write" and isinstance(value, dict) and value.get("written") is not None:
            standing.pop(value.get("id"), None)
            standing[value.get("id")] = value
        elif event.get("name") == "last_write" and value is None and target in standing:
            del standing[target]
            undone, target = undone + 1, None
    return WritesSoFar(standing=list(standing.values()), undone=undone)
