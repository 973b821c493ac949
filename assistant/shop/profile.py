"""What the shop knows about one customer, for the owner's eyes: facts, habits, consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, SaleItem
from assistant.shop.customers import birthday_of
from assistant.shop.sales_query import active_sale_items


@dataclass
class Profile:
    """A customer's profile: who they are, what they usually buy, when they last came."""

    customer_id: int
    name: str
    aliases: list[str]
    household: str | None
    phone: str | None
    birthday: str | None
    tags: list[dict[str, Any]]
    notes: str | None
    marketing_consent: bool
    usually_buys: list[dict[str, Any]] = field(default_factory=list)
    last_visit: dt.date | None = None
    visits: int = 0
    spent: Decimal = Decimal("0")

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict of the profile."""
        return {**self.__dict__, "last_visit": self.last_visit.isoformat() if self.last_visit else None,
                "spent": str(self.spent)}

    def summarise(self, language: str) -> str:
        """A short spoken answer: facts first (allergies matter most), then habits."""
        tags = [t["name"] for t in self.tags]
        top = [b["product"] for b in self.usually_buys[:3]]
        if language == "en":
            parts = [f"{self.name}" + (f" ({self.household})" if self.household else "") + "."]
            if tags:
                parts.append("Notes: " + ", ".join(tags) + ".")
            if top:
                parts.append("Usually buys " + ", ".join(top) + ".")
            if self.last_visit:
                parts.append(f"Last came {self.last_visit.isoformat()}.")
            if self.notes:
                parts.append(self.notes.replace("\n", "; ") + ".")
            if not self.marketing_consent:
                parts.append("No messages (no consent).")
            return " ".join(parts)
        parts = [f"{self.name}" + (f"({self.household})" if self.household else "") + "。"]
        if tags:
            parts.append("要注意:" + "、".join(tags) + "。")
        if top:
            parts.append("平时买" + "、".join(top) + "。")
        if self.last_visit:
            parts.append(f"上次来是{self.last_visit.month}月{self.last_visit.day}号。")
        if self.notes:
            parts.append(self.notes.replace("\n", ";") + "。")
        if not self.marketing_consent:
            parts.append("不接收消息。")
        return "".join(parts)


def customer_profile(session: Session, *, customer: Customer) -> Profile:
    """Everything the owner sees about ``customer``, with their top products from non-voided sales."""
    items = active_sale_items().where(SaleItem.customer_id == customer.id).subquery()
    rows = session.execute(
        select(Product.name, func.count(items.c.id), func.sum(items.c.quantity), func.sum(items.c.amount))
        .join(items, items.c.product_id == Product.id)
        .group_by(Product.name)
        .order_by(func.count(items.c.id).desc(), Product.name)
    ).all()
    visits, last = session.execute(
        select(func.count(func.distinct(items.c.sale_id)), func.max(items.c.sold_at))
    ).one()
    birthday = birthday_of(customer)
    return Profile(
        customer_id=customer.id, name=customer.name, aliases=list(customer.aliases or []),
        household=customer.household, phone=customer.phone, birthday=str(birthday) if birthday else None,
        tags=[{"name": t.name, "kind": t.kind, "sensitive": t.sensitive} for t in customer.tags],
        notes=customer.notes, marketing_consent=bool(customer.marketing_consent),
        usually_buys=[{"product": name, "times": times, "quantity": str(qty), "amount": str(amount)}
                      for name, times, qty, amount in rows],
        last_visit=last.date() if isinstance(last, dt.datetime) else last, visits=visits,
        spent=sum((Decimal(str(r[3])) for r in rows), Decimal("0")),
    )
