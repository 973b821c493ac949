"""Signed links: what a public page's URL carries, and the form tokens its forms post back.

A link's token is ``itsdangerous``'s URL-safe serializer: a tiny JSON payload ``[subject, expires]`` and
an HMAC-SHA256 of it keyed by the shop's own random ``link_secret`` (kept in the database, made for each
shop by the migration or when the shop is created; never a constant in the code). Each kind of link has
its own salt, so a share link's token opens nothing but a greeting, a personal link's nothing but that
person's data. A token that is malformed, tampered with, of another kind or another shop, or past its
time is ``NotFound``: the page answers exactly as for a path that does not exist.

The subject (a greeting's or a customer's id) is readable in the token, which is harmless: without the
shop's key nobody can sign another one, and ids are never reused (``db.models.AUTOINCREMENT``), so a
link to an erased customer can never open someone else.

A form on a public page carries a form token bound to its link and to the time the page was made: a post
needs it (besides the same-origin check every post passes, ``web.security``), which works on plain
http where a secure cookie could not be set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.db.models import Shop, new_link_secret
from assistant.errors import Invalid, NotFound

SHARE, PERSONAL, SIGNUP, FORM = "share", "personal", "signup", "form"
KINDS = (SHARE, PERSONAL, SIGNUP, FORM)
# A token longer than this was not made here (ours are ~60 characters).
MAX_TOKEN_LENGTH = 200
# A form must be posted within this long after its page was shown.
FORM_MINUTES = 120
_EPOCH = dt.datetime(1970, 1, 1)


def shop_secret(session: Session, *, shop_id: int) -> str:
    """The shop's link-signing key; a shop without one (made by hand) gets one, the first writer's wins."""
    secret = session.execute(select(Shop.link_secret).where(Shop.id == shop_id)).scalar_one_or_none()
    if secret:
        return secret
    session.execute(update(Shop).where(Shop.id == shop_id, Shop.link_secret.is_(None))
                    .values(link_secret=new_link_secret()))
    secret = session.execute(select(Shop.link_secret).where(Shop.id == shop_id)).scalar_one_or_none()
    if not secret:
        raise NotFound(f"no shop with id {shop_id}")
    return secret


def _serializer(secret: str, kind: str) -> URLSafeSerializer:
    if kind not in KINDS:
        raise ValueError(f"unknown link kind {kind!r}")
    return URLSafeSerializer(secret, salt=f"zhanggui.{kind}", signer_kwargs={"digest_method": hashlib.sha256})


def _minutes(moment: dt.datetime) -> int:
    """Whole minutes since 1970 of a local wall-clock time (the shop's clock; no time zones here)."""
    return int((moment - _EPOCH).total_seconds() // 60)


def make_token(session: Session, *, shop_id: int, kind: str, subject: int,
               expires: dt.datetime | None = None) -> str:
    """A signed token for ``subject`` (a greeting, a customer, the shop) that opens only ``kind``'s page,
    until ``expires`` (None: no end, for the counter's printed QR code)."""
    payload = [int(subject), _minutes(expires) if expires else 0]
    return _serializer(shop_secret(session, shop_id=shop_id), kind).dumps(payload)


def read_token(session: Session, *, shop_id: int, kind: str, token: str, now: dt.datetime) -> int:
    """The subject a valid, unexpired token of ``kind`` names; ``NotFound`` for anything else."""
    payload = _load(session, shop_id=shop_id, kind=kind, token=token)
    if not (isinstance(payload, list) and len(payload) == 2 and all(type(v) is int for v in payload)):
        raise NotFound("no such link")
    subject, expires = payload
    if subject < 1 or (expires and _minutes(now) >= expires):
        raise NotFound("no such link")
    return subject


def form_token(session: Session, *, shop_id: int, link: str, now: dt.datetime) -> str:
    """The token a public page's form posts back: bound to its link and the time the page was made."""
    return _serializer(shop_secret(session, shop_id=shop_id), FORM).dumps([_digest(link), _minutes(now)])


def check_form_token(session: Session, *, shop_id: int, link: str, token: str, now: dt.datetime) -> None:
    """Refuse a post whose form token is missing, forged, made for another link or too old (``Invalid``:
    the page is shown again with a fresh form)."""
    try:
        payload = _load(session, shop_id=shop_id, kind=FORM, token=token)
    except NotFound:
        payload = None
    fresh = (isinstance(payload, list) and len(payload) == 2 and payload[0] == _digest(link)
             and type(payload[1]) is int and 0 <= _minutes(now) - payload[1] <= FORM_MINUTES)
    if not fresh:
        raise Invalid("the form was open too long or did not come from this page: send it again",
                      field="form", zh="页面放得太久了,请再提交一次")


def _load(session: Session, *, shop_id: int, kind: str, token: str) -> Any:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise NotFound("no such link")
    try:
        return _serializer(shop_secret(session, shop_id=shop_id), kind).loads(token)
    except (BadSignature, ValueError, UnicodeError):
        raise NotFound("no such link") from None


def _digest(link: str) -> str:
    return hashlib.sha256(link.encode()).hexdigest()[:24]
