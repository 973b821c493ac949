"""The audit log: every change the assistant makes is recorded, append-only."""

from __future__ import annotations

import datetime as dt
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
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry (``action`` on ``entity``) to the audit log, ``at`` a time (default: now)."""
    entry = AuditEntry(
        shop_id=shop_id,
        at=at or clock.now_for(session),
        actor=actor,
        channel=channel,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail or {},
    )
    session.add(entry)
    return entry
