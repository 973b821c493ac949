"""A few settled tabs in the demo shop, so its customer pages show what a tab looks like: goods taken on
credit (existing demo sales, so takings and stock do not move) and paid back, one neighbour a bit late.

Every tab is paid off: the acceptance conversations (``tests/conversations``) start from a demo shop where
nobody owes anything ("谁还欠钱" → 没有人), and the credit report and Today stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import CreditEntry, Customer, Sale
from assistant.shop.sales_query import not_voided

# Days each neighbour took to pay her charges back: two always on time, one who let a tab wait.
PAY_AFTER_DAYS = ((6, 12, 9), (3, 20), (45, 14))
# Only charges this old, so every payment lies before today.
OLDEST_DAYS, NEWEST_DAYS = 180, 60


def add_settled_tabs(session: Session, *, shop_id: int, rng: random.Random, now: dt.datetime,
                     leave_out: set[str]) -> int:
    """Put a few of some neighbours' past sales on their tabs and pay them back; returns the lines added.
    ``leave_out``: the people of the examples, whose tabs the conversations start from empty."""
    since, until = now - dt.timedelta(days=OLDEST_DAYS), now - dt.timedelta(days=NEWEST_DAYS)
    sales = session.execute(
        select(Sale.id, Sale.customer_id, Sale.sold_at, Sale.amount)
        .join(Customer, Customer.id == Sale.customer_id)
        .where(Sale.shop_id == shop_id, Sale.kind == "sale", Sale.sold_at >= since, Sale.sold_at < until,
               Customer.name.not_in(leave_out), not_voided(Sale.id))
        .order_by(Sale.sold_at, Sale.id)
    ).all()
    by_customer: dict[int, list] = {}
    for sale in sales:
        by_customer.setdefault(sale.customer_id, []).append(sale)
    regulars = sorted(c for c, bought in by_customer.items() if len(bought) >= 6)
    added = 0
    for customer_id, waits in zip(rng.sample(regulars, len(PAY_AFTER_DAYS)), PAY_AFTER_DAYS, strict=True):
        bought = by_customer[customer_id]
        for sale, wait in zip(sorted(rng.sample(bought, len(waits)), key=lambda s: s.sold_at), waits, strict=True):
            charge = CreditEntry(shop_id=shop_id, customer_id=customer_id, kind="charge", amount=sale.amount,
                                 sale_id=sale.id, created_at=sale.sold_at, channel="counter")
            session.add(charge)
            session.add(CreditEntry(shop_id=shop_id, customer_id=customer_id, kind="payment", amount=sale.amount,
                                    created_at=sale.sold_at + dt.timedelta(days=wait, hours=2), channel="counter"))
            added += 2
    session.flush()
    return added
