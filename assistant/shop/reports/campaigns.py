"""campaigns: for each promotion, how many of the customers who used it came back within 30 days.

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
from assistant.db.models import Promotion, PromotionUse
from assistant.shop.purchase_stats import RETURN_DAYS
from assistant.shop.reports._common import Report, check_lang
from assistant.shop.reports.cache import Answer, Depends, cached


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
        best = judged[0].promotion
        if lang == "zh":
            return f"{best}效果最好。" + ";".join(parts) + "。"
        return f"{best} worked best. " + "; ".join(parts) + "."


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
    today = clock.today()
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
    items = []
    for promotion_id, name in session.execute(
        select(Promotion.id, Promotion.name).where(Promotion.shop_id == shop_id)
    ):
        row = figures.get(promotion_id)
        customers, back, pending = (row.customers, int(row.came_back), int(row.pending)) if row else (0, 0, 0)
        decided = customers - pending
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
            )
        )
    items.sort(key=lambda i: (i.return_rate is None, -(i.return_rate or 0), -i.customers, i.promotion))
    return CampaignReport(return_days=RETURN_DAYS, items=items)
