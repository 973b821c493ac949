"""Today's to-do list for the owner's phone: the daily-tasks report, plus "it arrived, tell her" tasks
for goods that came in since yesterday, with each customer's phone and what is already done.

Each task names the customer, the product and why, in both languages; ``key`` is stable through the day
so the page can remember "done" and "later" for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Greeting, Product, StockMovement
from assistant.shop.reports import run_report

# Goods that arrived today or yesterday make "tell her it is here" tasks.
ARRIVAL_DAYS = 2
# Customers told per arrived product (the arrival-targets report lists them all; Today keeps it short).
ARRIVAL_TASKS_PER_PRODUCT = 5


@dataclass(frozen=True)
class Task:
    """One thing to do today."""

    key: str
    kind: str  # birthday | restock | win_back | reorder | greeting | arrival
    customer_id: int | None
    customer: str | None
    phone: str | None
    product: str | None
    why_zh: str
    why_en: str
    done: bool = False


def todays_tasks(session: Session, *, shop_id: int, today: dt.date) -> list[Task]:
    """Arrivals first (the goods are on the shelf now), then the daily-tasks report in its order."""
    report = run_report(session, "daily-tasks", shop_id=shop_id, options={})
    arrivals = _arrival_tasks(session, shop_id=shop_id, today=today)
    ids = {t.customer_id for t in report.items if t.customer_id} | {a[0] for a in arrivals}
    phones = {row.id: row.phone for row in session.execute(
        select(Customer.id, Customer.phone).where(Customer.id.in_(ids)))} if ids else {}
    greeted = _greeted_today(session, shop_id=shop_id, today=today)
    tasks = [
        Task(key=f"arrival:{customer_id}:{product}", kind="arrival", customer_id=customer_id, customer=name,
             phone=phones.get(customer_id), product=product, why_zh=f"{product}到了,告诉{name}",
             why_en=f"{product} arrived: tell {name}")
        for customer_id, name, product in arrivals
    ]
    for item in report.items:
        tasks.append(Task(
            key=f"{item.kind}:{item.customer_id or ''}:{item.product or ''}", kind=item.kind,
            customer_id=item.customer_id, customer=item.customer, phone=phones.get(item.customer_id),
            product=item.product, why_zh=item.detail_zh, why_en=item.detail,
            done=item.kind == "birthday" and item.customer_id in greeted,
        ))
    return tasks


def _arrival_tasks(session: Session, *, shop_id: int, today: dt.date) -> list[tuple[int, str, str]]:
    """(customer id, name, product) for each customer to tell about goods that came in lately."""
    since = dt.datetime.combine(today - dt.timedelta(days=ARRIVAL_DAYS - 1), dt.time())
    arrived = session.execute(
        select(Product.name)
        .join(StockMovement, StockMovement.product_id == Product.id)
        .where(StockMovement.shop_id == shop_id, StockMovement.reason == "stock_in", StockMovement.at >= since)
        .group_by(Product.name)
        .order_by(func.max(StockMovement.at).desc())
    ).scalars().all()
    found = []
    for product in arrived:
        report = run_report(session, "arrival-targets", shop_id=shop_id, options={"product": product})
        found += [(item.customer_id, item.customer, product) for item in report.items[:ARRIVAL_TASKS_PER_PRODUCT]]
    return found


def _greeted_today(session: Session, *, shop_id: int, today: dt.date) -> set[int]:
    """Customers with a greeting made today that was not cancelled (their birthday task is done)."""
    start = dt.datetime.combine(today, dt.time())
    return set(session.execute(
        select(Greeting.customer_id).where(Greeting.shop_id == shop_id, Greeting.status != "cancelled",
                                           Greeting.created_at >= start)
    ).scalars())
