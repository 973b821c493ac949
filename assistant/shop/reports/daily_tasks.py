"""daily-tasks: today's service reminders, gathered from the other reports so they never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import data_version
from assistant.db.models import Customer, Greeting
from assistant.language.money import format_money
from assistant.language.wording import number
from assistant.shop.reports._common import check_lang
from assistant.shop.reports.birthdays import BirthdayItem, birthdays
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.reports.credit import CreditItem, credit
from assistant.shop.reports.inactive import InactiveItem, inactive
from assistant.shop.reports.lists import ListReport, Page
from assistant.shop.reports.reorder import StockItem, reorder, stock_reason
from assistant.shop.reports.restock import RestockItem, confident_dues, restock_due

KINDS = ("birthday", "restock", "win_back", "reorder", "greeting", "credit")
NAMED_KINDS = ("birthday", "reorder")
# Today's restock cards: whoever is confidently due for a staple in the coming week (``restock.confident_dues``).
WEEK = dt.timedelta(days=6)
# A tab is on today's list once its oldest unpaid line has waited this long.
CREDIT_TASK_DAYS = 30


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
class DailyTasksReport(ListReport):
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

    counter_zh: ClassVar[str] = "件"

    def opening(self, lang: str) -> Page:
        """How many of each kind (the first answer); "还有呢" then reads the tasks one by one."""
        return Page(self._counts(lang), said=0, total=len(self.items))

    def list_title(self, lang: str) -> str:
        """今天要做的事 / things to do today."""
        return "今天要做的事" if lang == "zh" else "things to do today"

    def say_item(self, item: TaskItem, lang: str) -> str:
        """邓海(生日), 夏华(该补面粉、鸡蛋), 鸡蛋(要进货) / 邓海 (birthday)."""
        who = item.customer or item.product or ""
        if lang == "zh":
            what = {"birthday": "生日", "restock": f"该补{item.product}", "win_back": "最近不来了",
                    "reorder": "要进货", "greeting": "祝福还没发", "credit": "欠账"}[item.kind]
            return f"{who}({what})"
        what = {"birthday": "birthday", "restock": f"due for {item.product}", "win_back": "to win back",
                "reorder": "to reorder", "greeting": "greeting waiting", "credit": "tab unpaid"}[item.kind]
        return f"{who} ({what})"

    def empty_answer(self, lang: str) -> str:
        """Nothing to do today."""
        return "今天没有要提醒的事。" if lang == "zh" else "Nothing on the list today."

    def _counts(self, lang: str) -> str:
        """e.g. 今天:1位过生日,3位该补货,2位老顾客最近不来了,2样货要补,1条祝福没发。"""
        check_lang(lang)
        c = self.counts
        if not self.items:
            return "今天没有要提醒的事。" if lang == "zh" else "Nothing on the list today."
        if lang == "zh":
            words = {
                "birthday": "位过生日",
                "restock": "位该来买常买的东西",
                "win_back": "位老顾客最近不来了",
                "reorder": "样货要补",
                "greeting": "条祝福还没发",
                "credit": "位的账欠了一个月以上",
            }
            return "今天:" + ",".join(f"{c[k]}{words[k]}{self._named(k, lang)}" for k in KINDS if c[k]) + "。"
        nouns = {
            "birthday": ("birthday", "birthdays", ""),
            "restock": ("customer", "customers", " due for their staples"),
            "win_back": ("regular", "regulars", " to win back"),
            "reorder": ("product", "products", " to reorder"),
            "greeting": ("greeting", "greetings", " waiting"),
            "credit": ("tab", "tabs", " unpaid for over a month"),
        }
        return (
            "Today: "
            + ", ".join(f"{c[k]} {nouns[k][0 if c[k] == 1 else 1]}{nouns[k][2]}{self._named(k, lang)}"
                        for k in KINDS if c[k])
            + "."
        )

    def _named(self, kind: str, lang: str) -> str:
        """Who has a birthday and what to reorder, named (the first two): the owner acts on those today."""
        if kind not in NAMED_KINDS:
            return ""
        names = [i.customer if kind == "birthday" else i.product for i in self.items if i.kind == kind]
        shown = [n for n in names if n][:2]
        if not shown:
            return ""
        if lang == "zh":
            return f"({'、'.join(shown)}{'等' if len(names) > len(shown) else ''})"
        return f" ({', '.join(shown)}{' and more' if len(names) > len(shown) else ''})"


def daily_tasks(session: Session, *, shop_id: int) -> DailyTasksReport:
    """Today's birthdays, customers likely to come for staples this week (one card each, confident ones
    only), win-backs, low stock, waiting greetings."""
    # Put together again after any change, from the other reports' kept (and patched) answers: a part
    # whose report answered with the same items as last time is reused whole, and in the others only the
    # tasks of new items are made (``_Section``).
    return cached(
        session,
        ("daily-tasks", shop_id),
        depends=Depends(
            customers=True,
            kinds=frozenset({data_version.SALES, data_version.STOCK, data_version.GREETINGS}),
            patch_kinds=True,
        ),
        compute=lambda: _daily_tasks(session, shop_id=shop_id, before={}),
        patch=lambda answer, _customers, _kinds: _daily_tasks(session, shop_id=shop_id, before=answer.state),
    )


@dataclass(frozen=True)
class _Section:
    """The tasks of one kind, made of the items of another report (``source``); ``made`` has the task of
    each item by the item's identity (the item is kept in it, so its identity stays its own)."""

    source: Sequence
    tasks: list[TaskItem]
    made: dict[object, tuple[object, TaskItem]]


def _section(before: _Section | None, source: Sequence, make: Callable, key: Callable = id) -> _Section:
    """The tasks of ``source``'s items: last time's section when the items are the same, else a new one
    reusing the task of every item seen last time."""
    if before is not None and (before.source is source or before.source == source):
        return before
    made: dict[object, tuple[object, TaskItem]] = {}
    tasks = []
    old = before.made if before is not None else {}
    for item in source:
        found = old.get(key(item))
        if found is None or found[0] is not item:
            found = (item, make(item))
        # The pair itself is reused: after a sale nearly every item is (no new pair per item).
        made[key(item)] = found
        if found[1] is not None:  # an item with no task (a restock item not confident)
            tasks.append(found[1])
    return _Section(source, tasks, made)


def _daily_tasks(session: Session, *, shop_id: int, before: dict[str, _Section]) -> Answer:
    today = clock.today_for(session)
    greetings = tuple(
        tuple(row)
        for row in session.execute(
            select(Greeting.id, Greeting.occasion, Greeting.customer_id, Customer.name)
            .join(Customer, Customer.id == Greeting.customer_id)
            .where(Greeting.shop_id == shop_id, Greeting.status == "waiting")
            # One for a customer who no longer takes messages is not to be sent (unless the owner insisted).
            .where(or_(Customer.marketing_consent.is_(True), Greeting.consent_overridden.is_(True)))
            .order_by(Greeting.created_at, Greeting.id)
        )
    )
    sections = {
        "birthday": _section(
            before.get("birthday"), birthdays(session, shop_id=shop_id, period="today").items, _birthday_task
        ),
        # Made from the restock list itself (kept, and the same list while it does not change): the
        # confident items' cards, each reused while its item is the same object (rebuilding 10,000 cards'
        # tuples and hashing them after every sale was most of Today's time under cProfile).
        "restock": _section(
            before.get("restock"),
            restock_due(session, shop_id=shop_id, start=today, end=today + WEEK).items,
            _restock_card_of,
        ),
        # The chat's "谁一个月没来了" list's items flagged win_back (the forecast: lapsed lately).
        "win_back": _section(before.get("win_back"), inactive(session, shop_id=shop_id, win_back=True).items,
                             _win_back_task),
        "reorder": _section(before.get("reorder"), reorder(session, shop_id=shop_id).items, _reorder_task),
        # Rows are equal when nothing about them changed: their tuple is their key.
        "greeting": _section(before.get("greeting"), greetings, lambda row: _greeting_task(*row), key=tuple),
        "credit": _section(
            before.get("credit"),
            tuple(i for i in credit(session, shop_id=shop_id).items if i.days_owed >= CREDIT_TASK_DAYS),
            _credit_task,
            key=lambda item: item,
        ),
    }
    items = [task for kind in KINDS for task in sections[kind].tasks]
    counts = {kind: len(sections[kind].tasks) for kind in KINDS}
    return Answer(DailyTasksReport(date=today, counts=counts, items=items), sections)


def _reorder_task(s: StockItem) -> TaskItem:
    return TaskItem(
        kind="reorder",
        customer_id=None,
        customer=None,
        product=s.product,
        # The reorder report's own reason, so Today and the chat say the same ("缺货,2位顾客要过").
        detail=stock_reason(s, "en").strip()[1:-1],
        detail_zh=stock_reason(s, "zh")[1:-1],
    )


def _restock_card_of(item: RestockItem) -> TaskItem | None:
    """The card of a confident restock item (with the customer's other confident staples), else None."""
    dues = confident_dues((item,))
    return _restock_card(dues[0]) if dues else None


def _restock_card(items: tuple[RestockItem, ...]) -> TaskItem:
    """One card per customer: every staple they are likely to come for this week."""
    first = items[0]
    if len(items) == 1:
        detail, detail_zh = first.evidence, first.evidence_zh
    else:
        detail = "; ".join(f"{i.product}: {i.evidence}" for i in items)
        detail_zh = ";".join(f"{i.product}:{i.evidence_zh}" for i in items)
    return TaskItem(
        kind="restock",
        customer_id=first.customer_id,
        customer=first.customer,
        product="、".join(i.product for i in items),
        detail=detail,
        detail_zh=detail_zh,
    )


def _win_back_task(w: InactiveItem) -> TaskItem:
    return TaskItem(
        kind="win_back",
        customer_id=w.customer_id,
        customer=w.customer,
        product=None,
        detail=f"{w.days_away} days away, used to spend {format_money(w.monthly_spend, 'en')} a month",
        detail_zh=f"{w.days_away}天没来,以前每月花{format_money(w.monthly_spend, 'zh')}",
    )


def _birthday_task(b: BirthdayItem) -> TaskItem:
    buys = "、".join(b.usually_buys)
    return TaskItem(
        kind="birthday",
        customer_id=b.customer_id,
        customer=b.customer,
        product=None,
        detail=f"birthday ({b.calendar})" + (f", usually buys {', '.join(b.usually_buys)}" if buys else ""),
        detail_zh=("农历生日" if b.calendar == "lunar" else "生日") + (f",常买{buys}" if buys else ""),
    )


def _credit_task(c: CreditItem) -> TaskItem:
    return TaskItem(
        kind="credit",
        customer_id=c.customer_id,
        customer=c.customer,
        product=None,
        detail=f"owes {number(c.balance)} yuan, the oldest part for {c.days_owed} days",
        detail_zh=f"欠了{c.days_owed}天,{number(c.balance)}元",
    )


def _greeting_task(greeting_id: int, occasion: str, customer_id: int, name: str) -> TaskItem:
    return TaskItem(
        kind="greeting",
        customer_id=customer_id,
        customer=name,
        product=None,
        detail=f"{occasion} greeting #{greeting_id} waiting to be sent",
        detail_zh=f"{occasion}祝福(#{greeting_id})还没发",
    )
