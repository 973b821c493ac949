"""Consent: every decision is a new record (purpose, granted or withdrawn, when, how)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import CONSENT_PURPOSES, Consent, Customer
from assistant.errors import Invalid
from assistant.shop import audit

# Decisions the customer made herself, on a public page: a withdrawal through her own link is hers to
# take back, not the owner's to override (``withdrawn_by_customer``).
CUSTOMER_SOURCES = frozenset({"link", "signup"})


def record_consent(
    session: Session,
    *,
    customer: Customer,
    purpose: str,
    granted: bool,
    source: str,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> Consent:
    """Record that ``customer`` granted or withdrew consent for ``purpose`` through ``source``, ``at`` the time
    she decided (default now: a sign-up confirmed later keeps the time she ticked the box)."""
    if purpose not in CONSENT_PURPOSES:
        raise Invalid(f"unknown consent purpose {purpose!r}; use one of {', '.join(CONSENT_PURPOSES)}")
    consent = Consent(
        shop_id=customer.shop_id,
        customer_id=customer.id,
        purpose=purpose,
        granted=granted,
        recorded_at=at or clock.now_for(session),
        source=source,
        note=note,
    )
    session.add(consent)
    if purpose == "marketing":
        customer.marketing_consent = granted
        if at is not None:
            # Recorded late (a sign-up confirmed days after she ticked the box): it does not outrank a
            # decision she made since; her current state is her latest decision.
            session.flush()
            customer.marketing_consent = latest_decision(session, customer_id=customer.id, purpose=purpose).granted
    audit.record(
        session,
        shop_id=customer.shop_id,
        channel=source,
        actor="customer" if source in CUSTOMER_SOURCES else "owner",
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


def latest_decision(session: Session, *, customer_id: int, purpose: str) -> Consent | None:
    """The customer's most recent decision for ``purpose``, or None when she was never asked."""
    return session.execute(
        select(Consent)
        .where(Consent.customer_id == customer_id, Consent.purpose == purpose)
        .order_by(Consent.recorded_at.desc(), Consent.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def withdrawn_by_customer(session: Session, *, customer_id: int, purpose: str = "marketing") -> bool:
    """Whether her latest decision for ``purpose`` is a withdrawal she made herself (through her link)."""
    latest = latest_decision(session, customer_id=customer_id, purpose=purpose)
    return latest is not None and not latest.granted and latest.source in CUSTOMER_SOURCES


def consent_status(session: Session, *, customer: Customer, name: str, language: str,
                   purpose: str = "marketing") -> str:
    """Whether ``customer`` takes the shop's messages, from her latest decision and since when, as the owner
    asking "老秦同意收消息吗" is told (an answer, never a change to write)."""
    latest = latest_decision(session, customer_id=customer.id, purpose=purpose)
    if latest is None:
        return (f"{name}没有同意接收店里的消息(没有记过同意),所以不发。" if language != "en"
                else f"{name} has not agreed to messages from the shop (no consent on record), so none are sent.")
    day = latest.recorded_at.date()
    zh_day, en_day = f"{day.month}月{day.day}日", f"{day:%B} {day.day}"
    if latest.granted:
        return (f"{name}收店里的消息({zh_day}同意的)。" if language != "en"
                else f"Yes, {name} takes messages from the shop (agreed on {en_day}).")
    return (f"{name}不收店里的消息了({zh_day}说不要的),所以不发。" if language != "en"
            else f"No, {name} takes no messages from the shop (said no on {en_day}).")
