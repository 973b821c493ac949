"""inactive: regulars whose last visit was more than N days ago, the ones they were worth most first.

A duration she says is literal: "谁一个月没来了" is every regular away more than 30 days. Whether one of
them has probably lapsed is the restock forecast's own judgement (``shop.forecast``) of their visits,
kept on each item (``lapsed``); the win-back list (Today's "最近不来了" cards, and "哪些熟客不来了" in the
chat, ``win_back``) is the regulars away more than N days, at most ``WIN_BACK_MAX_DAYS``, who have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, PurchaseStat
from assistant.errors import Invalid
from assistant.shop.forecast.chance import MIN_LISTED, Pace, weekly_chance
from assistant.shop.purchase_stats import VISITS_KEY
from assistant.shop.reports._common import chunks, money, rows
from assistant.shop.reports.cache import Answer, Depends, cached, index_items, patch_items
from assistant.shop.reports.lists import ListReport

# A regular has come on at least this many different days; one-off customers are not "lost".
MIN_VISITS = 3
# "Probably lapsed" is the restock forecast's judgement on their visits: a weekly chance of coming back
# under ``MIN_LISTED``, the chance below which no list calls anyone due.
# The win-back list keeps the ones who went quiet in the last few weeks: a call still brings them back,
# and it does not repeat everyone who left years ago every morning (a duration question has them).
WIN_BACK_MAX_DAYS = 60
DEFAULT_DAYS = 30
MAX_DAYS = 36_500


@dataclass(frozen=True)
class InactiveItem:
    """A regular who has not come for a while, with what they used to spend."""

    customer_id: int
    customer: str
    last_visit: dt.date
    days_away: int
    visits: int
    usual_gap_days: Decimal | None
    chance_back: float  # of a visit in the coming week, by the same forecast as restock-due
    lapsed: bool  # the forecast takes them to have stopped coming (chance_back under its bar)
    win_back: bool  # lapsed, and away no longer than WIN_BACK_MAX_DAYS: on the win-back list
    total_spent: Decimal
    monthly_spend: Decimal
    phone: str | None
    marketing_consent: bool


@dataclass
class InactiveReport(ListReport):
    """Regulars away more than ``days`` days (only the win-back ones with ``win_back``), biggest spenders
    first."""

    name: ClassVar[str] = "inactive"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("last visit", "last_visit"),
        ("days away", "days_away"),
        ("visits", "visits"),
        ("usual gap", "usual_gap_days"),
        ("spent/month", "monthly_spend"),
        ("total spent", "total_spent"),
        ("win back", "win_back"),
    )
    days: int
    today: dt.date
    win_back: bool = False
    items: list[InactiveItem] = field(default_factory=list)

    def list_title(self, lang: str) -> str:
        """超过30天没来的老顾客 / regulars away for over 30 days (最近不来了的老顾客 for the win-back list)."""
        if self.win_back:
            return "最近不来了的老顾客" if lang == "zh" else "regulars who stopped coming lately"
        return f"超过{self.days}天没来的老顾客" if lang == "zh" else f"regulars away for over {self.days} days"

    def say_item(self, item: InactiveItem, lang: str) -> str:
        """王秀英(45天) / 王秀英 (45 days)."""
        return f"{item.customer}({item.days_away}天)" if lang == "zh" else f"{item.customer} ({item.days_away} days)"

    def empty_answer(self, lang: str) -> str:
        """Nobody away that long (or nobody to win back)."""
        if self.win_back:
            return "最近没有不来了的老顾客。" if lang == "zh" else "No regular has stopped coming lately."
        if lang == "zh":
            return f"没有超过{self.days}天没来的老顾客。"
        return f"No regular has been away for more than {self.days} days."


def inactive(
    session: Session, *, shop_id: int, days: int | str = DEFAULT_DAYS, win_back: bool | str = False
) -> InactiveReport:
    """Regulars (``MIN_VISITS``+ visits) whose last visit was more than ``days`` days ago, biggest spenders
    first; with ``win_back``, only those the forecast takes to have lapsed within ``WIN_BACK_MAX_DAYS``."""
    days = _whole_days(days)
    wanted = _yes(win_back)
    today = clock.today_for(session)
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
            PurchaseStat.last_day < today - dt.timedelta(days=days),
        )
    )
    if wanted:  # the same rows and flags as the full list, only the recent ones read: its flagged items
        query = query.where(PurchaseStat.last_day >= today - dt.timedelta(days=WIN_BACK_MAX_DAYS))

    def listed(found: Iterable) -> list[InactiveItem]:
        items = _items(found, today)
        return win_backs(items) if wanted else items

    def compute() -> Answer:
        items = listed(rows(session, query))
        items.sort(key=_order)
        return Answer(InactiveReport(days=days, today=today, win_back=wanted, items=items), index=index_items(items))

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer:
        fresh = [
            item
            for batch in chunks(sorted(customers))
            for item in listed(rows(session, query.where(PurchaseStat.customer_id.in_(batch))))
        ]
        return patch_items(answer, fresh, customers, _order)

    return cached(
        session,
        ("inactive", shop_id, days, wanted),
        depends=Depends(customers=True),
        compute=compute,
        patch=patch,
    )


def win_backs(items: Sequence[InactiveItem]) -> list[InactiveItem]:
    """The items of a full list that are on the win-back list (Today's cards), in the list's order."""
    return [item for item in items if item.win_back]


def _whole_days(days: Any) -> int:
    """``days`` as a whole number of days from 1 to ``MAX_DAYS``; anything else is refused."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise Invalid(f"days {days!r} is not a whole number of days", field="days") from None
    if days < 1:
        raise Invalid("days must be at least 1", field="days")
    if days > MAX_DAYS:  # further back than any shop's records; a date that far cannot even be computed
        raise Invalid(f"days must be at most {MAX_DAYS} (100 years)", field="days")
    return days


def _yes(value: bool | str) -> bool:
    """A yes/no option given as a bool or as typed (yes, no, true, false, 1, 0)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"yes", "true", "1", "y"}:
        return True
    if text in {"no", "false", "0", "n", ""}:
        return False
    raise Invalid(f"win-back {value!r} is not yes or no", field="win-back")


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
        lapsed = back < MIN_LISTED
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
                lapsed=lapsed,
                win_back=lapsed and away <= WIN_BACK_MAX_DAYS,
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
