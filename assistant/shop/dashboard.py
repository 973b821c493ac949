"""Figures for the owner's web pages that no single report gives: weekly takings, every product's cover,
one customer's visit dates. Built on the reports so the pages and the chat never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Product, Sale, SaleItem
from assistant.shop.reports import run_report
from assistant.shop.reports.reorder import StockItem, _stock_items
from assistant.shop.sales_query import active_sale_items, voided


@dataclass(frozen=True)
class WeekTakings:
    """Takings of one week (Monday to Sunday, the current week up to today)."""

    start: dt.date
    end: dt.date
    takings: Decimal


def weekly_takings(session: Session, *, shop_id: int, weeks: int = 8) -> list[WeekTakings]:
    """Takings of the last ``weeks`` weeks, oldest first, the last one being the current week."""
    today = clock.today_for(session)
    monday = today - dt.timedelta(days=today.weekday())
    result = []
    for back in range(weeks - 1, -1, -1):
        start = monday - dt.timedelta(weeks=back)
        end = min(start + dt.timedelta(days=6), today)
        report = run_report(
            session, "sales", shop_id=shop_id, options={"from": start.isoformat(), "to": end.isoformat()}
        )
        result.append(WeekTakings(start=start, end=end, takings=Decimal(str(report.takings))))
    return result


def stock_overview(session: Session, *, shop_id: int) -> list[StockItem]:
    """Every product with its stock and days of cover, the ones running out (or out and wanted) first."""
    items = _stock_items(session, shop_id=shop_id, product_ids=None)
    return sorted(items, key=lambda i: (i.days_of_cover is None and not i.out_and_wanted, i.days_of_cover or 0, i.product))


def is_low(item: StockItem) -> bool:
    """Whether the product is due for reordering (the reorder report's rule)."""
    return item.due


@dataclass(frozen=True)
class Visit:
    """One purchase of a customer: the day, what it came to and what was bought (``大米 2袋``)."""

    sale_id: int
    day: dt.date
    amount: Decimal
    items: tuple[str, ...] = ()


def _day(when: object) -> dt.date:
    return when.date() if isinstance(when, dt.datetime) else dt.date.fromisoformat(str(when)[:10])


def item_text(product: str, quantity: object, unit: str | None) -> str:
    """``大米 2袋``: a product with its quantity, trailing zeros dropped."""
    amount = Decimal(str(quantity or 0)).normalize()
    return f"{product} {amount:f}{unit or ''}"


def customer_visits(session: Session, *, customer_id: int, limit: int = 200) -> list[Visit]:
    """A customer's purchases that count (voids excluded), newest first, one row per sale with its items."""
    items = active_sale_items().where(SaleItem.customer_id == customer_id).subquery()
    sales = session.execute(
        select(items.c.sale_id, func.min(items.c.sold_at), func.sum(items.c.amount))
        .group_by(items.c.sale_id)
        .order_by(func.min(items.c.sold_at).desc())
        .limit(limit)
    ).all()
    bought: dict[int, list[str]] = {}
    for sale_id, product, quantity, unit in session.execute(
        select(SaleItem.sale_id, Product.name, SaleItem.quantity, SaleItem.unit)
        .join(Product, Product.id == SaleItem.product_id)
        .where(SaleItem.sale_id.in_([row[0] for row in sales]))
        .order_by(SaleItem.id)
    ):
        bought.setdefault(sale_id, []).append(item_text(product, quantity, unit))
    return [Visit(sale_id=sale_id, day=_day(when), amount=Decimal(str(amount or 0)),
                  items=tuple(bought.get(sale_id, ())))
            for sale_id, when, amount in sales]


@dataclass(frozen=True)
class SaleRow:
    """A sale on the Sales page: when, who, what, how much, and whether it was taken back."""

    sale_id: int
    sold_at: dt.datetime
    customer: str | None
    items: tuple[str, ...]
    amount: Decimal
    voided: bool


def recent_sales(session: Session, *, shop_id: int, since: dt.date, limit: int = 50) -> list[SaleRow]:
    """Sales since ``since`` (newest first), with the ones taken back marked."""
    rows = session.execute(
        select(Sale, Customer.name, voided(Sale.id).label("voided"))
        .outerjoin(Customer, Customer.id == Sale.customer_id)
        .where(Sale.shop_id == shop_id, Sale.kind == "sale",
               Sale.sold_at >= dt.datetime.combine(since, dt.time()))
        .order_by(Sale.sold_at.desc(), Sale.id.desc())
        .limit(limit)
    ).all()
    return [SaleRow(sale_id=sale.id, sold_at=sale.sold_at, customer=name,
                    items=tuple(item_text(i.product.name, i.quantity, i.unit) for i in sale.items),
                    amount=Decimal(str(sale.amount or 0)), voided=bool(was_voided))
            for sale, name, was_voided in rows]
