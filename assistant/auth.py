"""The owner's account: password (bcrypt), API token (stored as a SHA-256 digest), signed sessions.

No default password: a fresh database gets an owner with a generated password and token, shown once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import bcrypt
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Owner
from assistant.errors import Invalid
from assistant.shop.shops import default_shop_id

DEFAULT_USERNAME = "owner"
MIN_PASSWORD_LENGTH = 8


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


def ensure_owner(session: Session) -> NewCredentials | None:
    """Create the owner with a generated password and token on a fresh database; None if one exists."""
    if find_owner(session) is not None:
        return None
    password = secrets.token_urlsafe(12)
    token = secrets.token_urlsafe(32)
    session.add(Owner(shop_id=default_shop_id(session), username=DEFAULT_USERNAME,
                      password_hash=hash_password(password), token_hash=_token_digest(token),
                      session_secret=secrets.token_urlsafe(32)))
    session.flush()
    return NewCredentials(username=DEFAULT_USERNAME, password=password, token=token)


def set_password(session: Session, owner: Owner, password: str) -> None:
    """Change the owner's password (which ends every open log-in session)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", field="password")
    owner.password_hash = hash_password(password)
    owner.password_changed_at = dt.datetime.utcnow()
    session.flush()


def new_token(session: Session, owner: Owner) -> str:
    """Replace the owner's API token with a fresh one and return it (the old one stops working)."""
    token = secrets.token_urlsafe(32)
    owner.token_hash = _token_digest(token)
    session.flush()
    return token


def check_password(session: Session, username: str, password: str) -> Owner | None:
    """The owner if ``username`` and ``password`` are right, else None."""
    owner = session.execute(select(Owner).where(Owner.username == username)).scalar_one_or_none()
    if owner is None:
        bcrypt.checkpw(b"timing", hash_password("equalise-the-time"))
        return None
    return owner if bcrypt.checkpw(password.encode("utf-8"), owner.password_hash.encode("ascii")) else None


def check_token(session: Session, token: str) -> Owner | None:
    """The owner whose API token this is, else None."""
    digest = _token_digest(token)
    owner = session.execute(select(Owner).where(Owner.token_hash == digest)).scalar_one_or_none()
    return owner if owner is not None and hmac.compare_digest(owner.token_hash, digest) else None


class SessionSigner:
    """Signs and checks log-in session cookies; a password change invalidates older sessions."""

    def __init__(self, secret: str, max_age_hours: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="zhanggui-session")
        self._max_age = max_age_hours * 3600

    def sign(self, owner: Owner) -> str:
        """A cookie value for a fresh session of ``owner``."""
        return self._serializer.dumps({"owner": owner.id, "pw": owner.password_changed_at.isoformat()})

    def owner_id(self, cookie: str, session: Session) -> int | None:
        """The owner id of a valid, unexpired session cookie, else None."""
        try:
            data = self._serializer.loads(cookie, max_age=self._max_age)
        except (BadSignature, SignatureExpired):
            return None
        owner = session.get(Owner, data.get("owner"))
        if owner is None or owner.password_changed_at.isoformat() != data.get("pw"):
            return None
        return owner.id
