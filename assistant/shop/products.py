"""Products: add and look up by name, alias or category."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Product, Tag, product_suits
from assistant.errors import Invalid
from assistant.shop import audit
from assistant.shop.tags import get_or_create_tags


def all_products(session: Session, *, shop_id: int) -> list[Product]:
    """Every product of the shop, by name."""
    return list(session.execute(select(Product).where(Product.shop_id == shop_id).order_by(Product.name)).scalars())


def products_suiting(session: Session, *, shop_id: int, tag_ids: Collection[int]) -> list[tuple[str, str]]:
    """The products marked as suiting one of ``tag_ids`` (``product_suits``, the same marks that tell who to
    tell when a product arrives), as (product, tag) pairs by product: what to recommend to someone with them."""
    if not tag_ids:
        return []
    return [
        (product, tag)
        for product, tag in session.execute(
            select(Product.name, Tag.name)
            .join(product_suits, product_suits.c.product_id == Product.id)
            .join(Tag, Tag.id == product_suits.c.tag_id)
            .where(Product.shop_id == shop_id, product_suits.c.tag_id.in_(list(tag_ids)))
            .order_by(Product.name, Tag.name)
        )
    ]


def find_product(session: Session, *, shop_id: int, name: str) -> Product | None:
    """The product whose name or an alias is exactly ``name`` (case-insensitive)."""
    key = " ".join(name.split()).lower()
    for product in all_products(session, shop_id=shop_id):
        if product.name.lower() == key or any(" ".join(a.split()).lower() == key for a in product.aliases or []):
            return product
    return None


def products_matching(session: Session, *, shop_id: int, name: str) -> list[Product]:
    """The product named ``name``, or every product of the category ``name`` (e.g. 米: all rice)."""
    product = find_product(session, shop_id=shop_id, name=name)
    if product is not None:
        return [product]
    key = name.strip().lower()
    return [p for p in all_products(session, shop_id=shop_id) if p.category.lower() == key]


def add_product(
    session: Session,
    *,
    shop_id: int,
    name: str,
    channel: str,
    category: str = "",
    unit: str = "",
    price: Decimal = Decimal("0"),
    aliases: list[str] | None = None,
    suits: list[str] | None = None,
) -> Product:
    """Create a product; refuses an empty name, a negative price or a name the shop already has."""
    name = (name or "").strip()
    if not name:
        raise Invalid("a product needs a name", field="name")
    if price < 0:
        raise Invalid(f"price {price} is negative", field="price")
    if find_product(session, shop_id=shop_id, name=name) is not None:
        raise Invalid(f"there is already a product called {name}", field="name")
    product = Product(
        shop_id=shop_id, name=name, category=category.strip(), unit=unit.strip(), price=price,
        aliases=[a.strip() for a in aliases or [] if a.strip()], stock=Decimal("0"),
    )
    product.suits = get_or_create_tags(session, shop_id=shop_id, names=suits or [])
    session.add(product)
    session.flush()
    audit.record(session, shop_id=shop_id, channel=channel, action="add", entity="product",
                 entity_id=product.id, detail={"name": name})
    return product
