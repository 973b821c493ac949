"""restock-due: who is due to buy a product (or category) again, from their own rhythm (``shop.rhythm``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant import clock
from assistant.db.models import Customer, Product, PurchaseStat
from assistant.shop.forecast.chance import Pace, chance, select_due
from assistant.shop.reports._common import (
    ProductScope,
    Report,
    check_lang,
    chunks,
    parse_date,
    quantity_text,
    resolve_products,
    rows,
    spoken_list,
)
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items

# "This week" when no period is given: today and the six days after.
DEFAULT_DAYS = 7


@dataclass(frozen=True)
class RestockItem:
    """One customer due for one product or category, with the figures behind the due date."""

    customer_id: int
    customer: str
    product: str
    due_date: dt.date
    days_overdue: int
    last_purchase: dt.date
    last_quantity: Decimal
    unit: str
    purchases: int
    usual_gap_days: Decimal | None
    days_per_unit: Decimal | None
    habit_day: int | None
    chance: float  # how likely they buy it in the period (``shop.forecast``), the list's order
    evidence: str
    evidence_zh: str


@dataclass
class RestockReport(Report):
    """Everyone likely to buy ``product`` (or any staple) between ``start`` and ``end``, likeliest first."""

    name: ClassVar[str] = "restock-due"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("product", "product"),
        ("due", "due_date"),
        ("overdue days", "days_overdue"),
        ("chance", "chance"),
        ("evidence", "evidence"),
    )
    product: str | None
    start: dt.date
    end: dt.date
    today: dt.date
    items: list[RestockItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 这周该补米的有3位:王秀英(15号左右)、..."""
        check_lang(lang)
        what_zh = self.product or "货"
        what_en = self.product or "their staples"
        if not self.items:
            return (
                f"这段时间没有人该补{what_zh}。"
                if lang == "zh"
                else f"Nobody is due for {what_en} in that period."
            )
        if lang == "zh":
            listed = spoken_list(self.items, lang, say=lambda i: f"{i.customer}({_when_zh(i, self.today)})",
                                 counter=None)
            return f"该补{what_zh}的有{len(self.items)}位:{listed}。"
        listed = spoken_list(self.items, lang, say=lambda i: f"{i.customer} ({_when_en(i, self.today)})")
        return f"{len(self.items)} due for {what_en}: {listed}."


def restock_due(
    session: Session,
    *,
    shop_id: int,
    product: str | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> RestockReport:
    """Customers due to buy ``product`` (a name, alias or category; default: any staple) by ``end``.

    Each customer's chance of buying it from ``start`` to ``end`` (default: the coming 7 days) comes from
    their own pace (``shop.forecast``); listed are those at or above the cut that makes the list's
    expected F1 best (``chance.select_due``), likeliest first. Customers with fewer than three purchases,
    or lapsed ones, are never listed.
    """
    today = clock.today()
    first = parse_date(start, field="from") or today
    last = parse_date(end, field="to") or first + dt.timedelta(days=DEFAULT_DAYS - 1)

    def compute() -> Answer:
        scope = resolve_products(session, shop_id=shop_id, name=product) if product else None
        candidates = index_items(_items(session, _query(shop_id, first, scope), first, last, today))
        return _answer(scope, candidates)

    def _answer(scope: ProductScope | None, candidates: dict[int, list[RestockItem]]) -> Answer:
        cut = _cut(candidates)
        items = sorted((i for mine in candidates.values() for i in mine if i.chance >= cut), key=_order)
        report = RestockReport(
            product=scope.label if scope else None, start=first, end=last, today=today, items=items
        )
        # Everyone's chances are kept: the cut depends on all of them (``select_due``).
        return Answer(report, (scope, cut, candidates), index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        scope, cut, candidates = answer.state
        query = _query(shop_id, first, scope)
        fresh = index_items(
            item
            for batch in chunks(sorted(customers))
            for item in _items(session, query.where(PurchaseStat.customer_id.in_(batch)), first, last, today)
        )
        candidates = {k: v for k, v in candidates.items() if k not in customers} | fresh
        if _cut(candidates) != cut:
            return _answer(scope, candidates)  # the bar moved: every customer is judged again
        listed = [item for mine in fresh.values() for item in mine if item.chance >= cut]
        return patch_items(answer, listed, customers, _order, state=(scope, cut, candidates))

    return cached(
        session,
        ("restock-due", shop_id, product, first, last),
        depends=Depends(customers=True),
        compute=compute,
        patch=patch,
    )


def _cut(candidates: dict[int, list[RestockItem]]) -> float:
    """The chance a candidate needs to be listed (``chance.select_due`` over every candidate)."""
    chances = [item.chance for mine in candidates.values() for item in mine]
    return select_due(dict(enumerate(chances))) if chances else 1.0


def _order(item: RestockItem) -> tuple:
    return (-item.chance, item.due_date, item.customer, item.product)


def _query(shop_id: int, first: dt.date, scope: ProductScope | None) -> Select:
    """Rows not lapsed before ``first`` (so with a rhythm): the scope's, or every staple's."""
    # Plain columns, not entities: a big shop's week can be thousands of rows.
    query = (
        select(
            PurchaseStat.customer_id,
            Customer.name.label("customer"),
            Product.name.label("product"),
            PurchaseStat.category,
            PurchaseStat.unit,
            PurchaseStat.purchases,
            PurchaseStat.first_day,
            PurchaseStat.last_day,
            PurchaseStat.last_quantity,
            PurchaseStat.usual_gap,
            PurchaseStat.days_per_unit,
            PurchaseStat.gap_spread,
            PurchaseStat.habit_day,
            PurchaseStat.next_due,
        )
        .join(Customer, Customer.id == PurchaseStat.customer_id)
        .outerjoin(Product, Product.id == PurchaseStat.product_id)
        .where(PurchaseStat.shop_id == shop_id, PurchaseStat.lapse_after >= first)
    )
    if scope is not None:
        return query.where(PurchaseStat.item_key.in_(scope.stat_keys))
    return query.where(PurchaseStat.is_group.is_(True))


def _items(session: Session, query: Select, first: dt.date, last: dt.date, today: dt.date) -> list[RestockItem]:
    return [_item(row, first, last, today) for row in rows(session, query)]


def _item(stat, first: dt.date, last: dt.date, today: dt.date) -> RestockItem:  # noqa: ANN001 (a query row)
    pace = Pace(
        purchases=stat.purchases,
        first_day=stat.first_day,
        last_day=stat.last_day,
        expected_gap=float((stat.next_due - stat.last_day).days),
        spread=None if stat.gap_spread is None else float(stat.gap_spread),
    )
    likely = round(chance(pace, first, last), 3)
    usual = stat.usual_gap
    qty = quantity_text(stat.last_quantity)
    if stat.habit_day:
        evidence = f"usually around the {_ordinal(stat.habit_day)} of the month"
        evidence_zh = f"通常每月{stat.habit_day}号左右买"
    else:
        evidence = f"usually every {quantity_text(usual)} days"
        evidence_zh = f"通常每{quantity_text(usual)}天买一次"
    ago = (first - stat.last_day).days
    when = "today" if ago == 0 else "1 day ago" if ago == 1 else f"{ago} days ago"
    when_zh = "当天" if ago == 0 else f"{ago}天前"
    evidence += f", last {when} ({stat.last_day.isoformat()}, {qty} {stat.unit}".rstrip() + ")"
    evidence += f"; {likely:.0%} likely"
    evidence_zh += f",上次{when_zh}({stat.last_day.isoformat()})买了{qty}{stat.unit};可能性{likely:.0%}"
    return RestockItem(
        customer_id=stat.customer_id,
        customer=stat.customer,
        product=stat.product or stat.category or "",
        due_date=stat.next_due,
        days_overdue=max(0, (today - stat.next_due).days),
        last_purchase=stat.last_day,
        last_quantity=stat.last_quantity,
        unit=stat.unit,
        purchases=stat.purchases,
        usual_gap_days=usual,
        days_per_unit=stat.days_per_unit,
        habit_day=stat.habit_day,
        chance=likely,
        evidence=evidence,
        evidence_zh=evidence_zh,
    )


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _when_zh(item: RestockItem, today: dt.date) -> str:
    if item.days_overdue:
        return f"已过{item.days_overdue}天"
    if item.due_date == today:
        return "今天"
    return f"{item.due_date.day}号左右"


def _when_en(item: RestockItem, today: dt.date) -> str:
    if item.days_overdue:
        return f"{item.days_overdue} days overdue"
    if item.due_date == today:
        return "today"
    return f"around the {_ordinal(item.due_date.day)}"
