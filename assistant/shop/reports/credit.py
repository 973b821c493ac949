"""credit: every customer with a balance on her tab, what she owes, since when, and her last payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Shop
from assistant.language.dates import spoken_day
from assistant.shop.credit import Tab, all_tabs, tab_of
from assistant.shop.reports._common import money
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.reports.lists import ListReport


@dataclass(frozen=True)
class CreditItem:
    """One open tab."""

    customer_id: int
    customer: str
    balance: Decimal
    limit: Decimal
    over_limit: bool
    oldest_unpaid: dt.date
    days_owed: int
    last_payment: dt.date | None
    last_payment_amount: Decimal | None  # all she paid on the day of her last payment
    marketing_consent: bool

    def said(self, lang: str) -> str:
        """"张姐120元(欠了45天)" / "Zhang 120 yuan (45 days)"."""
        if lang == "en":
            days = "from today" if self.days_owed == 0 else f"{self.days_owed} days"
            return f"{self.customer} {_n(self.balance)} yuan ({days})"
        return f"{self.customer}{_n(self.balance)}元({'今天记的' if self.days_owed == 0 else f'欠了{self.days_owed}天'})"


    @property
    def _paid_today(self) -> bool:
        """Whether the last payment was today (said 今天, not "上次3月15日", on the day she paid)."""
        today = self.oldest_unpaid + dt.timedelta(days=self.days_owed)
        return self.last_payment == today

    def sentence(self, lang: str, who: str | None = None) -> str:
        """Her tab in one sentence: "王阿姨欠120元,最早一笔欠了45天,上次11月1日还了50元。"."""
        who = who or self.customer
        if lang == "en":
            since = {0: "all of it from today", 1: "the oldest part for 1 day"}.get(
                self.days_owed, f"the oldest part for {self.days_owed} days")
            said = f"{who} owes {_n(self.balance)} yuan, {since}"
            if self.last_payment is not None:
                when = "today" if self._paid_today else f"on {spoken_day(self.last_payment.month, self.last_payment.day, 'en')}"
                said += f"; last paid {_n(self.last_payment_amount)} yuan {when}"
            if self.over_limit:
                said += f", over the limit of {_n(self.limit)} yuan"
            return said + "."
        since = "都是今天记的" if self.days_owed == 0 else f"最早一笔欠了{self.days_owed}天"
        said = f"{who}欠{_n(self.balance)}元,{since}"
        if self.last_payment is not None:
            when = "今天" if self._paid_today else f"上次{self.last_payment.month}月{self.last_payment.day}日"
            said += f",{when}还了{_n(self.last_payment_amount)}元"
        if self.over_limit:
            said += f",超过额度{_n(self.limit)}元"
        return said + "。"


@dataclass
class CreditReport(ListReport):
    """Open tabs, the longest-waiting first."""

    name: ClassVar[str] = "credit"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("owes", "balance"),
        ("limit", "limit"),
        ("oldest unpaid", "oldest_unpaid"),
        ("days", "days_owed"),
        ("last payment", "last_payment"),
        ("paid", "last_payment_amount"),
    )
    today: dt.date
    total: Decimal
    items: list[CreditItem] = field(default_factory=list)

    def list_title(self, lang: str) -> str:
        """欠账的顾客 / customers with a tab."""
        return "欠账的顾客" if lang == "zh" else "customers with a tab"

    def headline(self, lang: str, count: int) -> str:
        """有2位欠账,一共165元 / 2 customers owe 165 yuan in all."""
        if lang == "zh":
            return f"有{count}位欠账,一共{_n(self.total)}元"
        who = "customer owes" if count == 1 else "customers owe"
        return f"{count} {who} {_n(self.total)} yuan in all"

    def say_item(self, item: CreditItem, lang: str) -> str:
        """张姐120元(欠了45天)."""
        return item.said(lang)

    def empty_answer(self, lang: str) -> str:
        """Nobody owes anything."""
        return "现在没有人欠账。" if lang == "zh" else "Nobody owes the shop anything."


def credit(session: Session, *, shop_id: int) -> CreditReport:
    """Every customer with a balance: amount, limit, the oldest unpaid entry and its age, last payment."""
    today = clock.today_for(session)

    def compute() -> Answer:
        tabs = [tab for tab in all_tabs(session, shop_id=shop_id).values() if tab.balance > 0]
        items = _items(session, shop_id, tabs, today)
        return Answer(CreditReport(today=today, total=money(sum((i.balance for i in items), Decimal("0"))),
                                   items=items))

    # Any tab's change recomputes it: a shop has tens of open tabs, not thousands.
    return cached(session, ("credit", shop_id), depends=Depends(customers=True), compute=compute)


def credit_item(session: Session, *, shop_id: int, customer_id: int, today: dt.date) -> CreditItem | None:
    """One customer's line of the report (None: she owes nothing), computed the same way."""
    tab = tab_of(session, shop_id=shop_id, customer_id=customer_id)
    if tab.balance <= 0:
        return None
    return _items(session, shop_id, [tab], today)[0]


def _items(session: Session, shop_id: int, tabs: list[Tab], today: dt.date) -> list[CreditItem]:
    if not tabs:
        return []
    shop_limit = Decimal(session.get(Shop, shop_id).credit_limit)
    people = {row.id: row for row in session.execute(
        select(Customer.id, Customer.name, Customer.credit_limit, Customer.marketing_consent)
        .where(Customer.id.in_([t.customer_id for t in tabs])))}
    items = []
    for tab in tabs:
        person = people[tab.customer_id]
        oldest = tab.oldest_unpaid
        last = tab.last_day_paid  # all she paid that day: 30 and then 10 today is 40 today
        limit = Decimal(person.credit_limit) if person.credit_limit is not None else shop_limit
        items.append(CreditItem(
            customer_id=tab.customer_id, customer=person.name, balance=money(tab.balance), limit=money(limit),
            over_limit=tab.balance > limit, oldest_unpaid=oldest.at.date(),
            days_owed=(today - oldest.at.date()).days,
            last_payment=last[0].date() if last else None, last_payment_amount=money(last[1]) if last else None,
            marketing_consent=bool(person.marketing_consent)))
    items.sort(key=lambda i: (-i.days_owed, -i.balance, i.customer))
    return items


def _n(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
