"""campaigns: for each promotion, how many of the customers who used it came back within 30 days, against
comparable customers who did not use it (``shop.promotion_effect``: with a 95% interval, so the owner
hears when the difference could be chance).

A customer counts once per promotion, from the day they first used it; "came back" is a sale that counts on
a later day within ``RETURN_DAYS`` (precomputed in ``promotion_uses`` by ``shop.purchase_stats``).
Customers whose window has not ended and who have not come back yet are ``pending``: left out of the rate
rather than counted as lost. Walk-ins (no customer) cannot come back by name and are not counted.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Promotion, PromotionUse, Sale
from assistant.shop.promotion_effect import (
    LOOKBACK_DAYS,
    Comparison,
    Judged,
    comparable_others,
    compare,
    visit_stratum,
)
from assistant.shop.purchase_stats import RETURN_DAYS
from assistant.shop.reports._common import Report, check_lang
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.sales_query import sale_counts


@dataclass(frozen=True)
class CampaignItem:
    """One promotion's figures."""

    promotion_id: int
    promotion: str
    uses: int  # days on which a customer used it
    customers: int
    came_back: int
    pending: int
    return_rate: Decimal | None
    first_used: dt.date | None
    last_used: dt.date | None
    # Against customers who shopped as often in the LOOKBACK_DAYS before (shop.promotion_effect):
    users_matched: int = 0  # judged users with such customers to compare with
    users_unmatched: int = 0
    matched_rate: Decimal | None = None  # the matched users' return rate
    others: int = 0  # comparable customers who did not use it (judged ones)
    others_came_back: int = 0
    others_rate: Decimal | None = None  # weighted to the users' visit frequencies (not others_came_back / others)
    difference: Decimal | None = None  # matched_rate - others_rate
    difference_low: Decimal | None = None  # its 95% interval
    difference_high: Decimal | None = None
    p_value: Decimal | None = None  # stratified permutation test
    could_be_chance: bool = True


@dataclass
class CampaignReport(Report):
    """Every promotion, best return rate first."""

    name: ClassVar[str] = "campaigns"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("promotion", "promotion"),
        ("customers", "customers"),
        ("came back", "came_back"),
        ("pending", "pending"),
        ("rate", "return_rate"),
        ("matched", "users_matched"),
        ("comparable rate", "others_rate"),
        ("difference", "difference"),
        ("low", "difference_low"),
        ("high", "difference_high"),
        ("could be chance", "could_be_chance"),
    )
    return_days: int
    items: list[CampaignItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 满减券效果最好:跟平时来得一样勤却没用过它的顾客比,用过的顾客回来得更多,不像是巧合。满减券:16位里16位30天内
        回来了(100%),可比的没用过的顾客是13%(高87个百分点,不像是巧合);试用装:..."""
        check_lang(lang)
        judged = [i for i in self.items if i.return_rate is not None]
        if not judged:
            return (
                "还没有可以比较的促销数据。" if lang == "zh" else "No promotion has results to compare yet."
            )
        # Best only when it beat customers who shopped as often and the gap is unlikely to be chance.
        clear = [i for i in judged if not i.could_be_chance and i.difference is not None and i.difference > 0]
        best = max(clear, key=lambda i: (i.difference, i.users_matched)) if clear else None
        listed = ([best] if best else []) + [i for i in judged if i is not best][: 2 if best else 3]
        compared = [i for i in judged if i.others_rate is not None]
        all_chance = all(i.could_be_chance for i in compared)  # else some did clearly worse
        say = _said_zh if lang == "zh" else _said_en
        parts = [say(i, self.return_days) for i in listed]
        if lang == "zh":
            if best:
                head = f"{best.promotion}效果最好:跟平时来得一样勤却没用过它的顾客比,用过的顾客回来得更多,不像是巧合。"
            elif compared:
                head = "还说不准哪个活动效果好:跟平时来得一样勤却没用过活动的顾客比," + (
                    "差别都可能只是巧合。" if all_chance else "没有哪个活动的顾客明显回来得更多。"
                )
            else:
                head = "还没有同期没用活动的顾客可以比较,说不准哪个活动效果好。"
            return head + ";".join(parts) + "。"
        if best:
            head = (
                f"{best.promotion} worked best: more of its users came back than customers who had shopped as "
                "often and did not use it, unlikely to be chance. "
            )
        elif compared:
            head = (
                "No promotion can be said to work best yet: against customers who had shopped as often and "
                "did not use it, "
                + ("every difference could be chance. " if all_chance else "none brought clearly more back. ")
            )
        else:
            head = "No customers who skipped the promotions to compare with yet, so none can be called best. "
        return head + "; ".join(parts) + "."


def _said_zh(item: CampaignItem, days: int) -> str:
    decided = item.customers - item.pending
    said = f"{item.promotion}:{decided}位里{item.came_back}位{days}天内回来了({_pct(item.return_rate)}%)"
    if item.others_rate is None:
        return said
    said += f",可比的没用过的顾客是{_pct(item.others_rate)}%"
    said += f"({_points_zh(item.difference)},{'可能只是巧合' if item.could_be_chance else '不像是巧合'})"
    if item.users_unmatched:
        said += f",另有{item.users_unmatched}位找不到可比的顾客"
    return said


def _said_en(item: CampaignItem, days: int) -> str:
    decided = item.customers - item.pending
    said = f"{item.promotion}: {item.came_back} of {decided} came back within {days} days ({_pct(item.return_rate)}%)"
    if item.others_rate is None:
        return said
    said += (
        f", comparable non-users {_pct(item.others_rate)}% ({_points_en(item.difference)}, "
        f"{'could be chance' if item.could_be_chance else 'unlikely to be chance'})"
    )
    if item.users_unmatched:
        said += f", {item.users_unmatched} with no comparable customer"
    return said


def _pct(rate: Decimal | None) -> int:
    return round(float(rate or 0) * 100)


def _points_zh(difference: Decimal | None) -> str:
    points = round(float(difference or 0) * 100)
    return "一样" if not points else f"高{points}个百分点" if points > 0 else f"低{-points}个百分点"


def _points_en(difference: Decimal | None) -> str:
    points = round(float(difference or 0) * 100)
    return "the same" if not points else f"{points:+d} point{'s' if abs(points) > 1 else ''}"


def campaigns(session: Session, *, shop_id: int) -> CampaignReport:
    """Each promotion's customers and how many came back within ``RETURN_DAYS`` of first using it."""
    # Promotion uses are per customer: any customer's change means counting again (a few ms). The comparison
    # with comparable non-users reads every customer's visits (seconds at 100,000 customers): after this
    # process's own writes it is kept from the answer being patched (a day's sales move it by a hair), and
    # worked out again whenever the answer is computed afresh (a new day, an import, another process's write).

    def compute() -> Answer:
        report, comparisons = _campaigns(session, shop_id=shop_id, comparisons=None)
        return Answer(report, state=comparisons)

    def patch(answer: Answer, customers: frozenset[int], kinds: frozenset[str]) -> Answer:
        report, comparisons = _campaigns(session, shop_id=shop_id, comparisons=answer.state)
        return Answer(report, state=comparisons)

    return cached(session, ("campaigns", shop_id), depends=Depends(customers=True), compute=compute, patch=patch)


def _campaigns(session: Session, *, shop_id: int, comparisons: dict[int, Comparison | None] | None
               ) -> tuple[CampaignReport, dict[int, Comparison | None]]:
    """The report, with each promotion's comparison taken from ``comparisons`` when given (else worked out)."""
    today = clock.today_for(session)
    window_open = and_(
        PromotionUse.came_back.is_(False), PromotionUse.first_day >= today - dt.timedelta(days=RETURN_DAYS)
    )
    figures = {
        row.promotion_id: row
        for row in session.execute(
            select(
                PromotionUse.promotion_id,
                func.count().label("customers"),
                func.sum(PromotionUse.uses).label("uses"),
                func.sum(case((PromotionUse.came_back.is_(True), 1), else_=0)).label("came_back"),
                func.sum(case((window_open, 1), else_=0)).label("pending"),
                func.min(PromotionUse.first_day).label("first_used"),
                func.max(PromotionUse.last_day).label("last_used"),
            )
            .where(PromotionUse.shop_id == shop_id)
            .group_by(PromotionUse.promotion_id)
        )
    }
    if comparisons is None:
        comparisons = _comparisons(session, shop_id=shop_id, figures=figures, today=today)
    items = []
    for promotion_id, name in session.execute(
        select(Promotion.id, Promotion.name).where(Promotion.shop_id == shop_id)
    ):
        row = figures.get(promotion_id)
        customers, back, pending = (row.customers, int(row.came_back), int(row.pending)) if row else (0, 0, 0)
        decided = customers - pending
        versus = comparisons.get(promotion_id) if row else None
        items.append(
            CampaignItem(
                promotion_id=promotion_id,
                promotion=name,
                uses=int(row.uses) if row else 0,
                customers=customers,
                came_back=back,
                pending=pending,
                return_rate=(Decimal(back) / decided).quantize(Decimal("0.001")) if decided else None,
                first_used=row.first_used if row else None,
                last_used=row.last_used if row else None,
                **_versus_fields(versus),
            )
        )
    items.sort(key=lambda i: (i.return_rate is None, -(i.return_rate or 0), -i.customers, i.promotion))
    return CampaignReport(return_days=RETURN_DAYS, items=items), comparisons


def _comparisons(session: Session, *, shop_id: int, figures: dict, today: dt.date) -> dict[int, Comparison | None]:
    """Each used promotion's judged users against the non-users who shopped as often (``_versus``)."""
    users: dict[int, dict[int, tuple[dt.date, bool]]] = {}  # promotion: {customer: (first use, back)}
    for promotion_id, customer_id, first_day, came_back in session.execute(
        select(PromotionUse.promotion_id, PromotionUse.customer_id, PromotionUse.first_day, PromotionUse.came_back)
        .where(PromotionUse.shop_id == shop_id)
    ):
        users.setdefault(promotion_id, {})[customer_id] = (first_day, bool(came_back))
    visits = _visits(session, shop_id=shop_id, figures=figures.values())
    return {
        promotion_id: _versus(users.get(promotion_id, {}), visits, last=row.last_used, today=today)
        for promotion_id, row in figures.items()
    }


def _versus(
    used: dict[int, tuple[dt.date, bool]],
    visits: dict[int, list[dt.date]],
    *,
    last: dt.date,
    today: dt.date,
) -> Comparison:
    """A promotion's judged users against the non-users of the same visit frequency."""
    users = [
        Judged(visit_stratum(visits.get(customer_id, []), start), came_back)
        for customer_id, (start, came_back) in sorted(used.items())
        if came_back or start + dt.timedelta(days=RETURN_DAYS) < today  # pending ones wait, as in the rate
    ]
    began = min(start for start, _ in used.values())
    # Which of their visits since it began each user first used it on: 0 for the first, 1 for the second...
    # (in customer order, so the seeded draw is the same on every database)
    positions = [
        bisect.bisect_left(visits.get(customer_id, []), start) - bisect.bisect_left(visits.get(customer_id, []), began)
        for customer_id, (start, _) in sorted(used.items())
    ]
    others = comparable_others(
        user_ids=set(used),
        visits=visits,
        positions=positions,
        first=began,
        last=last,
        today=today,
        return_days=RETURN_DAYS,
    )
    return compare(users, others)


def _versus_fields(versus: Comparison | None) -> dict:
    if versus is None:
        return {}
    return {
        "users_matched": versus.users_matched,
        "users_unmatched": versus.users_unmatched,
        "matched_rate": _rate(versus.matched_back / versus.users_matched if versus.users_matched else None),
        "others": versus.others,
        "others_came_back": versus.others_back,
        "others_rate": _rate(versus.others_rate),
        "difference": _rate(versus.difference),
        "difference_low": _rate(versus.low),
        "difference_high": _rate(versus.high),
        "p_value": None if versus.p_value is None else Decimal(str(round(versus.p_value, 4))),
        "could_be_chance": versus.could_be_chance,
    }


def _rate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 3)))


def _visits(session: Session, *, shop_id: int, figures) -> dict[int, list[dt.date]]:  # noqa: ANN001
    """Each customer's visit days (receipts that count) from LOOKBACK_DAYS before the first promotion's
    start to RETURN_DAYS past the last one's end: what the comparison needs. One row per customer and day, from the receipts
    rather than their items (a real year is 1.5 M items, 10 times fewer receipts, fewer days still)."""
    spans = [(row.first_used, row.last_used) for row in figures]
    if not spans:
        return {}
    first = min(a for a, _ in spans) - dt.timedelta(days=LOOKBACK_DAYS)  # the users' strata look back
    last = max(b for _, b in spans) + dt.timedelta(days=RETURN_DAYS)
    day = func.date(Sale.sold_at)
    days = (
        select(Sale.customer_id.label("customer_id"), day.label("day"))
        .where(
            Sale.shop_id == shop_id,
            Sale.customer_id.is_not(None),
            Sale.sold_at >= dt.datetime.combine(first, dt.time()),
            Sale.sold_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()),
            sale_counts(),
        )
        .group_by(Sale.customer_id, day)
        .subquery()
    )
    # One row per customer with their days joined ("2026-03-01,2026-03-09"): 100,000 rows rather than
    # 800,000 through the driver and SQLAlchemy, which cost more than the query. Core on the session's
    # connection: the ORM's row handling is not needed.
    if session.get_bind().dialect.name == "postgresql":
        joined = func.string_agg(func.to_char(days.c.day, "YYYY-MM-DD"), ",")
    else:
        joined = func.group_concat(days.c.day, ",")  # SQLite's date() is already that text
    rows = session.connection().execute(select(days.c.customer_id, joined).group_by(days.c.customer_id))
    parsed: dict[str, dt.date] = {}  # one date per distinct day, parsed once

    def parse(text: str) -> dt.date:
        found = parsed.get(text)
        if found is None:
            found = parsed[text] = dt.date.fromisoformat(text)
        return found

    return {customer_id: sorted(map(parse, joined_days.split(","))) for customer_id, joined_days in rows}
