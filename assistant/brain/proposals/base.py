"""A write the owner has to confirm: proposed by an action, read back, carried out only on "yes".

Each kind of write is one small class (``Proposal`` subclass, registered by its ``kind``) that knows how
to say itself (``describe``), do itself (``commit``) and take itself back (``undo``). In the conversation
it travels as a plain dict (``to_slot`` / ``from_slot``): the ``pending`` slot holds the one waiting for
"yes", the ``last_write`` slot the one committed last, with what it ``wrote``. Every proposal has a unique
``id``, so a "yes" can say exactly which read-back it answers.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, ClassVar

from assistant.errors import Invalid, message_in
from assistant.shop.bounds import check_size

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from assistant.context import ShopContext

KINDS: dict[str, type[Proposal]] = {}
"""Every kind of proposal by its tag (filled by ``register``; read-only after import)."""


def register(cls: type[Proposal]) -> type[Proposal]:
    """Class decorator: make ``cls`` known under its ``kind`` tag."""
    KINDS[cls.kind] = cls
    return cls


@dataclass
class Proposal:
    """One write waiting for the owner's yes; subclasses add the fields their write needs."""

    kind: ClassVar[str] = ""
    # Writes that change the names the assistant knows (a customer added) make the name index rebuild.
    changes_names: ClassVar[bool] = False

    language: str = "zh"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    written: dict[str, Any] | None = None  # what ``commit`` wrote: the ids ``undo`` takes back

    # -- what the owner hears ------------------------------------------------------------------------

    def describe(self, language: str | None = None) -> str:
        """The read-back, ending with the question ("对吗?" / "Right?")."""
        return self.statement(language or self.language) + _right(language or self.language)

    def statement(self, language: str) -> str:
        """What will be written, as one sentence (no question)."""
        raise NotImplementedError

    def entry(self, language: str) -> str:
        """The entry itself, as "撤销" names it (a read-back's warnings and asides left out)."""
        return self.statement(language)

    def figures(self) -> list[tuple[str, Any]]:
        """The numbers this write carries, each with what it is (``quantity``, ``amount``, ``stock``, ...)."""
        return []

    def sole_product(self) -> str | None:
        """The one product this write is about ("现在还有几桶?" while it waits asks that product's stock), or None."""
        return None

    def refusal(self, language: str | None = None) -> str | None:
        """Why this write could never be kept, said instead of the read-back: a number past what one entry
        may carry (``shop.bounds``: "一万亿袋" misheard or mistyped), with what to do; None when it can be."""
        for what, value in self.figures():
            try:
                check_size(Decimal(str(value)), what)
            except InvalidOperation:
                continue  # not a number at all: the write itself refuses it
            except Invalid as error:
                reason = message_in(error, language or self.language).rstrip("。.")
                return f"Not recorded: {reason}." if (language or self.language) == "en" else f"没记:{reason}。"
        return None

    # -- what happens on yes, and on undo --------------------------------------------------------------

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Write it (in ``session``'s transaction) and keep what was written in ``self.written``."""
        raise NotImplementedError

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Take the committed write back by appending a correcting record (history is never edited)."""
        raise Invalid(f"cannot take back a {self.kind}")

    def drop(self, context: ShopContext, session: Session, *, channel: str) -> None:
        """The owner said no. Most proposals wrote nothing, so there is nothing to do."""

    # -- in the conversation ---------------------------------------------------------------------------

    def to_slot(self) -> dict[str, Any]:
        """The proposal as the conversation keeps it: ``{"kind", "id", "summary", "data", "written"}``."""
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in {"id", "written"}}
        return {"kind": self.kind, "id": self.id, "summary": self.describe(), "data": data, "written": self.written}

    @staticmethod
    def from_slot(value: dict[str, Any] | None) -> Proposal | None:
        """The proposal a slot holds, or None when it holds something else (a "which one?" choice)."""
        if not value or value.get("kind") not in KINDS:
            return None
        cls = KINDS[value["kind"]]
        names = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in (value.get("data") or {}).items() if k in names}
        return cls(**data, id=value.get("id") or uuid.uuid4().hex, written=value.get("written"))


def is_proposal(value: dict[str, Any] | None) -> bool:
    """Whether a slot value is a proposal (not a choice or a recording being waited for)."""
    return bool(value) and value.get("kind") in KINDS


def _right(language: str) -> str:
    return " Right?" if language == "en" else "对吗?"
