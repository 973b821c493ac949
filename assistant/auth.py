"""The owner's account: password (bcrypt), API token and log-in sessions (both stored as SHA-256 digests).

No default password: a fresh database gets an owner with a generated password and token, shown once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import bcrypt
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.db.models import LoginSession, Owner
from assistant.errors import Invalid
from assistant.shop.shops import default_shop_id

DEFAULT_USERNAME = "owner"
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_BYTES = 72  # bcrypt's limit; bcrypt 5 raises past it rather than cutting silently
# A bcrypt hash (cost 12, like ``gensalt()``'s) of a random string nobody knows: checking an unknown
# username's password against it costs what a real check costs, so the answer's timing gives nothing away.
_DUMMY_HASH = b"$2b$12$Mu8yfp.VzD9YQppevhvF1eLpY6dpjbnLxqwJFHKMSN.pq5jTuF26e"


@dataclass(frozen=True)
class NewCredentials:
    """Credentials just created: shown to the owner once, never stored in clear."""

    username: str
    password: str | None
    token: str | None


def hash_password(password: str) -> str:
    """A bcrypt hash of ``password``."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def _token_digest(token: str) -> str:
    # Tokens are 256 random bits, so a fast digest is enough (unlike passwords).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_owner(session: Session) -> Owner | None:
    """The installation's owner account, if one exists."""
    return session.execute(select(Owner).order_by(Owner.id).limit(1)).scalar_one_or_none()


def ensure_owner(session: Session, *, shop_id: int | None = None) -> NewCredentials | None:
    """Create the shop's owner (default: the installation's first shop) with a generated password and
    token; None if the shop has one. Owners of other shops of the same database get their shop's id in
    their user name."""
    first = default_shop_id(session)
    shop_id = shop_id or first
    if session.execute(select(Owner).where(Owner.shop_id == shop_id)).first() is not None:
        return None
    username = DEFAULT_USERNAME if shop_id == first else f"{DEFAULT_USERNAME}{shop_id}"
    password = secrets.token_urlsafe(12)
    token = secrets.token_urlsafe(32)
    session.add(Owner(shop_id=shop_id, username=username,
                      password_hash=hash_password(password), token_hash=_token_digest(token),
                      session_secret=secrets.token_urlsafe(32)))
    session.flush()
    return NewCredentials(username=username, password=password, token=token)


def set_password(session: Session, owner: Owner, password: str) -> None:
    """Change the owner's password (which ends every open log-in session)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise Invalid(f"a password may have at most {MAX_PASSWORD_BYTES} bytes (24 Chinese characters)",
                      field="password")
    owner.password_hash = hash_password(password)
    owner.password_changed_at = dt.datetime.utcnow()
    end_all_sessions(session, owner)


def new_token(session: Session, owner: Owner) -> str:
    """Replace the owner's API token with a fresh one and return it: the old token and every log-in
    session stop working (a session may have been opened with the old token's link)."""
    token = secrets.token_urlsafe(32)
    owner.token_hash = _token_digest(token)
    end_all_sessions(session, owner)
    return token


def check_password(session: Session, username: str, password: str) -> Owner | None:
    """The owner if ``username`` and ``password`` are right, else None."""
    owner = session.execute(select(Owner).where(Owner.username == username)).scalar_one_or_none()
    secret = password.encode("utf-8")
    if owner is None or len(secret) > MAX_PASSWORD_BYTES:
        # bcrypt refuses longer secrets, and set_password never stores one: such a password is wrong.
        bcrypt.checkpw(secret[:MAX_PASSWORD_BYTES], _DUMMY_HASH)
        return None
    return owner if bcrypt.checkpw(secret, owner.password_hash.encode("ascii")) else None


def check_token(session: Session, token: str) -> Owner | None:
    """The owner whose API token this is, else None."""
    digest = _token_digest(token)
    owner = session.execute(select(Owner).where(Owner.token_hash == digest)).scalar_one_or_none()
    return owner if owner is not None and hmac.compare_digest(owner.token_hash, digest) else None


def start_session(session: Session, owner: Owner, *, hours: int) -> str:
    """Open a log-in session for ``owner`` and return the cookie value (a fresh random id every log-in)."""
    now = dt.datetime.utcnow()
    # Expired sessions are of no use to anyone: clear them whenever a new one starts.
    session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
    cookie = secrets.token_urlsafe(32)
    session.add(LoginSession(owner_id=owner.id, id_hash=_token_digest(cookie), created_at=now,
                             expires_at=now + dt.timedelta(hours=hours)))
    session.flush()
    return cookie


def session_owner(session: Session, cookie: str) -> Owner | None:
    """The owner of a live log-in session cookie, else None (unknown, ended or expired)."""
    found = session.execute(select(LoginSession).where(LoginSession.id_hash == _token_digest(cookie))
                            ).scalar_one_or_none()
    if found is None or found.expires_at <= dt.datetime.utcnow():
        return None
    return session.get(Owner, found.owner_id)


def end_session(session: Session, cookie: str) -> None:
    """Log out: the cookie's session stops working on the server, wherever the cookie was copied."""
    session.execute(delete(LoginSession).where(LoginSession.id_hash == _token_digest(cookie)))
    session.flush()


def end_all_sessions(session: Session, owner: Owner) -> None:
    """End every open log-in session of ``owner`` (a new password or token)."""
    session.execute(delete(LoginSession).where(LoginSession.owner_id == owner.id))
    session.flush()
