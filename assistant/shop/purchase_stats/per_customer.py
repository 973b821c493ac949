"""Keeping the figures in step with each sale as it is logged or voided: the daily totals are patched,
and the customer's rows are recomputed from their whole (short) history rather than patched, so a void
deep in the past is handled exactly like a new sale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant.db import data_version
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
