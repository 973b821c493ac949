"""campaigns: for each promotion, how many of the customers who used it came back within 30 days, against
comparable customers who did not use it (``shop.promotion_effect``: with a 95% interval, so the owner
hears when the difference could be chance).

A customer counts once per promotion, from the day they first used it; "came back" is a sale that counts on
a later day within ``RETURN_DAYS`` (precomputed in ``promotion_uses`` by ``shop.purchase_stats``).
Customers whose window has not ended and who have not come back yet are ``pending``: left out of the rate
rather than counted as lost. Walk-ins (no customer) cannot come back by name and are not counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Promotion, PromotionUse, Sale
from assistant.shop.promotion_effect import Comparison, compare
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
    others: int = 0  # comparable customers who did not use it (judged ones)
    others_came_back: int = 0
    others_rate: Decimal | None = None
    difference: Decimal | None = None  # return_rate - others_rate
    difference_low: Decimal | None = None  # its 95% interval
    difference_high: Decimal | None = None
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
    )
    return_days: int
    items: list[CampaignItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 满减券效果最好:20位用过的顾客里12位30天内又来了(60%);试用装:..."""
        check_lang(lang)
        judged = [i for i in self.items if i.return_rate is not None]
        if not judged:
            return (
                "还没有可以比较的促销数据。" if lang == "zh" else "No promotion has results to compare yet."
            )
        parts = []
        for i in judged[:3]:
            pct = round(float(i.return_rate) * 100)
            decided = i.customers - i.pending
            parts.append(
                f"{i.promotion}:{decided}位里{i.came_back}位{self.return_days}天内回来了({pct}%)"
                if lang == "zh"
                else f"{i.promotion}: {i.came_back} of {decided} came back within {self.return_days} days "
                f"({pct}%)"
            )
        best = judged[0]
        if lang == "zh":
            return f"{best.promotion}效果最好。" + ";".join(parts) + "。" + _versus_zh(best, self.return_days)
        return f"{best.promotion} worked best. " + "; ".join(parts) + "." + _versus_en(best, self.return_days)


def _versus_zh(item: CampaignItem, days: int) -> str:
    if item.others_rate is None:
        return ""
    said = f"同期没用{item.promotion}的{item.others}位顾客里{round(float(item.others_rate) * 100)}%{days}天内回来了"
    return said + (",差别可能只是巧合。" if item.could_be_chance else ",差别不像是巧合。")


def _versus_en(item: CampaignItem, days: int) -> str:
    if item.others_rate is None:
        return ""
    said = (
        f" Of {item.others} customers who shopped then without it, "
        f"{round(float(item.others_rate) * 100)}% came back within {days} days"
    )
    return said + ("; the difference could be chance." if item.could_be_chance else "; unlikely to be chance.")


def campaigns(session: Session, *, shop_id: int) -> CampaignReport:
    """Each promotion's customers and how many came back within ``RETURN_DAYS`` of first using it."""
    # Promotion uses are per customer: any customer's change means counting again (a few ms).
    return cached(
        session,
        ("campaigns", shop_id),
        depends=Depends(customers=True),
        compute=lambda: Answer(_campaigns(session, shop_id=shop_id)),
    )


def _campaigns(session: Session, *, shop_id: int) -> CampaignReport:
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
    users: dict[int, set[int]] = {}
    for promotion_id, customer_id in session.execute(
        select(PromotionUse.promotion_id, PromotionUse.customer_id).where(PromotionUse.shop_id == shop_id)
    ):
        users.setdefault(promotion_id, set()).add(customer_id)
    visits = _visits(session, shop_id=shop_id, figures=figures.values())
    items = []
    for promotion_id, name in session.execute(
        select(Promotion.id, Promotion.name).where(Promotion.shop_id == shop_id)
    ):
        row = figures.get(promotion_id)
        customers, back, pending = (row.customers, int(row.came_back), int(row.pending)) if row else (0, 0, 0)
        decided = customers - pending
        versus = (
            compare(
                users_back=back,
                users_judged=decided,
                user_ids=users.get(promotion_id, set()),
                visits=visits,
                first=row.first_used,
                last=row.last_used,
                today=today,
                return_days=RETURN_DAYS,
            )
            if row
            else None
        )
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
    return CampaignReport(return_days=RETURN_DAYS, items=items)


def _versus_fields(versus: Comparison | None) -> dict:
    if versus is None:
        return {}
    return {
        "others": versus.others,
        "others_came_back": versus.others_back,
        "others_rate": _rate(versus.others_rate),
        "difference": _rate(versus.difference),
        "difference_low": _rate(versus.low),
        "difference_high": _rate(versus.high),
        "could_be_chance": versus.could_be_chance,
    }


def _rate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 3)))


def _visits(session: Session, *, shop_id: int, figures) -> dict[int, list[dt.date]]:  # noqa: ANN001
    """Each customer's visit days (receipts that count) from the first promotion's start to RETURN_DAYS
    past the last one's end: what the comparison needs. One row per customer and day, from the receipts
    rather than their items (a real year is 1.5 M items, 10 times fewer receipts, fewer days still)."""
    spans = [(row.first_used, row.last_used) for row in figures]
    if not spans:
        return {}
    first = min(a for a, _ in spans)
    last = max(b for _, b in spans) + dt.timedelta(days=RETURN_DAYS)
    day = func.date(Sale.sold_at)
    rows = session.execute(
        select(Sale.customer_id, day)
        .where(
            Sale.shop_id == shop_id,
            Sale.customer_id.is_not(None),
            Sale.sold_at >= dt.datetime.combine(first, dt.time()),
            Sale.sold_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()),
            sale_counts(),
        )
        .group_by(Sale.customer_id, day)
    )
    visits: dict[int, list[dt.date]] = {}
    for customer_id, when in rows:
        # SQLite's date() is text, PostgreSQL's a date.
        visits.setdefault(customer_id, []).append(when if isinstance(when, dt.date) else dt.date.fromisoformat(when))
    return {customer_id: sorted(days) for customer_id, days in visits.items()}
