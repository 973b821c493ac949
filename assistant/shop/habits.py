"""What a customer usually buys, and what a sale must not forget about her household.

A voice ledger hears "王阿姨买了两袋米": 米 is a category, but the owner means the rice Auntie Wang always
takes. And "张姐买了一桶花生油" must not go through quietly when Sister Zhang's child is allergic to peanuts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product
from assistant.shop.sales_query import active_sale_items

# "Usually" means on most of her visits that bought one of these products, and at least this many.
USUAL_MIN_VISITS = 2
ALLERGY_SUFFIX = "过敏"


def usual_product(session: Session, *, customer_id: int, among: Iterable[int]) -> int | None:
    """The one of ``among`` (product ids) this customer bought on most of her visits that bought any of
    them — more than half of them, and at least ``USUAL_MIN_VISITS`` — else None (she has no habit)."""
    candidates = list(among)
    if not candidates:
        return None
    items = active_sale_items().subquery()
    visits = session.execute(
        select(items.c.product_id, func.count(func.distinct(items.c.sale_id)))
        .where(items.c.customer_id == customer_id, items.c.product_id.in_(candidates))
        .group_by(items.c.product_id)
    ).all()
    total = session.execute(
        select(func.count(func.distinct(items.c.sale_id)))
        .where(items.c.customer_id == customer_id, items.c.product_id.in_(candidates))
    ).scalar() or 0
    if not visits:
        return None
    product_id, count = max(visits, key=lambda row: row[1])
    return product_id if count >= USUAL_MIN_VISITS and count * 2 > total else None


def clashes(customer: Customer, product: Product) -> list[str]:
    """The customer's allergy tags (``花生过敏``) that the product touches (花生油, peanut oil): what the
    read-back must say before anything is written."""
    words = [product.name, product.category or "", *(product.aliases or [])]
    found = []
    for tag in customer.tags:
        name = tag.name
        if name.endswith(ALLERGY_SUFFIX) and len(name) > len(ALLERGY_SUFFIX):
            allergen = name[: -len(ALLERGY_SUFFIX)]
            if any(allergen in word for word in words):
                found.append(name)
    return found



