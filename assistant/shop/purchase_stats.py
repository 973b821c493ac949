"""Precomputed figures the reports read: each customer's buying rhythm and promotion uses, and each
product's daily sales.

``sales.log_sale`` and ``sales.void_sale`` call ``on_sale_logged`` / ``on_sale_voided`` in the same
transaction, so the figures always match the sales that count; a bulk import calls ``rebuild`` once at
the end instead. A customer's rows are recomputed from their whole (short) history rather than patched,
so a void deep in the past is handled exactly like a new sale.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from assistant.db.models import (
    Product,
    ProductDailySales,
    PromotionUse,
    PurchaseStat,
    Sale,
    SaleItem,
    ShopDailySales,
)
from assistant.shop.rhythm import Purchase, rhythm

VISITS_KEY = "*"
# A promotion "brought a customer back" when they bought again on a later day within this many days.
RETURN_DAYS = 30
_BATCH = 5000


def product_key(product_id: int) -> str:
    """The ``item_key`` of one product's rows."""
    return f"p:{product_id}"


def category_key(category: str) -> str:
    """The ``item_key`` of one category's rows."""
    return f"c:{category}"


@dataclass(frozen=True)
class _Item:
    product_id: int
    category: str
    unit: str
    day: dt.date
    quantity: float
    amount: float
    promotion_id: int | None


def counted_items() -> Select:
    """Sale items that count, with their product's category and unit and the sale's promotion: not
    voided, of a known customer."""
    voiding = aliased(Sale)
    return (
        select(
            SaleItem.customer_id,
            SaleItem.product_id,
            Product.category,
            Product.unit,
            SaleItem.sold_at,
            SaleItem.quantity,
            SaleItem.amount,
            Sale.promotion_id,
        )
        .join(Product, Product.id == SaleItem.product_id)
        .join(Sale, Sale.id == SaleItem.sale_id)
        .where(
            SaleItem.customer_id.is_not(None),
            ~exists().where(and_(voiding.voids_sale_id == SaleItem.sale_id)),
        )
    )


def on_sale_logged(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` was written (call after the flush)."""
    _add_daily(session, sale, sign=1)
    if sale.customer_id is not None:
        refresh_customer(session, shop_id=sale.shop_id, customer_id=sale.customer_id)


def on_sale_voided(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` (the original, not the void row) was taken back."""
    _add_daily(session, sale, sign=-1)
    if sale.customer_id is not None:
        refresh_customer(session, shop_id=sale.shop_id, customer_id=sale.customer_id)


def refresh_customer(session: Session, *, shop_id: int, customer_id: int) -> None:
    """Recompute every rhythm row of one customer from the sales of theirs that count."""
    session.flush()
    rows = session.execute(
        counted_items().where(SaleItem.customer_id == customer_id).order_by(SaleItem.sold_at, SaleItem.id)
    ).all()
    items = [_item(row) for row in rows]
    session.execute(delete(PurchaseStat).where(PurchaseStat.customer_id == customer_id))
    session.execute(delete(PromotionUse).where(PromotionUse.customer_id == customer_id))
    values = list(rows_for_customer(shop_id=shop_id, customer_id=customer_id, items=items))
    if values:
        session.execute(insert(PurchaseStat), values)
    uses = promotion_rows(shop_id=shop_id, customer_id=customer_id, items=items)
    if uses:
        session.execute(insert(PromotionUse), uses)


def rebuild(session: Session, *, shop_id: int) -> int:
    """Recompute all figures of a shop from its sales (after a bulk import); returns the rows written."""
    session.flush()
    session.execute(delete(PurchaseStat).where(PurchaseStat.shop_id == shop_id))
    session.execute(delete(PromotionUse).where(PromotionUse.shop_id == shop_id))
    written = 0
    stats: list[dict] = []
    uses: list[dict] = []
    for customer_id, items in _customers_items(session, shop_id=shop_id):
        stats.extend(rows_for_customer(shop_id=shop_id, customer_id=customer_id, items=items))
        uses.extend(promotion_rows(shop_id=shop_id, customer_id=customer_id, items=items))
        if len(stats) >= _BATCH:
            session.execute(insert(PurchaseStat), stats)
            written, stats = written + len(stats), []
        if len(uses) >= _BATCH:
            session.execute(insert(PromotionUse), uses)
            uses = []
    if stats:
        session.execute(insert(PurchaseStat), stats)
        written += len(stats)
    if uses:
        session.execute(insert(PromotionUse), uses)
    rebuild_daily(session, shop_id=shop_id)
    return written


def rebuild_daily(session: Session, *, shop_id: int) -> None:
    """Recompute the shop's daily takings and product volumes from its sales that count."""
    session.execute(delete(ProductDailySales).where(ProductDailySales.shop_id == shop_id))
    session.execute(delete(ShopDailySales).where(ShopDailySales.shop_id == shop_id))
    voiding = aliased(Sale)
    day = func.date(SaleItem.sold_at)
    daily = (
        select(
            SaleItem.product_id, day, SaleItem.shop_id, func.sum(SaleItem.quantity), func.sum(SaleItem.amount)
        )
        .where(SaleItem.shop_id == shop_id, ~exists().where(voiding.voids_sale_id == SaleItem.sale_id))
        .group_by(SaleItem.product_id, day, SaleItem.shop_id)
    )
    session.execute(
        insert(ProductDailySales).from_select(["product_id", "day", "shop_id", "quantity", "amount"], daily)
    )
    sale_day = func.date(Sale.sold_at)
    takings = (
        select(Sale.shop_id, sale_day, func.count(Sale.id), func.sum(Sale.amount))
        .where(
            Sale.shop_id == shop_id, Sale.kind == "sale", ~exists().where(voiding.voids_sale_id == Sale.id)
        )
        .group_by(Sale.shop_id, sale_day)
    )
    session.execute(insert(ShopDailySales).from_select(["shop_id", "day", "sales", "amount"], takings))


def rows_for_customer(*, shop_id: int, customer_id: int, items: list[_Item]) -> Iterator[dict]:
    """The ``purchase_stats`` rows of one customer: per product, per category, and for all visits."""
    groups: dict[str, tuple[dict, list[Purchase]]] = {}
    for item in items:
        purchase = Purchase(day=item.day, quantity=item.quantity, amount=item.amount)
        keys = [
            (
                product_key(item.product_id),
                {"product_id": item.product_id, "category": None, "is_group": not item.category},
            )
        ]
        if item.category:
            keys.append(
                (
                    category_key(item.category),
                    {"product_id": None, "category": item.category, "is_group": True},
                )
            )
        keys.append((VISITS_KEY, {"product_id": None, "category": None, "is_group": False}))
        for key, meta in keys:
            entry = groups.setdefault(key, (meta, []))
            entry[0]["unit"] = item.unit  # the unit of the latest purchase: items come oldest first
            entry[1].append(purchase)
    for key, (meta, purchases) in groups.items():
        found = rhythm(purchases, weigh_quantity=key != VISITS_KEY)
        if found is None:
            continue
        yield {
            "shop_id": shop_id,
            "customer_id": customer_id,
            "item_key": key,
            **meta,
            "purchases": found.purchases,
            "first_day": found.first_day,
            "last_day": found.last_day,
            "last_quantity": _dec(found.last_quantity, 3),
            "total_quantity": _dec(found.total_quantity, 3),
            "total_amount": _dec(found.total_amount, 2),
            "usual_gap": None if found.usual_gap is None else _dec(found.usual_gap, 2),
            "days_per_unit": None if found.days_per_unit is None else _dec(found.days_per_unit, 2),
            "habit_day": found.habit_day,
            "next_due": found.next_due,
            "lapse_after": found.lapse_after,
        }


def promotion_rows(*, shop_id: int, customer_id: int, items: list[_Item]) -> list[dict]:
    """The ``promotion_uses`` rows of one customer (``items`` oldest first)."""
    days = sorted({item.day for item in items})
    used: dict[int, list[dt.date]] = {}
    for item in items:
        if item.promotion_id is not None:
            used.setdefault(item.promotion_id, []).append(item.day)
    rows = []
    for promotion_id, when in used.items():
        first = min(when)
        later = bisect.bisect_right(days, first)
        came_back = later < len(days) and days[later] <= first + dt.timedelta(days=RETURN_DAYS)
        rows.append(
            {
                "promotion_id": promotion_id,
                "customer_id": customer_id,
                "shop_id": shop_id,
                "first_day": first,
                "last_day": max(when),
                "uses": len(set(when)),
                "came_back": came_back,
            }
        )
    return rows


def _customers_items(session: Session, *, shop_id: int) -> Iterator[tuple[int, list[_Item]]]:
    """Stream the shop's counted items, one customer's (oldest first) at a time."""
    query = (
        counted_items()
        .where(SaleItem.shop_id == shop_id)
        .order_by(SaleItem.customer_id, SaleItem.sold_at, SaleItem.id)
        .execution_options(yield_per=20000, stream_results=True)
    )
    current: int | None = None
    items: list[_Item] = []
    for row in session.execute(query):
        if row.customer_id != current:
            if current is not None:
                yield current, items
            current, items = row.customer_id, []
        items.append(_item(row))
    if current is not None:
        yield current, items


def _add_daily(session: Session, sale: Sale, *, sign: int) -> None:
    day = sale.sold_at.date()
    takings = session.get(ShopDailySales, (sale.shop_id, day))
    if takings is None:
        takings = ShopDailySales(shop_id=sale.shop_id, day=day, sales=0, amount=Decimal("0"))
        session.add(takings)
    takings.sales += sign
    takings.amount = Decimal(takings.amount) + sign * Decimal(sale.amount)
    for item in sale.items:
        day = item.sold_at.date()
        row = session.get(ProductDailySales, (item.product_id, day))
        if row is None:
            row = ProductDailySales(
                product_id=item.product_id,
                day=day,
                shop_id=sale.shop_id,
                quantity=Decimal("0"),
                amount=Decimal("0"),
            )
            session.add(row)
            session.flush()  # a second line of the same product and day must find this row
        row.quantity = Decimal(row.quantity) + sign * Decimal(item.quantity)
        row.amount = Decimal(row.amount) + sign * Decimal(item.amount)


def _item(row) -> _Item:  # noqa: ANN001 (a result row of counted_items)
    sold_at = row.sold_at
    day = sold_at.date() if isinstance(sold_at, dt.datetime) else sold_at
    return _Item(
        product_id=row.product_id,
        category=row.category or "",
        unit=row.unit or "",
        day=day,
        quantity=float(row.quantity),
        amount=float(row.amount),
        promotion_id=row.promotion_id,
    )


def _dec(value: float, places: int) -> Decimal:
    return Decimal(str(round(value, places)))
