"""A greeting's share link (CONTRACT §8): the page the customer opens from WeChat plays it, shows its text and
the shop's name, and lets her say "不想再收到" herself.

Every greeting in the queue and every tab reminder (queued like a greeting) has one while it is waiting or
sent; a cancelled greeting's link opens nothing. The link lasts ``SHARE_DAYS`` from when the greeting was
sent (or made, while it waits). Her "no more" is recorded through the consent service (purpose
``marketing``, source ``link``, at that time), so every later greeting and reminder honours it and the
owner cannot override it (``greetings.require_consent``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from assistant.db.models import Customer, Greeting, Shop
from assistant.errors import NotFound
from assistant.shop.consent import latest_decision, record_consent
from assistant.shop.greetings import greeting_audio_path
from assistant.shop.public.links import SHARE, make_token, read_token
from assistant.speech.tts import detect_language

SHARE_DAYS = 30
SHARE_PREFIX = "/g/"


@dataclass(frozen=True)
class SharedGreeting:
    """What the share page shows: her greeting, the shop's name, and whether she already said no."""

    greeting_id: int
    shop_name: str
    text: str
    language: str
    has_audio: bool
    opted_out: bool


def share_path(session: Session, *, greeting: Greeting) -> str | None:
    """The greeting's share link (a path on this server), or None for a cancelled greeting."""
    if greeting.status == "cancelled":
        return None
    expires = (greeting.sent_at or greeting.created_at) + dt.timedelta(days=SHARE_DAYS)
    token = make_token(session, shop_id=greeting.shop_id, kind=SHARE, subject=greeting.id, expires=expires)
    return f"{SHARE_PREFIX}{token}"


def _greeting(session: Session, *, shop_id: int, token: str, now: dt.datetime) -> Greeting:
    greeting_id = read_token(session, shop_id=shop_id, kind=SHARE, token=token, now=now)
    greeting = session.get(Greeting, greeting_id)
    if greeting is None or greeting.shop_id != shop_id or greeting.status == "cancelled":
        raise NotFound("no such link")
    return greeting


def open_share(session: Session, *, shop_id: int, token: str, now: dt.datetime) -> SharedGreeting:
    """The greeting a share token opens, or ``NotFound`` (tampered, expired, cancelled, erased)."""
    greeting = _greeting(session, shop_id=shop_id, token=token, now=now)
    latest = latest_decision(session, customer_id=greeting.customer_id, purpose="marketing")
    customer = session.get(Customer, greeting.customer_id)
    return SharedGreeting(
        greeting_id=greeting.id,
        shop_name=session.get(Shop, shop_id).name,
        text=greeting.text,
        language="en" if greeting.text and detect_language(greeting.text) == "en" else "zh",
        has_audio=bool(greeting.audio_path),
        opted_out=latest is not None and not customer.marketing_consent,  # asked, and takes no messages now
    )


def shared_audio(session: Session, *, shop_id: int, token: str, now: dt.datetime, data_dir: Path) -> Path:
    """The audio file of the greeting a share token opens (``NotFound`` as for the page, or no audio)."""
    return greeting_audio_path(_greeting(session, shop_id=shop_id, token=token, now=now), data_dir=data_dir)


def opt_out(session: Session, *, shop_id: int, token: str, now: dt.datetime) -> SharedGreeting:
    """Record that the customer herself wants no more messages (source ``link``, at ``now``); saying it
    again records nothing more."""
    greeting = _greeting(session, shop_id=shop_id, token=token, now=now)
    customer = session.get(Customer, greeting.customer_id)
    latest = latest_decision(session, customer_id=customer.id, purpose="marketing")
    if latest is None or latest.granted or latest.source != "link":
        record_consent(session, customer=customer, purpose="marketing", granted=False, source="link",
                       note=f"不想再收到 (greeting {greeting.id})", at=now)
        customer.marketing_consent = False  # she said it just now, whatever clock dated earlier records
    return open_share(session, shop_id=shop_id, token=token, now=now)
