"""Shops: every row belongs to one; a fresh database gets the default shop; a shop's data can be wiped."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.db.models import Base, Customer, Product, Shop, customer_tags, product_suits

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


def clear_shop(session: Session, *, shop_id: int) -> None:
    """Delete every row of the shop's data (customers, products, sales, …); the shop and owner stay."""
    customers = select(Customer.id).where(Customer.shop_id == shop_id).scalar_subquery()
    products = select(Product.id).where(Product.shop_id == shop_id).scalar_subquery()
    session.execute(delete(customer_tags).where(customer_tags.c.customer_id.in_(customers)))
    session.execute(delete(product_suits).where(product_suits.c.product_id.in_(products)))
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in {"shops", "owners"} and "shop_id" in table.c:
            session.execute(delete(table).where(table.c.shop_id == shop_id))
