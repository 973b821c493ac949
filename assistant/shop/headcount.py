"""How many customers the shop has ("店里一共有多少顾客", "how many customers do we have"), and how many
of them are regulars: the inactive report's regulars, who have come on at least ``MIN_VISITS`` days."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, PurchaseStat
from assistant.shop.purchase_stats import VISITS_KEY
from assistant.shop.reports.inactive import MIN_VISITS


@dataclass(frozen=True)
class Headcount:
    """The shop's customers on record and the regulars among them."""

    customers: int
    regulars: int

    def summary(self, language: str) -> str:
        """"店里一共有80位顾客,其中常来的老顾客(来过3天以上)62位。" / "The shop has 80 customers; 62 are regulars …"."""
        if language == "en":
            noun = "customer" if self.customers == 1 else "customers"
            return (f"The shop has {self.customers} {noun} on record; {self.regulars} of them are regulars "
                    f"(in on {MIN_VISITS} days or more).")
        return f"店里一共有{self.customers}位顾客,其中常来的老顾客(来过{MIN_VISITS}天以上){self.regulars}位。"


def headcount(session: Session, *, shop_id: int) -> Headcount:
    """The number of the shop's customers, and of its regulars."""
    customers = session.execute(select(func.count(Customer.id)).where(Customer.shop_id == shop_id)).scalar() or 0
    regulars = session.execute(
        select(func.count(PurchaseStat.customer_id)).where(
            PurchaseStat.shop_id == shop_id, PurchaseStat.item_key == VISITS_KEY, PurchaseStat.purchases >= MIN_VISITS)
    ).scalar() or 0
    return Headcount(customers=customers, regulars=regulars)
