"""reorder and stock: days of cover = stock ÷ average daily sales over the recent weeks.

Below ``LOW_COVER_DAYS`` of cover a product is due for reordering, with a suggested quantity that brings
it up to ``TARGET_DAYS`` of sales. Products that sold nothing recently have no cover figure (None); one that
is out of stock is still due when customers asked for it or it sold in the longer past (``HISTORY_DAYS``):
it sold nothing lately because there was none to sell (owner trial 12, F6).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import data_version
from assistant.db.models import CustomerRequest, Product, ProductDailySales
from assistant.shop.reports._common import Report, check_lang, quantity_text, resolve_products
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.reports.lists import ListReport

WINDOW_DAYS = 28
LOW_COVER_DAYS = 7
TARGET_DAYS = 21
# How far back an out-of-stock product's sales still say it is wanted, and what to order of it.
HISTORY_DAYS = 182


@dataclass(frozen=True)
class StockItem:
    """A product's stock, its recent sales and how many days that stock lasts."""

    product_id: int
    product: str
    category: str
    unit: str
    stock: Decimal
    sold_recently: Decimal
    daily_sales: Decimal
    days_of_cover: Decimal | None
    suggested_quantity: Decimal
    asked_by: int = 0  # customers waiting for it (requests not yet fulfilled)
    sold_before: Decimal = Decimal(0)  # sold in the last ``HISTORY_DAYS`` days

    @property
    def out_and_wanted(self) -> bool:
        """Out of stock, no recent sales to measure, yet asked for or sold in the longer past."""
        return self.stock <= 0 and self.days_of_cover is None and (self.asked_by > 0 or self.sold_before > 0)

    @property
    def due(self) -> bool:
        """Whether it belongs on the list to order: under a week of cover, or out and wanted."""
        return (self.days_of_cover is not None and self.days_of_cover < LOW_COVER_DAYS) or self.out_and_wanted


@dataclass
class ReorderReport(ListReport):
    """Products under ``LOW_COVER_DAYS`` days of cover (or out of stock with recent sales), lowest first."""

    name: ClassVar[str] = "reorder"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("product", "product"),
        ("stock", "stock"),
        ("unit", "unit"),
        ("per day", "daily_sales"),
        ("days of cover", "days_of_cover"),
        ("order", "suggested_quantity"),
        ("asked by", "asked_by"),
    )
    window_days: int
    low_cover_days: int
    target_days: int
    items: list[StockItem] = field(default_factory=list)

    counter_zh: ClassVar[str] = "样"

    def list_title(self, lang: str) -> str:
        """要补货的 / running low."""
        return "要补货的" if lang == "zh" else "running low"

    def say_item(self, item: StockItem, lang: str) -> str:
        """花生油(还够3天,建议进40桶) / 低钠酱油(缺货,2位顾客要过,建议进6瓶)."""
        return f"{item.product}{stock_reason(item, lang)}"

    def empty_answer(self, lang: str) -> str:
        """Nothing running low."""
        return "暂时没有要补的货。" if lang == "zh" else "Nothing is running low."


def stock_reason(item: StockItem, lang: str) -> str:
    """Why it is due and what to order: (还够3天,建议进40桶) / (out of stock, 2 customers asked for it, order 6 瓶)."""
    order = quantity_text(item.suggested_quantity)
    if lang == "zh":
        why = [f"还够{quantity_text(item.days_of_cover)}天"] if item.days_of_cover is not None else ["缺货"]
        why += [f"{item.asked_by}位顾客要过"] if item.asked_by and item.stock <= 0 else []
        why += [f"建议进{order}{item.unit}"] if item.suggested_quantity > 0 else []
        return "(" + ",".join(why) + ")"
    why = [f"{quantity_text(item.days_of_cover)} days left"] if item.days_of_cover is not None else ["out of stock"]
    if item.asked_by and item.stock <= 0:  # waiting for it because there is none
        why.append(f"{item.asked_by} customer{'s' if item.asked_by > 1 else ''} asked for it")
    why += [f"order {order} {item.unit}".rstrip()] if item.suggested_quantity > 0 else []
    return " (" + ", ".join(why) + ")"


@dataclass
class StockReport(Report):
    """Stock of the products a name, alias or category stands for."""

    name: ClassVar[str] = "stock"
    columns: ClassVar[tuple[tuple[str, str], ...]] = ReorderReport.columns
    product: str
    items: list[StockItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 花生油还有12桶,够8天。"""
        check_lang(lang)
        parts = []
        for i in self.items:
            if i.stock <= 0:  # "低钠酱油还有0瓶" said it as if some were left
                parts.append(f"{i.product}没货了(库存{quantity_text(i.stock)}{i.unit})" if lang == "zh"
                             else f"{i.product}: out of stock ({quantity_text(i.stock)} {i.unit})")
            elif lang == "zh":
                cover = f",够{quantity_text(i.days_of_cover)}天" if i.days_of_cover is not None else ""
                parts.append(f"{i.product}还有{quantity_text(i.stock)}{i.unit}{cover}")
            else:
                cover = (
                    f", {quantity_text(i.days_of_cover)} days of sales" if i.days_of_cover is not None else ""
                )
                parts.append(f"{i.product}: {quantity_text(i.stock)} {i.unit}{cover}".replace(" ,", ","))
        return ("。".join(parts) + "。") if lang == "zh" else "; ".join(parts) + "."


def reorder(session: Session, *, shop_id: int) -> ReorderReport:
    """Products whose stock lasts under ``LOW_COVER_DAYS`` days at recent sales, with what to order."""
    return cached(
        session, ("reorder", shop_id), depends=Depends(customers=False, kinds=frozenset({data_version.SALES, data_version.STOCK})), compute=lambda: Answer(_reorder(session, shop_id=shop_id))
    )


def _reorder(session: Session, *, shop_id: int) -> ReorderReport:
    items = [i for i in _stock_items(session, shop_id=shop_id, product_ids=None) if i.due]
    # The ones already out (no cover to count) first, most asked for first among them.
    items.sort(key=lambda i: (i.days_of_cover or Decimal(0), -i.asked_by, i.product))
    return ReorderReport(
        window_days=WINDOW_DAYS, low_cover_days=LOW_COVER_DAYS, target_days=TARGET_DAYS, items=items
    )


def stock(session: Session, *, shop_id: int, product: str) -> StockReport:
    """Stock, recent sales and days of cover of ``product`` (a name, alias or category)."""
    return cached(
        session,
        ("stock", shop_id, product),
        depends=Depends(customers=False, kinds=frozenset({data_version.SALES, data_version.STOCK})),
        compute=lambda: Answer(_stock(session, shop_id=shop_id, product=product)),
    )


def _stock(session: Session, *, shop_id: int, product: str) -> StockReport:
    scope = resolve_products(session, shop_id=shop_id, name=product)
    items = _stock_items(session, shop_id=shop_id, product_ids=scope.product_ids)
    items.sort(key=lambda i: i.product)
    return StockReport(product=scope.label, items=items)


def _stock_items(session: Session, *, shop_id: int, product_ids: list[int] | None) -> list[StockItem]:
    today = clock.today_for(session)
    sold = _sold_since(shop_id, today - dt.timedelta(days=WINDOW_DAYS - 1), today)
    sold_before = _sold_since(shop_id, today - dt.timedelta(days=HISTORY_DAYS - 1), today)
    asked = (
        select(CustomerRequest.product_id, func.count(func.distinct(CustomerRequest.customer_id)).label("asked"))
        .where(CustomerRequest.shop_id == shop_id, CustomerRequest.fulfilled_at.is_(None))
        .group_by(CustomerRequest.product_id)
        .subquery()
    )
    query = (
        select(
            Product.id, Product.name, Product.category, Product.unit, Product.stock, sold.c.quantity,
            sold_before.c.quantity.label("quantity_before"), asked.c.asked,
        )
        .outerjoin(sold, sold.c.product_id == Product.id)
        .outerjoin(sold_before, sold_before.c.product_id == Product.id)
        .outerjoin(asked, asked.c.product_id == Product.id)
        .where(Product.shop_id == shop_id)
    )
    if product_ids is not None:
        query = query.where(Product.id.in_(product_ids))
    return [_item(row) for row in session.execute(query)]


def _sold_since(shop_id: int, since: dt.date, today: dt.date):  # noqa: ANN202 (a subquery)
    return (
        select(ProductDailySales.product_id, func.sum(ProductDailySales.quantity).label("quantity"))
        .where(
            ProductDailySales.shop_id == shop_id,
            ProductDailySales.day >= since,
            ProductDailySales.day <= today,
        )
        .group_by(ProductDailySales.product_id)
        .subquery()
    )


def _item(row) -> StockItem:  # noqa: ANN001 (a row of _stock_items' query)
    on_hand = Decimal(row.stock or 0)
    sold = Decimal(row.quantity or 0)
    sold_before = Decimal(row.quantity_before or 0)
    asked_by = int(row.asked or 0)
    daily = sold / WINDOW_DAYS
    cover = None if daily <= 0 else max(Decimal(0), on_hand / daily).quantize(Decimal("0.1"))
    # Order whole units, enough for TARGET_DAYS of sales on top of nothing left; with no recent sales
    # (it was out), at the longer past's pace, and at least one for each customer waiting for it.
    if daily > 0:
        suggested = Decimal(max(0, math.ceil(daily * TARGET_DAYS - on_hand)))
    elif on_hand <= 0 and (asked_by or sold_before):
        suggested = Decimal(max(asked_by, math.ceil(sold_before * TARGET_DAYS / HISTORY_DAYS - on_hand)))
    else:
        suggested = Decimal(0)
    return StockItem(
        product_id=row.id,
        product=row.name,
        category=row.category,
        unit=row.unit,
        stock=on_hand,
        sold_recently=sold.quantize(Decimal("0.001")).normalize(),
        daily_sales=daily.quantize(Decimal("0.01")),
        days_of_cover=cover,
        suggested_quantity=suggested,
        asked_by=asked_by,
        sold_before=sold_before.quantize(Decimal("0.001")).normalize(),
    )
