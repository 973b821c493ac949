"""daily-tasks: today's service reminders, gathered from the other reports so they never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Greeting
from assistant.shop.reports._common import Report, check_lang, quantity_text
from assistant.shop.reports.birthdays import birthdays
from assistant.shop.reports.inactive import inactive
from assistant.shop.reports.reorder import reorder
from assistant.shop.reports.restock import restock_due

KINDS = ("birthday", "restock", "win_back", "reorder", "greeting")
# Today's win-backs are the regulars who went quiet in the last few weeks: a call still brings them back,
# and the list does not repeat everyone who left years ago every morning (the inactive report has them).
WIN_BACK_MAX_DAYS = 60


@dataclass(frozen=True)
class TaskItem:
    """One thing to do today: about a customer or a product, with the detail the owner needs."""

    kind: str  # one of KINDS
    customer_id: int | None
    customer: str | None
    product: str | None
    detail: str
    detail_zh: str


@dataclass
class DailyTasksReport(Report):
    """Today's reminders, in the order of KINDS, with a count per kind."""

    name: ClassVar[str] = "daily-tasks"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("kind", "kind"),
        ("customer", "customer"),
        ("product", "product"),
        ("detail", "detail"),
    )
    date: dt.date
    counts: dict[str, int]
    items: list[TaskItem] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        """e.g. 今天:1位过生日,3位该补货,2位老顾客好久没来,2样货要补,1条祝福没发。"""
        check_lang(lang)
        c = self.counts
        if not self.items:
            return "今天没有要提醒的事。" if lang == "zh" else "Nothing on the list today."
        if lang == "zh":
            words = {
                "birthday": "位过生日",
                "restock": "位该来买常买的东西",
                "win_back": "位老顾客好久没来",
                "reorder": "样货要补",
                "greeting": "条祝福还没发",
            }
            return "今天:" + ",".join(f"{c[k]}{words[k]}" for k in KINDS if c[k]) + "。"
        nouns = {
            "birthday": ("birthday", "birthdays", ""),
            "restock": ("customer", "customers", " due for their staples"),
            "win_back": ("regular", "regulars", " to win back"),
            "reorder": ("product", "products", " to reorder"),
            "greeting": ("greeting", "greetings", " waiting"),
        }
        return (
            "Today: "
            + ", ".join(f"{c[k]} {nouns[k][0 if c[k] == 1 else 1]}{nouns[k][2]}" for k in KINDS if c[k])
            + "."
        )


def daily_tasks(session: Session, *, shop_id: int) -> DailyTasksReport:
    """Today's birthdays, customers due (or overdue) for staples, win-backs, low stock, waiting greetings."""
    today = clock.today()
    items: list[TaskItem] = []
    for b in birthdays(session, shop_id=shop_id, period="today").items:
        buys = "、".join(b.usually_buys)
        items.append(
            TaskItem(
                kind="birthday",
                customer_id=b.customer_id,
                customer=b.customer,
                product=None,
                detail=f"birthday ({b.calendar})"
                + (f", usually buys {', '.join(b.usually_buys)}" if buys else ""),
                detail_zh=("农历生日" if b.calendar == "lunar" else "生日")
                + (f",常买{buys}" if buys else ""),
            )
        )
    for r in restock_due(session, shop_id=shop_id, start=today, end=today).items:
        items.append(
            TaskItem(
                kind="restock",
                customer_id=r.customer_id,
                customer=r.customer,
                product=r.product,
                detail=r.evidence,
                detail_zh=r.evidence_zh,
            )
        )
    for w in inactive(session, shop_id=shop_id, max_days=WIN_BACK_MAX_DAYS).items:
        items.append(
            TaskItem(
                kind="win_back",
                customer_id=w.customer_id,
                customer=w.customer,
                product=None,
                detail=f"{w.days_away} days away, used to spend {w.monthly_spend} yuan a month",
                detail_zh=f"{w.days_away}天没来,以前每月花{w.monthly_spend}元",
            )
        )
    for s in reorder(session, shop_id=shop_id).items:
        items.append(
            TaskItem(
                kind="reorder",
                customer_id=None,
                customer=None,
                product=s.product,
                detail=f"{quantity_text(s.days_of_cover)} days of cover, "
                f"order {s.suggested_quantity} {s.unit}",
                detail_zh=f"还够{quantity_text(s.days_of_cover)}天,建议进{s.suggested_quantity}{s.unit}",
            )
        )
    for greeting_id, occasion, customer_id, name in session.execute(
        select(Greeting.id, Greeting.occasion, Greeting.customer_id, Customer.name)
        .join(Customer, Customer.id == Greeting.customer_id)
        .where(Greeting.shop_id == shop_id, Greeting.status == "waiting")
        .order_by(Greeting.created_at, Greeting.id)
    ):
        items.append(
            TaskItem(
                kind="greeting",
                customer_id=customer_id,
                customer=name,
                product=None,
                detail=f"{occasion} greeting #{greeting_id} waiting to be sent",
                detail_zh=f"{occasion}祝福(#{greeting_id})还没发",
            )
        )
    counts = {kind: sum(1 for i in items if i.kind == kind) for kind in KINDS}
    return DailyTasksReport(date=today, counts=counts, items=items)
