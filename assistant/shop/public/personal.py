"""A customer's personal data link: the owner makes it on the customer's page and hands it over; it shows
what the shop holds about her (PIPL art. 45), gives it as a JSON download, and lets her ask to be erased
(art. 47), which the owner confirms with the ordinary erase.

What she sees is her copy from ``shop.export.export_customer`` with what would name someone else taken
out (who introduced her) and the shop's internals (file paths, audit details) left out. Her standing
(邻里信用) is not in it: that is the owner's own judgement, for the owner's eyes only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, ErasureRequest
from assistant.errors import NotFound
from assistant.shop import audit
from assistant.shop.export import erase_customer, export_customer
from assistant.shop.public.links import PERSONAL, make_token, read_token

PERSONAL_DAYS = 7
PERSONAL_PREFIX = "/me/"


def personal_path(session: Session, *, shop_id: int, customer: Customer, now: dt.datetime, channel: str) -> str:
    """A new personal link for her (a path on this server), valid ``PERSONAL_DAYS``; audited."""
    if customer.shop_id != shop_id:
        raise NotFound("no such customer in this shop")
    token = make_token(session, shop_id=shop_id, kind=PERSONAL, subject=customer.id,
                       expires=now + dt.timedelta(days=PERSONAL_DAYS))
    audit.record(session, shop_id=shop_id, channel=channel, action="personal_link_made", entity="customer",
                 entity_id=customer.id, detail={"days": PERSONAL_DAYS})
    return f"{PERSONAL_PREFIX}{token}"


def open_personal(session: Session, *, shop_id: int, token: str, now: dt.datetime) -> Customer:
    """The customer a personal token names; ``NotFound`` when it is tampered, expired or she was erased."""
    customer = session.get(Customer, read_token(session, shop_id=shop_id, kind=PERSONAL, token=token, now=now))
    if customer is None or customer.shop_id != shop_id:
        raise NotFound("no such link")
    return customer


def personal_data(session: Session, *, customer: Customer, now: dt.datetime) -> dict[str, Any]:
    """Her copy of everything held about her, naming nobody else."""
    data = export_customer(session, customer, now=now)
    data["profile"].pop("referred_by", None)
    for greeting in data["greetings"]:
        greeting.pop("audio_file", None)
    data["history"] = [{"at": e["at"], "action": e["action"], "channel": e["channel"]} for e in data["history"]]
    request = erasure_request(session, customer_id=customer.id)
    data["erasure_requested_at"] = request.requested_at.isoformat(timespec="seconds") if request else None
    return data


def erasure_request(session: Session, *, customer_id: int) -> ErasureRequest | None:
    """Her waiting request to be erased, if she made one."""
    return session.execute(select(ErasureRequest).where(ErasureRequest.customer_id == customer_id)).scalar_one_or_none()


def request_erasure(session: Session, *, shop_id: int, customer: Customer, now: dt.datetime) -> ErasureRequest:
    """Record that she asked to be erased (asking again keeps the first request)."""
    request = erasure_request(session, customer_id=customer.id)
    if request is None:
        request = ErasureRequest(shop_id=shop_id, customer_id=customer.id, requested_at=now)
        session.add(request)
        session.flush()
        audit.record(session, shop_id=shop_id, channel="link", action="erasure_requested", entity="customer",
                     entity_id=customer.id, actor="customer")
    return request


def erasure_requests(session: Session, *, shop_id: int) -> list[tuple[ErasureRequest, Customer]]:
    """The shop's waiting erasure requests with whom they name, oldest first (for the owner)."""
    return [tuple(row) for row in session.execute(
        select(ErasureRequest, Customer).join(Customer, Customer.id == ErasureRequest.customer_id)
        .where(ErasureRequest.shop_id == shop_id).order_by(ErasureRequest.requested_at, ErasureRequest.id)).all()]


def _request(session: Session, shop_id: int, customer_id: int) -> ErasureRequest:
    request = erasure_request(session, customer_id=customer_id)
    if request is None or request.shop_id != shop_id:
        raise NotFound(f"customer {customer_id} has not asked to be erased")
    return request


def confirm_erasure(session: Session, *, shop_id: int, customer_id: int, channel: str,
                    data_dir: Path) -> dict[str, int]:
    """The owner confirms her request: the ordinary erase (her personal data goes, the books stay)."""
    session.expunge(_request(session, shop_id, customer_id))  # it goes with her row (ON DELETE CASCADE)
    customer = session.get(Customer, customer_id)
    return erase_customer(session, customer=customer, channel=channel, data_dir=data_dir)


def decline_erasure(session: Session, *, shop_id: int, customer_id: int, channel: str) -> None:
    """The owner declines (she changed her mind at the counter): the request goes, her data stays."""
    request = _request(session, shop_id, customer_id)
    audit.record(session, shop_id=shop_id, channel=channel, action="erasure_declined", entity="customer",
                 entity_id=customer_id)
    session.delete(request)
    session.flush()
