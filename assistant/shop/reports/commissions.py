"""commissions: each group leader's referred customers' sales in a month × the leader's commission rate."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Customer, Sale
from assistant.errors import Invalid
from assistant.language.dates import MONTH_NAMES
from assistant.language.money import format_money
from assistant.shop.reports._common import Report, check_lang, chunks, money, spoken_list
from assistant.shop.reports.cache import Answer, Depends, cached
from assistant.shop.sales_query import sale_counts


@dataclass(frozen=True)
class ReferredSales:
    """One referred customer's purchases in the month."""

    customer_id: int
    customer: str
    amount: Decimal
    sales: int


@dataclass(frozen=True)
class CommissionItem:
    """A group leader's month: who they brought, what those people bought, and the commission."""

    leader_id: int
    leader: str
    commission_rate: Decimal
    referred_customers: int
    buying_customers: int
    sales: int
    referred_sales: Decimal
    commission: Decimal
    customers: list[ReferredSales]


@dataclass
class CommissionReport(Report):
    """Every group leader's commission for ``month``, highest first."""

    name: ClassVar[str] = "commissions"
    columns: ClassVar[tuple[tuple[str, str], ...]] = (
        ("leader", "leader"),
        ("rate", "commission_rate"),
        ("referred", "referred_customers"),
        ("buying", "buying_customers"),
        ("referred sales", "referred_sales"),
        ("commission", "commission"),
    )
    month: str
    total_commission: Decimal
    items: list[CommissionItem] = field(default_factory=list)
    _rate: Decimal | None = None  # a rate the owner said instead of the leaders' own ("按百分之八算")

    def only(self, leader_id: int) -> CommissionReport:
        """The same month's report for one group leader (what "陈团长这个月佣金多少" asks)."""
        items = [i for i in self.items if i.leader_id == leader_id]
        return CommissionReport(month=self.month, total_commission=sum((i.commission for i in items), Decimal("0")),
                                items=items, _rate=self._rate)

    def at_rate(self, rate: Decimal) -> CommissionReport:
        """The same month worked out at ``rate`` (0.08 for "按百分之八算") instead of each leader's own rate."""
        items = [replace(i, commission_rate=rate.normalize(), commission=money(i.referred_sales * rate))
                 for i in self.items]
        return CommissionReport(month=self.month, total_commission=money(sum((i.commission for i in items), Decimal(0))),
                                items=items, _rate=rate)

    def _said_month(self, lang: str) -> str:
        """2026年3月 / March 2026, with the rate said when one was ("按8%算,2026年3月" / "March 2026 at 8%")."""
        year, month = (int(part) for part in self.month.split("-"))
        said = f"{year}年{month}月" if lang == "zh" else f"{MONTH_NAMES[month - 1]} {year}"
        if self._rate is None:
            return said
        percent = format((self._rate * 100).normalize(), "f")
        return f"按{percent}%算,{said}" if lang == "zh" else f"{said} at {percent}%"

    def summary(self, lang: str) -> str:
        """e.g. 2026年3月的佣金:陈团长86.4元(带来的顾客买了1728元)。 / Commissions for March 2026: ..."""
        check_lang(lang)
        said = self._said_month(lang)
        if not self.items:
            return f"{said}没有团长。" if lang == "zh" else f"No group leaders for {said}."
        if lang == "zh":
            listed = spoken_list(self.items, lang, say=lambda i: (
                f"{i.leader}{format_money(i.commission, lang)}(带来的顾客买了{format_money(i.referred_sales, lang)})"))
            return f"{said}的佣金:{listed}。"
        listed = spoken_list(self.items, lang, say=lambda i: (
            f"{i.leader} {format_money(i.commission, lang)} (on {format_money(i.referred_sales, lang)} of sales)"))
        return f"Commissions for {said}: {listed}."

    def who_brought(self, lang: str) -> str:
        """Each leader's commission and the people it came from, with what each bought ("陈团长这个月佣金是哪些
        人带来的"): 2026年3月陈团长的佣金86.4元,来自她带来的3位顾客买的1728元:张三800元、李四600元、王五328元。"""
        check_lang(lang)
        said = self._said_month(lang)
        if not self.items:
            return f"{said}没有团长。" if lang == "zh" else f"No group leaders for {said}."
        return ("" if lang == "zh" else " ").join(_who_brought(item, said, lang) for item in self.items)


def _who_brought(item: CommissionItem, said: str, lang: str) -> str:
    """One leader's commission and every buying customer she brought, then how many bought nothing."""
    idle = item.referred_customers - item.buying_customers
    if lang == "zh":
        head = f"{said}{item.leader}的佣金{format_money(item.commission, lang)}"
        if not item.customers:
            brought = f"她带来的{item.referred_customers}位顾客都没买东西" if item.referred_customers else "她还没带来顾客"
            return f"{head}:{brought}。"
        listed = spoken_list(item.customers, lang, limit=_LISTED,
                             say=lambda c: f"{c.customer}{format_money(c.amount, lang)}")
        rest = f";另有{idle}位她带来的顾客没买东西" if idle else ""
        return (f"{head},来自她带来的{item.buying_customers}位顾客买的{format_money(item.referred_sales, lang)}:"
                f"{listed}{rest}。")
    head = f"{item.leader}'s commission for {said} is {format_money(item.commission, lang)}"
    if not item.customers:
        brought = (f"none of the {item.referred_customers} customers they brought bought anything"
                   if item.referred_customers else "they have brought no customers yet")
        return f"{head}: {brought}."
    listed = spoken_list(item.customers, lang, limit=_LISTED, say=lambda c: f"{c.customer} {format_money(c.amount, lang)}")
    rest = f"; {idle} more they brought bought nothing" if idle else ""
    return (f"{head}, on {format_money(item.referred_sales, lang)} bought by {item.buying_customers} customers "
            f"they brought: {listed}{rest}.")


# A leader brings a handful of people: all of them are read out when asked who they were.
_LISTED = 12


def commissions(session: Session, *, shop_id: int, month: str | None = None) -> CommissionReport:
    """Commission of every group leader for ``month`` (``YYYY-MM``, default this month)."""
    first = _month_start(month) if month else clock.today_for(session).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)

    def compute() -> Answer:
        referred = {
            cid: (leader_id, name)
            for cid, leader_id, name in session.execute(
                select(Customer.id, Customer.referred_by_id, Customer.name).where(
                    Customer.shop_id == shop_id, Customer.referred_by_id.is_not(None)
                )
            )
        }
        # A leader is marked as one, or has brought someone in (an import may only say ``referred_by``).
        leader_ids = {leader_id for leader_id, _ in referred.values()}
        leaders = {
            lid: (name, rate)
            for lid, name, rate in session.execute(
                select(Customer.id, Customer.name, Customer.commission_rate).where(
                    Customer.shop_id == shop_id, Customer.is_group_leader.is_(True)
                )
            )
        }
        for batch in chunks(sorted(leader_ids - set(leaders))):
            for lid, name, rate in session.execute(
                select(Customer.id, Customer.name, Customer.commission_rate).where(
                    Customer.id.in_(batch), Customer.shop_id == shop_id
                )
            ):
                leaders[lid] = (name, rate)
        state = _State(leaders=leaders, referred=referred, bought=_bought(session, referred, first, following))
        return Answer(_report(first, state, state.by_leader(), {}), state)

    def patch(answer: Answer, customers: frozenset[int], _kinds: frozenset[str]) -> Answer | None:
        state: _State = answer.state
        if customers & set(state.leaders):
            return None
        rows = session.execute(
            select(Customer.id, Customer.referred_by_id, Customer.name, Customer.is_group_leader).where(
                Customer.id.in_(sorted(customers)), Customer.shop_id == shop_id
            )
        ).all()
        if any(is_leader or lid != state.referred.get(cid, (None,))[0] for cid, lid, _, is_leader in rows):
            return None  # someone became a leader, or was brought in by another one: who leads may change
        referred = {cid: link for cid, link in state.referred.items() if cid not in customers}
        referred.update({cid: (lid, name) for cid, lid, name, _ in rows if lid is not None})
        bought = {cid: sold for cid, sold in state.bought.items() if cid not in customers}
        bought.update(_bought(session, {c: referred[c] for c in customers if c in referred}, first, following))
        touched = {referred[c][0] for c in customers if c in referred}
        fresh = _State(leaders=state.leaders, referred=referred, bought=bought)
        kept = {i.leader_id: i for i in answer.report.items if i.leader_id not in touched}
        return Answer(_report(first, fresh, fresh.by_leader(touched), kept), fresh)

    return cached(
        session,
        ("commissions", shop_id, first),
        depends=Depends(customers=True),
        compute=compute,
        patch=patch,
    )


@dataclass(frozen=True)
class _State:
    """What the month's report is made of, kept for patching: leaders (id -> name, rate), referred
    customers (id -> leader id, name) and what each referred customer bought (id -> amount, sales)."""

    leaders: dict[int, tuple[str, Decimal | None]]
    referred: dict[int, tuple[int, str]]
    bought: dict[int, tuple[Decimal, int]]

    def by_leader(self, only: set[int] | None = None) -> dict[int, list[ReferredSales]]:
        """Each leader's (or only those leaders') buying customers, biggest first."""
        groups: dict[int, list[ReferredSales]] = {}
        for cid, (amount, count) in self.bought.items():
            leader_id, name = self.referred[cid]
            if only is not None and leader_id not in only:
                continue
            groups.setdefault(leader_id, []).append(
                ReferredSales(customer_id=cid, customer=name, amount=money(amount), sales=count)
            )
        for group in groups.values():
            group.sort(key=lambda c: (-c.amount, c.customer))
        return groups


def _bought(
    session: Session, referred: dict[int, tuple[int, str]], first: dt.date, following: dt.date
) -> dict[int, tuple[Decimal, int]]:
    """What each referred customer bought in the month (those who bought nothing are left out)."""
    # Referred customers in batches, each read through its own (customer, sold_at) index: far fewer rows
    # than the month's sales of the whole shop.
    bought: dict[int, tuple[Decimal, int]] = {}
    for batch in chunks(sorted(referred)):
        for cid, amount, count in session.execute(
            select(Sale.customer_id, func.sum(Sale.amount), func.count(Sale.id))
            .where(
                Sale.customer_id.in_(batch),
                sale_counts(),
                Sale.sold_at >= dt.datetime.combine(first, dt.time.min),
                Sale.sold_at < dt.datetime.combine(following, dt.time.min),
            )
            .group_by(Sale.customer_id)
        ):
            bought[cid] = (amount, count)
    return bought


def _report(
    first: dt.date,
    state: _State,
    groups: dict[int, list[ReferredSales]],
    kept: dict[int, CommissionItem],
) -> CommissionReport:
    """The report from ``kept`` items plus new ones for the leaders in ``groups`` (all the others)."""
    referred_counts: dict[int, int] = {}
    for leader_id, _ in state.referred.values():
        referred_counts[leader_id] = referred_counts.get(leader_id, 0) + 1
    items = list(kept.values())
    for leader_id, (leader, rate) in state.leaders.items():
        if leader_id in kept:
            continue
        customers = groups.get(leader_id, [])
        total = money(sum((c.amount for c in customers), Decimal(0)))
        rate = Decimal(rate or 0)
        items.append(
            CommissionItem(
                leader_id=leader_id,
                leader=leader,
                commission_rate=rate.normalize(),
                referred_customers=referred_counts.get(leader_id, 0),
                buying_customers=len(customers),
                sales=sum(c.sales for c in customers),
                referred_sales=total,
                commission=money(total * rate),
                customers=customers,
            )
        )
    items.sort(key=lambda i: (-i.commission, -i.referred_sales, i.leader))
    return CommissionReport(
        month=first.strftime("%Y-%m"),
        total_commission=money(sum((i.commission for i in items), Decimal(0))),
        items=items,
    )


def _month_start(text: str) -> dt.date:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise Invalid(f"month {text!r} is not a month; write it as YYYY-MM", field="month")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)
