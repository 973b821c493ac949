"""The audit log: every change the assistant makes is recorded, append-only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import AuditEntry


def record(
    session: Session,
    *,
    shop_id: int,
    channel: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    detail: dict[str, Any] | None = None,
    actor: str = "owner",
) -> AuditEntry:
    """Append one entry (``action`` on ``entity``) to the audit log."""
    entry = AuditEntry(
        shop_id=shop_id,
        at=clock.now(),
        actor=actor,
        channel=channel,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail or {},
    )
    session.add(entry)
    return entry
