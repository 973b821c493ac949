"""A customer's visits one by one: "那她上上次呢" after her last visit asks the one before it, and "刚才张姐那笔多少钱"
the sale just recorded for her, not her tab (owner trial 14, F5 and M9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Product, SaleItem
from assistant.shop.sales_query import active_sale_items


@dataclass(frozen=True)
class Visit:
    """One day she bought: what and for how much."""

    day: dt.date
    amount: Decimal
    items: list[dict[str, Any]] = field(default_factory=list)  # product, quantity, unit

    def said(self, name: str, language: str, *, today: dt.date | None = None) -> str:
        """"王秀英2月17号来的,买了东北大米2袋,共150元。" in ``language``."""
        if language == "en":
            goods = ", ".join(f"{i['quantity']} {i['unit']} {i['product']}" for i in self.items)
            when = "today" if self.day == today else self.day.isoformat()
            return f"{name} came {when} and bought {goods}, {format(self.amount.normalize(), 'f')} yuan."
        goods = "、".join(f"{i['product']}{i['quantity']}{i['unit']}" for i in self.items)
        when = "今天" if self.day == today else f"{self.day.month}月{self.day.day}号"
        return f"{name}{when}来的,买了{goods},共{format(self.amount.normalize(), 'f')}元。"


def visits_back(session: Session, *, customer_id: int, back: int) -> Visit | None:
    """Her visit ``back`` days of buying ago (0: the last, 1: the one before it), None when she has fewer."""
    items = active_sale_items().where(SaleItem.customer_id == customer_id).subquery()
    days = session.execute(select(func.date(items.c.sold_at)).group_by(func.date(items.c.sold_at))
                           .order_by(func.date(items.c.sold_at).desc())).scalars().all()
    if len(days) <= back:
        return None
    day = days[back]
    rows = session.execute(
        select(Product.name, func.sum(items.c.quantity), items.c.unit, func.sum(items.c.amount))
        .join(items, items.c.product_id == Product.id).where(func.date(items.c.sold_at) == day)
        .group_by(Product.name, items.c.unit).order_by(Product.name)).all()
    return Visit(day=day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10]),
                 amount=sum((Decimal(str(r[3])) for r in rows), Decimal("0")),
                 items=[{"product": name, "quantity": format(Decimal(str(qty)).normalize(), "f"), "unit": unit}
                        for name, qty, unit, _ in rows])


def last_sale(session: Session, *, customer_id: int) -> Visit | None:
    """Her latest sale (one sale, not the day's), None when she has none."""
    items = active_sale_items().where(SaleItem.customer_id == customer_id).subquery()
    sale_id = session.execute(select(items.c.sale_id).order_by(items.c.sold_at.desc(), items.c.sale_id.desc())
                              .limit(1)).scalar()
    if sale_id is None:
        return None
    rows = session.execute(
        select(Product.name, items.c.quantity, items.c.unit, items.c.amount, items.c.sold_at)
        .join(items, items.c.product_id == Product.id).where(items.c.sale_id == sale_id)).all()
    sold = rows[0][4]
    return Visit(day=sold.date() if isinstance(sold, dt.datetime) else dt.date.fromisoformat(str(sold)[:10]),
                 amount=sum((Decimal(str(r[3])) for r in rows), Decimal("0")),
                 items=[{"product": name, "quantity": format(Decimal(str(qty)).normalize(), "f"), "unit": unit}
                        for name, qty, unit, _, _ in rows])
