"""inactive (win-back): regulars who have stayed away for longer than both N days and their own rhythm."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, PurchaseStat
from assistant.errors import Invalid
from assistant.shop.forecast.chance import MIN_LISTED, Pace, weekly_chance
from assistant.shop.purchase_stats import VISITS_KEY
from assistant.shop.reports._common import Report, check_lang, chunks, money, rows, spoken_list
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items

# A regular has come on at least this many different days; one-off customers are not "lost".
MIN_VISITS = 3
# "Probably lapsed" is the restock forecast's own judgement (``shop.forecast``) on their visits: a weekly
# chance of coming back under ``MIN_LISTED``, the chance below which no list calls anyone due.


@dataclass(frozen=True)
class InactiveItem:
    """A regular who stopped coming, with what they used to spend."""

    customer_id: int
    customer: str
    last_visit: dt.date
    days_away: int
    visits: int
    usual_gap_days: Decimal | None
    chance_back: float  # of a visit in the coming week, by the same forecast as restock-due
    total_spent: Decimal
    monthly_spend: Decimal
    phone: str | None
    marketing_consent: bool


@dataclass
class InactiveReport(Report):
    """Regulars away for at least ``days`` days and longer than their rhythm, biggest spenders first."""

    name: ClassVar[str] = "inactive"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("last visit", "last_visit"),
        ("days away", "days_away"),
        ("visits", "visits"),
        ("usual gap", "usual_gap_days"),
        ("spent/month", "monthly_spend"),
        ("total spent", "total_spent"),
    )
    days: int
    today: dt.date
    items: list[InactiveItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 超过30天没来的老顾客有2位:王秀英(45天)、李建国(38天)。"""
        check_lang(lang)
        if not self.items:
            return (
                f"没有超过{self.days}天没来的老顾客。"
                if lang == "zh"
                else f"No regular has been away for more than {self.days} days."
            )
        if lang == "zh":
            listed = spoken_list(self.items, lang, say=lambda i: f"{i.customer}({i.days_away}天)", counter=None)
            return f"超过{self.days}天没来的老顾客有{len(self.items)}位:{listed}。"
        listed = spoken_list(self.items, lang, say=lambda i: f"{i.customer} ({i.days_away} days)")
        return f"{len(self.items)} regulars away for over {self.days} days: {listed}."


MAX_DAYS = 36_500


def inactive(
    session: Session, *, shop_id: int, days: int | str = 30, max_days: int | None = None
) -> InactiveReport:
    """Regulars (``MIN_VISITS``+ visits) away for ``days``+ days whom the forecast takes to have lapsed
    (and, with ``max_days``, away no longer than that: the ones who went quiet recently)."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise Invalid(f"days {days!r} is not a whole number of days", field="days") from None
    if days < 1:
        raise Invalid("days must be at least 1", field="days")
    if days > MAX_DAYS:  # further back than any shop's records; a date that far cannot even be computed
        raise Invalid(f"days must be at most {MAX_DAYS} (100 years)", field="days")
    today = clock.today()
    query = (
        select(
            PurchaseStat.customer_id,
            Customer.name,
            Customer.phone,
            Customer.marketing_consent,
            PurchaseStat.last_day,
            PurchaseStat.first_day,
            PurchaseStat.purchases,
            PurchaseStat.usual_gap,
            PurchaseStat.total_amount,
            PurchaseStat.next_due,
            PurchaseStat.gap_spread,
        )
        .join(Customer, Customer.id == PurchaseStat.customer_id)
        .where(
            PurchaseStat.shop_id == shop_id,
            PurchaseStat.item_key == VISITS_KEY,
            PurchaseStat.purchases >= MIN_VISITS,
            PurchaseStat.last_day <= today - dt.timedelta(days=days),
            PurchaseStat.last_day >= today - dt.timedelta(days=max_days or 36500),
        )
    )

    def compute() -> Answer:
        items = _items(rows(session, query), today)
        items.sort(key=_order)
        return Answer(InactiveReport(days=days, today=today, items=items), index=index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        fresh = [
            item
            for batch in chunks(sorted(customers))
            for item in _items(rows(session, query.where(PurchaseStat.customer_id.in_(batch))), today)
        ]
        return patch_items(answer, fresh, customers, _order)

    return cached(
        session,
        ("inactive", shop_id, days, max_days),
        depends=Depends(customers=True),
        compute=compute,
        patch=patch,
    )


def _order(item: InactiveItem) -> tuple:
    return (-item.monthly_spend, -item.total_spent, item.customer)


def _items(rows: Iterable, today: dt.date) -> list[InactiveItem]:
    items = []
    one = Decimal(1)
    for row in rows:
        customer_id, name, phone, consent, last_day, first_day, visits, usual_gap, total_amount = row[:9]
        away = (today - last_day).days
        gap = Decimal(usual_gap) if usual_gap is not None else None
        back = _chance_back(row, today)
        if back >= MIN_LISTED:
            continue
        total = Decimal(total_amount)
        # Their spending per month while they were coming: the span of their visits plus one usual gap.
        months = Decimal((last_day - first_day).days + (gap or 30)) / 30
        items.append(
            InactiveItem(
                customer_id=customer_id,
                customer=name,
                last_visit=last_day,
                days_away=away,
                visits=visits,
                usual_gap_days=gap,
                chance_back=back,
                total_spent=money(total),
                monthly_spend=money(total / max(months, one)),
                phone=phone,
                marketing_consent=bool(consent),
            )
        )
    return items


def _chance_back(row, today: dt.date) -> float:  # noqa: ANN001 (a row of inactive's query)
    """The forecast's chance that they visit in the week from ``today``."""
    pace = Pace(
        purchases=row.purchases,
        first_day=row.first_day,
        last_day=row.last_day,
        expected_gap=float((row.next_due - row.last_day).days) if row.next_due else float(row.usual_gap or 30),
        spread=None if row.gap_spread is None else float(row.gap_spread),
    )
    return round(weekly_chance(pace, today), 3)
