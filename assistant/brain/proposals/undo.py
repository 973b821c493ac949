"""Taking back the last entry of a conversation, read back like any other write."""

from __future__ import annotations

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
