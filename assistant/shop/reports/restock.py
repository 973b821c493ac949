"""restock-due: who is due to buy a product (or category) again, from their own rhythm (``shop.rhythm``) and
their visits to the shop (``shop.forecast``).

One list behind every door: the API's items are everyone at or above the forecast's cut (``select_due``),
one per customer (asked for no product, a customer's other staples ride along in ``also``), each marked
``confident`` when at least ``forecast.CONFIDENT`` likely. The answer (chat, voice) and Today's cards read
the confident ones only, so "这周谁该补米了" names exactly the people Today shows for rice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from assistant import clock
from assistant.db.models import Customer, Product, PurchaseStat
from assistant.shop.forecast.chance import (
    CONFIDENT,
    MIN_PURCHASES,
    UNNAMED_WEEKS,
    Pace,
    chance,
    list_order,
    select_due,
    unnamed_expected,
    weekly_rate,
)
from assistant.shop.purchase_stats import VISITS_KEY
from assistant.shop.reports._common import (
    ProductScope,
    chunks,
    parse_date,
    quantity_text,
    resolve_products,
    rows,
)
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items, replaced
from assistant.shop.reports.lists import ListReport
from assistant.shop.reports.restock_wording import ordinal, when_en, when_zh

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
    confident: bool  # at least ``CONFIDENT`` likely: said in the answer and shown on Today
    evidence: str
    evidence_zh: str
    also: tuple[RestockItem, ...] = ()  # the same customer's other staples on the list, surest first
    _weekly_rate: float = 0.0  # purchases a week: orders the near-certain (``chance.list_order``); not in JSON


@dataclass
class RestockReport(ListReport):
    """Everyone likely to buy ``product`` (or any staple) between ``start`` and ``end``, surest first (the
    chance discounted for a short record, ``chance.list_order``), one item per customer."""

    name: ClassVar[str] = "restock-due"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("product", "product"),
        ("due", "due_date"),
        ("overdue days", "days_overdue"),
        ("chance", "chance"),
        ("confident", "confident"),
        ("evidence", "evidence"),
    )
    product: str | None
    start: dt.date
    end: dt.date
    today: dt.date
    items: list[RestockItem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """CONTRACT §6's object, plus ``confident_count``: how many customers the answer and Today name."""
        return {**super().to_json(), "confident_count": len(self.said_items())}

    def said_items(self) -> list[RestockItem]:
        """The confident ones: the customers the answer names and Today shows."""
        return [item for item in self.items if item.confident]

    def list_title(self, lang: str) -> str:
        """该补米的 / due for 米."""
        if lang == "zh":
            return f"该补{self.product or '货'}的"
        return f"due for {self.product or 'their staples'}"

    def say_item(self, item: RestockItem, lang: str) -> str:
        """姜志玲(17号左右); asked for no product, with what: 夏华(面粉、鸡蛋,16号左右)."""
        products = "" if self.product else "、".join(i.product for i in _confident_dues(item))
        if lang == "zh":
            return f"{item.customer}({products + ',' if products else ''}{when_zh(item, self.today, self.end)})"
        products = products.replace("、", ", ")
        return f"{item.customer} ({products + ', ' if products else ''}{when_en(item, self.today, self.end)})"

    def empty_answer(self, lang: str) -> str:
        """Nobody due; or only people who might come, with how many (the API lists them, not confident)."""
        what_zh, what_en = self.product or "货", self.product or "their staples"
        if self.items:  # she may still call the likeliest of them: named, at most three
            n, names = len(self.items), [item.customer for item in self.items[:3]]
            if lang == "zh":
                more = "等" if n > len(names) else ""
                return f"这段时间没有人很可能来补{what_zh}。说不准、可能会来的有{n}位:{'、'.join(names)}{more}。"
            more = " and others" if n > len(names) else ""
            return (f"Nobody is likely to come for {what_en} in that period; {n} might, but it is uncertain: "
                    f"{', '.join(names)}{more}.")
        return f"这段时间没有人该补{what_zh}。" if lang == "zh" else f"Nobody is due for {what_en} in that period."


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
    expected F1 best (``chance.select_due``), and every confident one, surest first (``chance.list_order``),
    one item per customer. Customers with fewer than three purchases, or lapsed ones, are never listed.
    """
    today = clock.today_for(session)
    first = parse_date(start, field="from") or today
    last = parse_date(end, field="to") or first + dt.timedelta(days=DEFAULT_DAYS - 1)

    def compute() -> Answer:
        scope = resolve_products(session, shop_id=shop_id, name=product) if product else None
        candidates = index_items(_items(session, _query(shop_id, first, scope), first, last, today))
        return _answer(scope, candidates, _unnamed_rows(session, shop_id, first, scope))

    def _answer(scope: ProductScope | None, candidates: dict[int, list[RestockItem]],
                unnamed: dict[int, int]) -> Answer:
        chances = Chances.of(candidates)
        cut = chances.cut(unnamed)
        items = sorted(_listed(candidates, cut), key=_order)
        report = RestockReport(
            product=scope.label if scope else None, start=first, end=last, today=today, items=items
        )
        # Everyone's chances are kept: the cut depends on all of them (``select_due``), and on the unnamed
        # buyers, kept per customer so that a sale recounts only its customer's rows.
        return Answer(report, (scope, cut, candidates, unnamed, chances), index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        scope, cut, candidates, unnamed, chances = answer.state
        query = _query(shop_id, first, scope)
        fresh = index_items(
            item
            for batch in chunks(sorted(customers))
            for item in _items(session, query.where(PurchaseStat.customer_id.in_(batch)), first, last, today)
        )
        # Copied and then changed for the few customers, not rebuilt key by key (60,000 candidates: 20 ms).
        candidates = replaced(candidates, customers, fresh)
        unnamed = replaced(unnamed, customers, _unnamed_rows(session, shop_id, first, scope, customers))
        chances = chances.replaced(customers, fresh)
        new_cut = chances.cut(unnamed)
        # The bar moved: those with a chance between the old and the new bar are listed or dropped too
        # (judging every customer again took 200 ms after a sale at 100,000 customers).
        changed = customers | chances.between(min(cut, CONFIDENT), min(new_cut, CONFIDENT))
        judged = {k: candidates[k] for k in changed if k in candidates}
        return patch_items(answer, _listed(judged, new_cut), changed, _order,
                           state=(scope, new_cut, candidates, unnamed, chances))

    return cached(
        session,
        ("restock-due", shop_id, product, first, last),
        depends=Depends(customers=True),
        compute=compute,
        patch=patch,
    )


def confident_dues(items: Sequence[RestockItem]) -> tuple[tuple[RestockItem, ...], ...]:
    """Today's restock cards: per confident customer, every staple they are confidently due for."""
    return tuple(_confident_dues(item) for item in items if item.confident)


def _confident_dues(item: RestockItem) -> tuple[RestockItem, ...]:
    return (item, *(other for other in item.also if other.confident)) if item.confident else ()


@dataclass(frozen=True)
class Chances:
    """Every candidate's chances with their customers, as arrays: the cut and who it moves past are
    found in C, not by a Python pass over tens of thousands of items after every sale."""

    chances: np.ndarray
    owners: np.ndarray

    @classmethod
    def of(cls, candidates: dict[int, list[RestockItem]]) -> Chances:
        """The chances of ``candidates`` (customer → items)."""
        return cls(np.fromiter((i.chance for mine in candidates.values() for i in mine), dtype=float),
                   np.fromiter((k for k, mine in candidates.items() for _ in mine), dtype=np.int64))

    def replaced(self, customers: frozenset[int], fresh: dict[int, list[RestockItem]]) -> Chances:
        """These with ``customers``' chances replaced by ``fresh``'s."""
        keep = ~np.isin(self.owners, np.fromiter(customers, dtype=np.int64))
        added = Chances.of(fresh)
        return Chances(np.concatenate([self.chances[keep], added.chances]),
                       np.concatenate([self.owners[keep], added.owners]))

    def cut(self, unnamed: dict[int, int]) -> float:
        """The chance a candidate needs to be listed (``chance.select_due`` over every candidate)."""
        if not self.chances.size:
            return 1.0
        return select_due(self.chances, unnamed_expected(sum(unnamed.values())))

    def between(self, bar: float, other: float) -> frozenset[int]:
        """The customers with a chance from the lower of two bars up to (not including) the higher."""
        low, high = sorted((bar, other))
        if low == high:
            return frozenset()
        return frozenset(self.owners[(self.chances >= low) & (self.chances < high)].tolist())


def _unnamed_rows(session: Session, shop_id: int, first: dt.date, scope: ProductScope | None,
                  customers: frozenset[int] | None = None) -> dict[int, int]:
    """Per customer, their rows that count as buyers no list can name (``chance.unnamed_expected``): first
    bought, or last bought with at most ``MIN_PURCHASES`` purchases, in the last ``UNNAMED_WEEKS`` weeks.
    With ``customers``, theirs only (a sale recounts its customer's rows, not the shop's: at 100,000
    customers the whole count took 270 ms after every sale)."""
    since = first - dt.timedelta(weeks=UNNAMED_WEEKS)
    query = select(PurchaseStat.customer_id, func.count()).where(
        PurchaseStat.shop_id == shop_id,
        PurchaseStat.last_day >= since,
        or_(PurchaseStat.first_day >= since, PurchaseStat.purchases <= MIN_PURCHASES),
    ).group_by(PurchaseStat.customer_id)
    if scope is not None:
        query = query.where(PurchaseStat.item_key.in_(scope.stat_keys))
    else:
        query = query.where(PurchaseStat.is_group.is_(True))
    if customers is None:
        return {customer: count for customer, count in session.execute(query)}
    found: dict[int, int] = {}
    for batch in chunks(sorted(customers)):
        chosen = query.where(PurchaseStat.customer_id.in_(batch))
        found.update((customer, count) for customer, count in session.execute(chosen))
    return found


def _listed(candidates: dict[int, list[RestockItem]], cut: float) -> list[RestockItem]:
    """One item per customer with a due at or above the cut (or confident): the surest, the others in
    ``also``."""
    bar = min(cut, CONFIDENT)  # a confident due is always listed, whatever the cut
    listed = []
    for mine in candidates.values():
        due = sorted((item for item in mine if item.chance >= bar), key=_order)
        if due:
            listed.append(dataclasses.replace(due[0], also=tuple(due[1:])) if len(due) > 1 else due[0])
    return listed


def _order(item: RestockItem) -> tuple:
    # Surest first, the near-certain by how often they buy it (``chance.list_order``), then the due date.
    return (*list_order(item.chance, item.purchases, item._weekly_rate), item.due_date, item.customer,
            item.product)


def _query(shop_id: int, first: dt.date, scope: ProductScope | None) -> Select:
    """Rows not lapsed before ``first`` (so with a rhythm): the scope's, or every staple's."""
    # Plain columns, not entities: a big shop's week can be thousands of rows. The customer's visits to
    # the shop as a whole (their "*" row) are part of the forecast.
    visits = aliased(PurchaseStat)
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
            visits.purchases.label("visits"),
            visits.first_day.label("first_visit"),
            visits.last_day.label("last_visit"),
        )
        .join(Customer, Customer.id == PurchaseStat.customer_id)
        .outerjoin(Product, Product.id == PurchaseStat.product_id)
        .outerjoin(visits, (visits.customer_id == PurchaseStat.customer_id) & (visits.item_key == VISITS_KEY))
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
    visits = None
    if stat.visits is not None:
        visits = dataclasses.replace(
            pace, purchases=stat.visits, first_day=stat.first_visit, last_day=stat.last_visit
        )
    likely = round(chance(pace, first, last, visits), 3)
    usual = stat.usual_gap
    qty = quantity_text(stat.last_quantity)
    if stat.habit_day:
        evidence = f"usually around the {ordinal(stat.habit_day)} of the month"
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
        confident=likely >= CONFIDENT,
        evidence=evidence,
        evidence_zh=evidence_zh,
        _weekly_rate=weekly_rate(pace, first),
    )
