"""When one customer is due to buy a product again ("王阿姨啥时候该买米了"): her line of the restock report
over the coming months, said for her alone instead of the list of everyone due this week."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from assistant.db.models import Customer
from assistant.language.wording import number
from assistant.shop.reports import run_report

# How far ahead her next purchase is looked for: a customer who buys rice every two months is still due.
HORIZON_DAYS = 120


def customer_due(session: Session, *, shop_id: int, customer: Customer, product: str | None,
                 today: dt.date) -> dict[str, Any] | None:
    """Her earliest restock line (of ``product``, a name or category, or of anything), or None when she has
    no rhythm for it."""
    options = {"from": today.isoformat(), "to": (today + dt.timedelta(days=HORIZON_DAYS)).isoformat()}
    if product:
        options["product"] = product
    items = run_report(session, "restock-due", shop_id=shop_id, options=options).to_json()["items"]
    hers = [item for item in items if item["customer_id"] == customer.id]
    return min(hers, key=lambda item: item["due_date"]) if hers else None


def due_answer(item: dict[str, Any] | None, *, name: str, product: str | None, today: dt.date, language: str) -> str:
    """"王秀英买米通常每31.5天一次,上次3月15日买了2袋,下次大概4月16日。" (or that she has no rhythm for it)."""
    en = language == "en"
    if item is None:
        what = product or ("anything" if en else "东西")
        return (f"{name} has no regular rhythm for {what} yet." if en
                else f"{name}买{what}还没有固定的规律。")
    due, last = dt.date.fromisoformat(item["due_date"]), dt.date.fromisoformat(item["last_purchase"])
    gap, quantity, unit, what = number(item["usual_gap_days"]), number(item["last_quantity"]), item["unit"], item["product"]
    if en:
        bought = "today" if last == today else f"on {last.isoformat()}"
        when = "today" if due == today else ("overdue since " if due < today else "around ") + due.isoformat()
        return (f"{name} buys {what} about every {gap} days; last {bought} ({quantity} {unit}), "
                f"next {when}.")
    said = f"{due.month}月{due.day}日"
    when = "就是今天" if due == today else (f"该在{said}买,已经过了{(today - due).days}天" if due < today
                                           else f"大概{said}")
    bought = "今天" if last == today else f"上次{last.month}月{last.day}日"  # as every answer says a visit today
    return f"{name}买{what}通常每{gap}天一次,{bought}买了{quantity}{unit},下次{when}。"
