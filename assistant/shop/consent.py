"""Consent: every decision is a new record (purpose, granted or withdrawn, when, how)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import CONSENT_PURPOSES, Consent, Customer
from assistant.errors import Invalid
from assistant.shop import audit


def record_consent(
    session: Session,
    *,
    customer: Customer,
    purpose: str,
    granted: bool,
    source: str,
    note: str | None = None,
) -> Consent:
    """Record that ``customer`` granted or withdrew consent for ``purpose`` through ``source``."""
    if purpose not in CONSENT_PURPOSES:
        raise Invalid(f"unknown consent purpose {purpose!r}; use one of {', '.join(CONSENT_PURPOSES)}")
    consent = Consent(
        shop_id=customer.shop_id,
        customer_id=customer.id,
        purpose=purpose,
        granted=granted,
        recorded_at=clock.now(),
        source=source,
        note=note,
    )
    session.add(consent)
    if purpose == "marketing":
        customer.marketing_consent = granted
    audit.record(
        session,
        shop_id=customer.shop_id,
        channel=source,
        action="consent_granted" if granted else "consent_withdrawn",
        entity="customer",
        entity_id=customer.id,
        detail={"purpose": purpose, "note": note},
    )
    session.flush()
    return consent


def consent_history(session: Session, *, customer_id: int) -> list[Consent]:
    """Every consent decision of a customer, oldest first."""
    return list(
        session.execute(
            select(Consent).where(Consent.customer_id == customer_id).order_by(Consent.recorded_at, Consent.id)
        ).scalars()
    )


def has_consent(session: Session, *, customer_id: int, purpose: str) -> bool:
    """Whether the customer's latest decision for ``purpose`` is a grant (no record means no)."""
    latest = session.execute(
        select(Consent.granted)
        .where(Consent.customer_id == customer_id, Consent.purpose == purpose)
        .order_by(Consent.recorded_at.desc(), Consent.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return bool(latest)
