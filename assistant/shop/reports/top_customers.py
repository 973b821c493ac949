"""top-customers: the customers who spent most in a period, with how often they came.

"这个月谁买得最多", "上个月哪几个老顾客花钱最多", "who spent the most this month": the sales that count
(``sales_query.sale_counts``) of named customers, summed per customer; walk-ins are nobody to thank or
call. Like the other period answers, the period never runs past today ("this month" on the 15th is the 1st
to the 15th). The answer is a list: the top few first, "还有呢" goes on down the ranking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Sale
from assistant.errors import Invalid
from assistant.language.dates import spoken_span
from assistant.language.money import format_money
from assistant.shop.reports._common import money, parse_date, rows
from assistant.shop.reports.lists import ListReport
from assistant.shop.sales_query import sale_counts


@dataclass(frozen=True)
class TopCustomerItem:
    """One customer's spending in the period: how much, over how many visits (sales), and the last one."""

    customer_id: int
    customer: str
    aliases: list[str]
    amount: Decimal
    visits: int
    last_visit: dt.date


@dataclass
class TopCustomersReport(ListReport):
    """The customers who bought something from ``start`` to ``end``, the biggest spender first."""

    name: ClassVar[str] = "top-customers"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("customer", "customer"),
        ("amount", "amount"),
        ("visits", "visits"),
        ("last visit", "last_visit"),
    )
    start: dt.date
    end: dt.date
    today: dt.date
    items: list[TopCustomerItem] = field(default_factory=list)

    def _when(self, lang: str) -> str:
        return spoken_span(self.start, self.end, self.today, lang)

    def list_title(self, lang: str) -> str:
        """3月1日到3月15日花钱最多的顾客 / top spenders from March 1st to March 15th."""
        return f"{self._when(lang)}花钱最多的顾客" if lang == "zh" else f"top spenders {self._when(lang)}"

    def headline(self, lang: str, count: int) -> str:
        """How many bought something, then who spent most (the list follows)."""
        if lang == "zh":
            return f"{self._when(lang)}买过东西的顾客有{count}位,花钱最多的是"
        people = "1 customer" if count == 1 else f"{count} customers"
        return f"{people} bought something {self._when(lang)}; the top spenders"

    def say_item(self, item: TopCustomerItem, lang: str) -> str:
        """王秀英(450元,3次) / 王秀英 (450 yuan, 3 visits): the English reply gives her English name."""
        if lang == "zh":
            return f"{item.customer}({format_money(item.amount, lang)},{item.visits}次)"
        visits = "1 visit" if item.visits == 1 else f"{item.visits} visits"
        return f"{item.customer} ({format_money(item.amount, lang)}, {visits})"

    def empty_answer(self, lang: str) -> str:
        """Nobody named bought anything in the period."""
        if lang == "zh":
            return f"{self._when(lang)}还没有记名的顾客买过东西。"
        return f"No named customer bought anything {self._when(lang)}."


def top_customers(
    session: Session,
    *,
    shop_id: int,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> TopCustomersReport:
    """The named customers by what they spent from ``start`` (default the 1st of this month) to ``end``
    (default today; never past today), with their visits; ties go to the one who came more often."""
    today = clock.today_for(session)
    first = parse_date(start, field="from") or today.replace(day=1)
    last = min(parse_date(end, field="to") or today, today)
    if first > today:
        raise Invalid(f"the period starts ({first}) after today ({today}): nobody has bought anything yet",
                      field="from", zh=f"这段时间({first})还没到,还没有人买过东西")
    if last < first:
        raise Invalid(f"the period ends ({last}) before it starts ({first})", field="to",
                      zh=f"结束的日子({last})在开始({first})之前")
    spent = (
        select(Sale.customer_id, func.sum(Sale.amount).label("amount"), func.count(Sale.id).label("visits"),
               func.max(Sale.sold_at).label("last_sold"))
        .where(Sale.shop_id == shop_id, Sale.customer_id.is_not(None), sale_counts(),
               Sale.sold_at >= dt.datetime.combine(first, dt.time.min),
               Sale.sold_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
        .group_by(Sale.customer_id)
        .subquery()
    )
    query = select(Customer.id, Customer.name, Customer.aliases, spent.c.amount, spent.c.visits,
                   spent.c.last_sold).join(spent, spent.c.customer_id == Customer.id)
    items = [
        TopCustomerItem(customer_id=row.id, customer=row.name, aliases=list(row.aliases or []),
                        amount=money(row.amount), visits=int(row.visits), last_visit=_day(row.last_sold))
        for row in rows(session, query)
    ]
    items.sort(key=lambda i: (-i.amount, -i.visits, i.customer))
    return TopCustomersReport(start=first, end=last, today=today, items=items)


def _day(value: dt.datetime | str) -> dt.date:
    """The day of a ``max(sold_at)`` (SQLite gives it back as text)."""
    return value.date() if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value)).date()
