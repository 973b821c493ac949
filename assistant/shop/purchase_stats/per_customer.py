"""Keeping the figures in step with each sale as it is logged or voided: the daily totals are patched,
and the customer's rows are recomputed from their whole (short) history rather than patched, so a void
deep in the past is handled exactly like a new sale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant.db import data_version, locks
from assistant.db.models import (
    Product,
    ProductDailySales,
    PromotionUse,
    PurchaseStat,
    Sale,
    SaleItem,
    ShopDailySales,
)
from assistant.shop.purchase_stats.rows import Item, promotion_rows, rows_for_customer
from assistant.shop.sales_query import item_counts


def counted_items() -> Select:
    """Sale items that count, with their product's category and unit and the sale's promotion: not
    voided, of a known customer."""
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
            item_counts(),
        )
    )


def on_sale_logged(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` was written (call after the flush)."""
    _update_figures(session, sale, sign=1)


def on_sale_voided(session: Session, sale: Sale) -> None:
    """Bring the figures up to date after ``sale`` (the original, not the void row) was taken back."""
    _update_figures(session, sale, sign=-1)


def _update_figures(session: Session, sale: Sale, *, sign: int) -> None:
    # Locks first, in ``db.locks`` order (shop's figures shared, then the customer's), then the rows.
    locks.lock_figures(session, shop_id=sale.shop_id)
    if sale.customer_id is not None:
        locks.lock_customer_figures(session, customer_id=sale.customer_id)
    _add_daily(session, sale, sign=sign)
    if sale.customer_id is not None:
        refresh_customer(session, shop_id=sale.shop_id, customer_id=sale.customer_id)


def refresh_customer(session: Session, *, shop_id: int, customer_id: int) -> None:
    """Recompute every rhythm row of one customer from the sales of theirs that count."""
    session.flush()
    locks.lock_figures(session, shop_id=shop_id)
    locks.lock_customer_figures(session, customer_id=customer_id)
    data_version.record(session, customers=[customer_id])
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


def _add_daily(session: Session, sale: Sale, *, sign: int) -> None:
    """Add the sale to its day's takings and its products' daily volumes, as one ``INSERT ... ON CONFLICT
    DO UPDATE`` per row: the sum is taken by the database under the row's lock, so two sales of one day
    never both read the old total and write it back plus one (a lost update under READ COMMITTED), nor
    both insert the day's first row."""
    data_version.record(session, kinds=[data_version.SALES])
    upsert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    takings = upsert(ShopDailySales).values(
        shop_id=sale.shop_id, day=sale.sold_at.date(), sales=sign, amount=sign * Decimal(sale.amount)
    )
    session.execute(
        takings.on_conflict_do_update(
            index_elements=["shop_id", "day"],
            set_={
                "sales": ShopDailySales.sales + takings.excluded.sales,
                "amount": ShopDailySales.amount + takings.excluded.amount,
            },
        )
    )
    volumes: dict[tuple[int, dt.date], list[Decimal]] = {}
    for item in sale.items:
        total = volumes.setdefault((item.product_id, item.sold_at.date()), [Decimal("0"), Decimal("0")])
        total[0] += sign * Decimal(item.quantity)
        total[1] += sign * Decimal(item.amount)
    # Rows in key order: two sales of the same products lock them in the same order.
    for (product_id, day), (quantity, amount) in sorted(volumes.items()):
        volume = upsert(ProductDailySales).values(
            product_id=product_id, day=day, shop_id=sale.shop_id, quantity=quantity, amount=amount
        )
        session.execute(
            volume.on_conflict_do_update(
                index_elements=["product_id", "day"],
                set_={
                    "quantity": ProductDailySales.quantity + volume.excluded.quantity,
                    "amount": ProductDailySales.amount + volume.excluded.amount,
                },
            )
        )
    # The sums were written past the ORM: rows of these tables it holds are read again when next used.
    for held in list(session.identity_map.values()):
        if isinstance(held, (ShopDailySales, ProductDailySales)):
            session.expire(held)


def _item(row) -> Item:  # noqa: ANN001 (a result row of counted_items)
    sold_at = row.sold_at
    day = sold_at.date() if isinstance(sold_at, dt.datetime) else sold_at
    return Item(
        product_id=row.product_id,
        category=row.category or "",
        unit=row.unit or "",
        day=day,
        quantity=float(row.quantity),
        amount=float(row.amount),
        promotion_id=row.promotion_id,
    )
