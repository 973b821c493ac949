"""Shops: every row belongs to one; a fresh database gets the default shop."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Shop

DEFAULT_SHOP_NAME = "禾香粮油"


def get_or_create_shop(session: Session, name: str = DEFAULT_SHOP_NAME) -> Shop:
    """The shop called ``name``, created when it does not exist yet."""
    shop = session.execute(select(Shop).where(Shop.name == name)).scalar_one_or_none()
    if shop is None:
        shop = Shop(name=name)
        session.add(shop)
        session.flush()
    return shop


def default_shop_id(session: Session) -> int:
    """The id of the shop this installation serves (the first one; created on a fresh database)."""
    shop_id = session.execute(select(Shop.id).order_by(Shop.id).limit(1)).scalar_one_or_none()
    return shop_id if shop_id is not None else get_or_create_shop(session).id
