"""sales: takings and volumes by product for a period (default today), from sales that count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import data_version
from assistant.db.models import Product, ProductDailySales, SaleItem, ShopDailySales
from assistant.errors import Invalid
from assistant.language.dates import spoken_span
from assistant.language.money import format_money
from assistant.shop.reports._common import (
    Report,
    check_lang,
    money,
    parse_date,
    quantity_text,
    resolve_products,
    spoken_list,
)
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.sales_query import item_counts


@dataclass(frozen=True)
class SalesItem:
    """One product's volume and takings in the period."""

    product_id: int
    product: str
    category: str
    unit: str
    quantity: Decimal
    amount: Decimal


@dataclass
class SalesReport(Report):
    """Takings from ``start`` to ``end`` (both included), biggest sellers first."""

    name: ClassVar[str] = "sales"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("product", "product"),
        ("quantity", "quantity"),
        ("unit", "unit"),
        ("amount", "amount"),
    )
    start: dt.date
    end: dt.date
    product: str | None
    takings: Decimal
    sales: int
    _today: dt.date  # the day asked on, which "今天" and "这周" are said from (not part of the JSON)
    items: list[SalesItem] = field(default_factory=list)

    def volume(self) -> tuple[Decimal, str] | None:
        """How much of the product or category asked about was sold, when all of it goes by one unit
        ("这周米卖了多少": 25袋); None for all sales or mixed units."""
        units = {item.unit for item in self.items}
        if not self.product or len(units) != 1:
            return None
        return sum((item.quantity for item in self.items), Decimal(0)), units.pop()

    def _one_product(self) -> bool:
        """Whether the question was about one product (not a category) and only it is listed."""
        return len(self.items) == 1 and self.items[0].product == self.product

    def summary(self, lang: str) -> str:
        """e.g. 今天卖了560元,共12笔:东北大米8袋、花生油3桶。 / 这周米卖了25袋,1798元,共15笔:…"""
        check_lang(lang)
        when = spoken_span(self.start, self.end, self._today, lang)
        if lang == "zh":
            if not self.items:
                return f"{when}{'没卖' + self.product if self.product else '还没有销售'}。"
            listed = spoken_list(self.items, lang, counter="样",
                                 say=lambda i: f"{i.product}{quantity_text(i.quantity)}{i.unit}")
            volume = self.volume()
            if volume is not None:
                sold = f"{self.product}卖了{quantity_text(volume[0])}{volume[1]},{format_money(self.takings, lang)}"
                # one product asked about: listing it again ("…共12笔:花生油12桶") says nothing new
                return f"{when}{sold},共{self.sales}笔" + ("。" if self._one_product() else f":{listed}。")
            # a category of mixed units ("这个月杂粮卖了多少钱"): named, so it is not heard as all the takings
            return f"{when}{self.product or ''}卖了{format_money(self.takings, lang)},共{self.sales}笔:{listed}。"
        if not self.items:  # the product named, as in Chinese: "No sales" alone sounds like the whole shop's
            return f"No {self.product} sold {when}." if self.product else f"No sales {when}."
        listed = spoken_list(self.items, lang,
                             say=lambda i: f"{quantity_text(i.quantity)} {i.unit} {i.product}".replace("  ", " "))
        sales = f"{self.sales} sale" if self.sales == 1 else f"{self.sales} sales"
        volume = self.volume()
        if volume is not None:  # "25 袋 米" is said "25 bags of rice" by the chat's English rewrite
            return (f"Sold {when}: {quantity_text(volume[0])} {volume[1]} {self.product}, "
                    f"{format_money(self.takings, lang)} from {sales}" + ("." if self._one_product() else f": {listed}."))
        of = f" of {self.product}" if self.product else ""
        return f"Takings{of} {when}: {format_money(self.takings, lang)} from {sales}: {listed}."


def sales_summary(
    session: Session,
    *,
    shop_id: int,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    product: str | None = None,
) -> SalesReport:
    """Takings, number of sales and volume per product from ``start`` (default today) to ``end``
    (default today, or ``start`` when that is later)."""
    return cached(
        session,
        ("sales", shop_id, start, end, product),
        depends=Depends(customers=False, kinds=frozenset({data_version.SALES})),
        compute=lambda: Answer(_sales_summary(session, shop_id=shop_id, start=start, end=end, product=product)),
    )


def _sales_summary(
    session: Session,
    *,
    shop_id: int,
    start: dt.date | str | None,
    end: dt.date | str | None,
    product: str | None,
) -> SalesReport:
    today = clock.today_for(session)
    first = parse_date(start, field="from") or today
    # "Since Monday" means up to today; a day in the future alone means that day.
    last = parse_date(end, field="to") or max(first, today)
    if last < first:
        raise Invalid(f"the period ends ({last}) before it starts ({first})", field="to")
    label = None
    product_ids = None
    if product:
        scope = resolve_products(session, shop_id=shop_id, name=product)
        label, product_ids = scope.label, scope.product_ids
    query = (
        select(
            Product.id,
            Product.name,
            Product.category,
            Product.unit,
            func.sum(ProductDailySales.quantity),
            func.sum(ProductDailySales.amount),
        )
        .join(Product, Product.id == ProductDailySales.product_id)
        .where(
            ProductDailySales.shop_id == shop_id,
            ProductDailySales.day >= first,
            ProductDailySales.day <= last,
        )
        .group_by(Product.id, Product.name, Product.category, Product.unit)
    )
    if product_ids is not None:
        query = query.where(ProductDailySales.product_id.in_(product_ids))
    items = [
        SalesItem(
            product_id=pid,
            product=name,
            category=category,
            unit=unit,
            quantity=Decimal(qty).quantize(Decimal("0.001")).normalize(),
            amount=money(amount),
        )
        for pid, name, category, unit, qty, amount in session.execute(query)
        if qty or amount
    ]  # a day whose only sale was voided leaves a zero row
    items.sort(key=lambda i: (-i.amount, i.product))
    takings = money(sum((i.amount for i in items), Decimal(0)))
    return SalesReport(
        start=first,
        end=last,
        product=label,
        takings=takings,
        sales=_count_sales(session, shop_id=shop_id, first=first, last=last, product_ids=product_ids),
        _today=today,
        items=items,
    )


def _count_sales(
    session: Session, *, shop_id: int, first: dt.date, last: dt.date, product_ids: list[int] | None
) -> int:
    """How many sales that count were made in the period (with one of ``product_ids``, if given)."""
    if product_ids is None:
        total = session.execute(
            select(func.sum(ShopDailySales.sales)).where(
                ShopDailySales.shop_id == shop_id, ShopDailySales.day >= first, ShopDailySales.day <= last
            )
        ).scalar()
        return int(total or 0)
    # Sales holding one of the products: no daily figure answers this, so count them (a short period
    # of a few products is what the owner asks about).
    start = dt.datetime.combine(first, dt.time.min)
    stop = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)
    query = select(func.count(func.distinct(SaleItem.sale_id))).where(
        SaleItem.product_id.in_(product_ids),
        SaleItem.sold_at >= start,
        SaleItem.sold_at < stop,
        item_counts(),
    )
    return int(session.execute(query).scalar() or 0)
