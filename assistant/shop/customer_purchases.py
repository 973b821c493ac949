"""What one customer bought in a period ("王阿姨今年买了多少米"): her sales that count, by product."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, SaleItem
from assistant.language.dates import spoken_span
from assistant.language.money import format_money
from assistant.shop.reports._common import check_lang, money, quantity_text, resolve_products, spoken_list
from assistant.shop.sales_query import item_counts


@dataclass(frozen=True)
class BoughtItem:
    """One product she bought in the period: how much and for how much."""

    product: str
    unit: str
    quantity: Decimal
    amount: Decimal


@dataclass
class CustomerPurchases:
    """A customer's purchases from ``start`` to ``end`` (both included), of ``product`` (a product or a
    category, None: everything), biggest first."""

    customer: str
    start: dt.date
    end: dt.date
    product: str | None
    visits: int
    today: dt.date
    items: list[BoughtItem] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        """What she spent on it in the period."""
        return money(sum((i.amount for i in self.items), Decimal(0)))

    @property
    def per_visit(self) -> Decimal | None:
        """What she spends on a visit, on average (None: no visit in the period)."""
        return money(self.amount / self.visits) if self.visits and self.items else None

    def usual_visit(self, lang: str) -> str:
        """e.g. 张丽一般一次花201.14元(过去一年来了11次,一共2212.5元)。 (the period is her last year)"""
        check_lang(lang)
        if self.per_visit is None:
            return self.summary(lang)
        when = "过去一年" if lang == "zh" else "in the past year"
        times = "1 visit" if self.visits == 1 else f"{self.visits} visits"
        if lang == "zh":
            return (f"{self.customer}一般一次花{format_money(self.per_visit, lang)}({when}来了{self.visits}次,"
                    f"一共{format_money(self.amount, lang)})。")
        return (f"{self.customer} spends about {format_money(self.per_visit, lang)} a visit ({times} {when}, "
                f"{format_money(self.amount, lang)} in all).")

    def summary(self, lang: str) -> str:
        """e.g. 王秀英1月1日到3月15日买了米6袋,354元,来了3次:东北大米6袋。"""
        check_lang(lang)
        when = spoken_span(self.start, self.end, self.today, lang)
        what = self.product or ("东西" if lang == "zh" else "anything")
        if not self.items:
            return (f"{self.customer}{when}没买{what}。" if lang == "zh"
                    else f"{self.customer} didn't buy {what} {when}.")
        units = {i.unit for i in self.items}
        total = sum((i.quantity for i in self.items), Decimal(0))
        if lang == "zh":
            listed = spoken_list(self.items, lang, counter="样", say=lambda i: f"{i.product}{quantity_text(i.quantity)}{i.unit}")
            # one unit for all of it ("米6袋"); mixed units are only said by product
            if self.product and len(units) == 1:
                bought = f"买了{self.product}{quantity_text(total)}{units.pop()},共{format_money(self.amount, lang)}"
            else:
                bought = f"一共买了{format_money(self.amount, lang)}"
            return f"{self.customer}{when}{bought},来了{self.visits}次:{listed}。"
        listed = spoken_list(self.items, lang, say=lambda i: f"{quantity_text(i.quantity)} {i.unit} {i.product}")
        # "6 袋 米" is said "6 bags of rice" by the chat's English rewrite
        volume = f"{quantity_text(total)} {units.pop()} {self.product}, " if self.product and len(units) == 1 else ""
        times = "1 visit" if self.visits == 1 else f"{self.visits} visits"
        return f"{self.customer}, {when}: {volume}{format_money(self.amount, lang)} over {times}: {listed}."


def customer_purchases(session: Session, *, shop_id: int, customer: Customer, start: dt.date, end: dt.date,
                       today: dt.date, product: str | None = None) -> CustomerPurchases:
    """What ``customer`` bought from ``start`` to ``end`` (of ``product``, a product or category name)."""
    label, product_ids = None, None
    if product:
        scope = resolve_products(session, shop_id=shop_id, name=product)
        label, product_ids = scope.label, scope.product_ids
    window = (
        SaleItem.shop_id == shop_id,
        SaleItem.customer_id == customer.id,
        SaleItem.sold_at >= dt.datetime.combine(start, dt.time.min),
        SaleItem.sold_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min),
        item_counts(),
    )
    query = (select(Product.name, Product.unit, func.sum(SaleItem.quantity), func.sum(SaleItem.amount))
             .join(Product, Product.id == SaleItem.product_id).where(*window)
             .group_by(Product.name, Product.unit))
    visits = select(func.count(func.distinct(SaleItem.sale_id))).where(*window)
    if product_ids is not None:
        query = query.where(SaleItem.product_id.in_(product_ids))
        visits = visits.where(SaleItem.product_id.in_(product_ids))
    items = [BoughtItem(product=name, unit=unit, quantity=Decimal(qty).normalize(), amount=money(amount))
             for name, unit, qty, amount in session.execute(query) if qty]
    items.sort(key=lambda i: (-i.amount, i.product))
    return CustomerPurchases(customer=customer.name, start=start, end=end, product=label,
                             visits=int(session.execute(visits).scalar() or 0), today=today, items=items)


@dataclass
class LastBought:
    """The last day a customer bought a product (or any of a category) and what of it she bought then."""

    customer: str
    product: str
    day: dt.date | None
    today: dt.date
    items: list[BoughtItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 张丽上次买米是2月22号,买了泰国香米2袋(150元)。"""
        check_lang(lang)
        if self.day is None:
            return f"{self.customer}还没在店里买过{self.product}。" if lang == "zh" else \
                f"{self.customer} hasn't bought {self.product} here yet."
        if lang == "zh":
            when = "今天" if self.day == self.today else f"{self.day.month}月{self.day.day}号"
            bought = "、".join(f"{i.product}{quantity_text(i.quantity)}{i.unit}({format_money(i.amount, lang)})"
                              for i in self.items)
            return f"{self.customer}上次买{self.product}是{when},买了{bought}。"
        when = "today" if self.day == self.today else spoken_span(self.day, self.day, self.today, lang)
        bought = ", ".join(f"{quantity_text(i.quantity)} {i.unit} {i.product} ({format_money(i.amount, lang)})"
                           for i in self.items)
        return f"{self.customer} last bought {self.product} {when}: {bought}."


def last_bought(session: Session, *, shop_id: int, customer: Customer, product: str,
                today: dt.date) -> LastBought:
    """"她上次买的什么米": the last day ``customer`` bought ``product`` (a product or a category) and what."""
    scope = resolve_products(session, shop_id=shop_id, name=product)
    of_it = (SaleItem.shop_id == shop_id, SaleItem.customer_id == customer.id,
             SaleItem.product_id.in_(scope.product_ids), item_counts())
    last = session.execute(select(func.max(SaleItem.sold_at)).where(*of_it)).scalar()
    if last is None:
        return LastBought(customer=customer.name, product=scope.label, day=None, today=today)
    day = last.date() if isinstance(last, dt.datetime) else dt.datetime.fromisoformat(str(last)).date()
    rows = session.execute(
        select(Product.name, Product.unit, func.sum(SaleItem.quantity), func.sum(SaleItem.amount))
        .join(Product, Product.id == SaleItem.product_id)
        .where(*of_it, SaleItem.sold_at >= dt.datetime.combine(day, dt.time.min),
               SaleItem.sold_at < dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
        .group_by(Product.name, Product.unit).order_by(Product.name))
    items = [BoughtItem(product=name, unit=unit, quantity=Decimal(qty).normalize(), amount=money(amount))
             for name, unit, qty, amount in rows]
    return LastBought(customer=customer.name, product=scope.label, day=day, today=today, items=items)
