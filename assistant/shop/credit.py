"""Customers' tabs (赊账, 先拿后付): an append-only ledger of charges, payments and voids, and what it says.

A charge is goods taken on the tab: the goods go through ``sales.log_sale`` (stock moves, the customer's
rhythm learns) and the ledger line points at that sale. A payment is money paid back. A correction is a
``void`` line taking back an earlier one (and its sale), never an edit. Payments pay the oldest charges
first, so a tab always knows its oldest unpaid line, how long it has waited, and how quickly she paid
before: her standing (邻里信用), which is for the owner's eyes only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import CreditEntry, Customer, Sale, Shop
from assistant.errors import Invalid, NotFound
from assistant.shop import audit
from assistant.shop.bounds import check_size
from assistant.shop.channels import CHANNELS
from assistant.shop.sales import SaleLine, log_sale, void_sale

# A charge paid back within this many days was paid on time.
ON_TIME_DAYS = 30
# A charge still unpaid, or paid, after this many days counts against her standing.
LATE_DAYS = 60
_FEN = Decimal("0.01")


@dataclass(frozen=True)
class Charge:
    """A live charge and what of it is still unpaid, oldest first."""

    entry_id: int
    at: dt.datetime
    amount: Decimal
    unpaid: Decimal
    paid_on: dt.datetime | None  # when the last of it was paid
    sale_id: int | None


@dataclass
class Tab:
    """One customer's tab read from her live ledger lines (voided lines and voids left out)."""

    customer_id: int
    balance: Decimal = Decimal("0")
    charges: list[Charge] = field(default_factory=list)
    payments: list[tuple[dt.datetime, Decimal]] = field(default_factory=list)

    @property
    def oldest_unpaid(self) -> Charge | None:
        """The oldest charge not fully paid."""
        return next((c for c in self.charges if c.unpaid > 0), None)

    @property
    def last_day_paid(self) -> tuple[dt.datetime, Decimal] | None:
        """When she last paid and all she paid that day (30 and then 10 paid today: 40 today, not 10)."""
        if not self.payments:
            return None
        last = self.payments[-1][0]
        return last, sum((amount for at, amount in self.payments if at.date() == last.date()), Decimal("0"))


@dataclass(frozen=True)
class Standing:
    """Her standing from her history (owner only): how she paid, what she owes, a suggested limit."""

    customer_id: int
    charges: int
    paid_on_time: int
    paid_late: int
    longest_wait_days: int
    balance: Decimal
    limit: Decimal
    suggested_limit: Decimal

    def explain(self, lang: str) -> str:
        """One line: "按时还了5次,最长等了12天,现在欠120元,建议额度800元。"."""
        if lang == "en":
            if not self.charges:
                return f"No tab history yet; the shop's limit of {_n(self.suggested_limit)} yuan applies."
            return (f"Paid on time {self.paid_on_time} of {self.charges} times, longest wait "
                    f"{self.longest_wait_days} days, owes {_n(self.balance)} yuan now: "
                    f"suggested limit {_n(self.suggested_limit)} yuan.")
        if not self.charges:
            return f"还没赊过账,按店里的额度{_n(self.suggested_limit)}元。"
        return (f"赊过{self.charges}次,按时还了{self.paid_on_time}次,最长等了{self.longest_wait_days}天,"
                f"现在欠{_n(self.balance)}元:建议额度{_n(self.suggested_limit)}元。")


# -- writing -----------------------------------------------------------------------------------------


def charge(
    session: Session, *, shop_id: int, customer: Customer, channel: str, now: dt.datetime,
    lines: list[SaleLine] | None = None, amount: Decimal | None = None, conversation_id: str | None = None,
    note: str | None = None,
) -> CreditEntry:
    """Put goods (``lines``, logged as a sale so stock moves) or a plain ``amount`` on her tab."""
    _check(customer, shop_id, channel)
    sale: Sale | None = None
    if lines:
        sale = log_sale(session, shop_id=shop_id, lines=lines, channel=channel, customer=customer, sold_at=now,
                        conversation_id=conversation_id)
        amount = Decimal(sale.amount) if amount is None else amount
    if amount is None or amount <= 0:
        raise Invalid("a tab entry needs goods or an amount more than zero", field="amount")
    check_size(amount, "amount")
    entry = CreditEntry(shop_id=shop_id, customer_id=customer.id, kind="charge", amount=_money(amount),
                        sale_id=sale.id if sale else None, created_at=now, channel=channel,
                        conversation_id=conversation_id, note=note)
    session.add(entry)
    session.flush()
    audit.record(session, shop_id=shop_id, channel=channel, action="credit_charge", entity="customer",
                 entity_id=customer.id, detail={"entry_id": entry.id, "amount": str(entry.amount)})
    return entry


def pay(
    session: Session, *, shop_id: int, customer: Customer, channel: str, now: dt.datetime,
    amount: Decimal | None = None, conversation_id: str | None = None,
) -> CreditEntry:
    """Money paid back on her tab; no amount means she settled all of it. More than she owes is refused."""
    _check(customer, shop_id, channel)
    if amount is not None:
        check_size(amount, "amount")
    owed = tab_of(session, shop_id=shop_id, customer_id=customer.id).balance
    amount = owed if amount is None else _money(amount)
    if owed <= 0:
        raise Invalid(f"{customer.name} owes nothing", field="customer", zh=f"{customer.name}没有欠账")
    if amount <= 0:
        raise Invalid("a payment must be more than zero", field="amount", zh="还款金额必须大于零")
    if amount > owed:
        raise Invalid(f"{customer.name} owes only {_n(owed)} yuan, not {_n(amount)}", field="amount",
                      zh=f"{customer.name}只欠{_n(owed)}元,不是{_n(amount)}元")
    entry = CreditEntry(shop_id=shop_id, customer_id=customer.id, kind="payment", amount=amount,
                        created_at=now, channel=channel, conversation_id=conversation_id)
    session.add(entry)
    session.flush()
    audit.record(session, shop_id=shop_id, channel=channel, action="credit_payment", entity="customer",
                 entity_id=customer.id, detail={"entry_id": entry.id, "amount": str(amount)})
    return entry


def void(
    session: Session, *, shop_id: int, entry_id: int, channel: str, now: dt.datetime,
    conversation_id: str | None = None,
) -> CreditEntry:
    """Take back a charge or payment with a ``void`` line (a charge's goods go back into stock)."""
    entry = session.get(CreditEntry, entry_id)
    if entry is None or entry.shop_id != shop_id or entry.kind == "void":
        raise NotFound(f"no tab entry with id {entry_id}")
    if session.execute(select(CreditEntry.id).where(CreditEntry.voids_id == entry_id)).first():
        raise Invalid(f"tab entry {entry_id} was already taken back", zh="这笔赊账已经撤销过了")
    if entry.sale_id is not None:
        void_sale(session, shop_id=shop_id, sale_id=entry.sale_id, channel=channel, conversation_id=conversation_id)
    correction = CreditEntry(shop_id=shop_id, customer_id=entry.customer_id, kind="void", amount=entry.amount,
                             voids_id=entry.id, created_at=now, channel=channel, conversation_id=conversation_id)
    session.add(correction)
    session.flush()
    audit.record(session, shop_id=shop_id, channel=channel, action="credit_void", entity="customer",
                 entity_id=entry.customer_id, detail={"entry_id": entry.id, "void_id": correction.id})
    return correction


def set_limit(session: Session, *, shop_id: int, amount: Decimal | None, customer: Customer | None = None,
              channel: str = "cli") -> None:
    """The shop's default tab limit, or (with ``customer``) hers; None gives her the shop's again. Audited."""
    if amount is not None and amount < 0:
        raise Invalid("a limit cannot be negative", field="amount")
    if amount is not None:
        check_size(amount, "limit")
    if customer is not None:
        _check(customer, shop_id, channel)
        customer.credit_limit = None if amount is None else _money(amount)
    elif amount is None:
        raise Invalid("the shop's limit needs an amount", field="amount")
    else:
        session.get(Shop, shop_id).credit_limit = _money(amount)
    audit.record(session, shop_id=shop_id, channel=channel, action="credit_limit",
                 entity="customer" if customer is not None else "shop",
                 entity_id=customer.id if customer is not None else shop_id,
                 detail={"limit": None if amount is None else str(amount)})
    session.flush()


def limit_of_shop(session: Session, *, shop_id: int) -> Decimal:
    """The shop's default tab limit."""
    return Decimal(session.get(Shop, shop_id).credit_limit)


# -- reading -----------------------------------------------------------------------------------------


def limit_of(session: Session, *, shop_id: int, customer: Customer) -> Decimal:
    """Her tab limit: her own, or the shop's."""
    if customer.credit_limit is not None:
        return Decimal(customer.credit_limit)
    return Decimal(session.get(Shop, shop_id).credit_limit)


def tab_of(session: Session, *, shop_id: int, customer_id: int) -> Tab:
    """One customer's tab."""
    rows = session.execute(_ledger(shop_id).where(CreditEntry.customer_id == customer_id)).all()
    return tabs_from(rows).get(customer_id) or Tab(customer_id=customer_id)


def all_tabs(session: Session, *, shop_id: int) -> dict[int, Tab]:
    """Every customer's tab who ever had one, by customer id."""
    return tabs_from(session.execute(_ledger(shop_id)).all())


def only_one_owing(session: Session, *, shop_id: int, customer_ids: list[int]) -> int | None:
    """Of the customers a name could mean (王/汪 阿姨), the one with a tab when exactly one has; else None."""
    owing = [customer_id for customer_id in dict.fromkeys(customer_ids)
             if tab_of(session, shop_id=shop_id, customer_id=customer_id).balance > 0]
    return owing[0] if len(owing) == 1 else None


def history(session: Session, *, shop_id: int, customer_id: int) -> list[CreditEntry]:
    """Every ledger line of hers, oldest first, voids included (the profile shows them as they were)."""
    return list(session.execute(
        select(CreditEntry).where(CreditEntry.shop_id == shop_id, CreditEntry.customer_id == customer_id)
        .order_by(CreditEntry.created_at, CreditEntry.id)).scalars())


def tabs_from(rows: Iterable[tuple]) -> dict[int, Tab]:
    """Tabs from ledger rows ``(id, customer_id, kind, amount, voids_id, created_at, sale_id)`` in order:
    payments pay the oldest charges first."""
    rows = list(rows)
    voided = {r[4] for r in rows if r[2] == "void"}
    tabs: dict[int, Tab] = {}
    open_charges: dict[int, list[list]] = {}
    for entry_id, customer_id, kind, amount, _voids, at, sale_id in rows:
        if kind == "void" or entry_id in voided:
            continue
        tab = tabs.setdefault(customer_id, Tab(customer_id=customer_id))
        amount = Decimal(amount)
        if kind == "charge":
            open_charges.setdefault(customer_id, []).append([entry_id, at, amount, amount, None, sale_id])
            tab.balance += amount
        else:
            tab.payments.append((at, amount))
            tab.balance -= amount
            left = amount
            for line in open_charges.get(customer_id, []):
                if left <= 0:
                    break
                if line[3] > 0:
                    paid = min(line[3], left)
                    line[3] -= paid
                    left -= paid
                    if line[3] == 0:
                        line[4] = at
    for customer_id, lines in open_charges.items():
        tabs[customer_id].charges = [Charge(*line) for line in lines]
    return tabs


def standing(session: Session, *, shop_id: int, customer: Customer, today: dt.date) -> Standing:
    """Her standing (邻里信用) from her tab's history, with the limit it suggests."""
    tab = tab_of(session, shop_id=shop_id, customer_id=customer.id)
    shop_limit = Decimal(session.get(Shop, shop_id).credit_limit)
    waits = [((c.paid_on.date() if c.paid_on else today) - c.at.date()).days for c in tab.charges]
    paid = [(c, w) for c, w in zip(tab.charges, waits, strict=True) if c.unpaid == 0]
    on_time = sum(1 for _, w in paid if w <= ON_TIME_DAYS)
    late = sum(1 for w in waits if w > LATE_DAYS)
    biggest_paid = max((c.amount for c, _ in paid), default=Decimal("0"))
    if late:
        # She has let a tab wait long: keep what she may owe small.
        suggested = min(shop_limit, max(Decimal("100"), _round50(biggest_paid / 2)))
    elif on_time >= 3:
        suggested = max(shop_limit, _round50(biggest_paid * Decimal("1.5")))
    else:
        suggested = shop_limit
    return Standing(customer_id=customer.id, charges=len(tab.charges), paid_on_time=on_time, paid_late=late,
                    longest_wait_days=max(waits, default=0), balance=tab.balance,
                    limit=limit_of(session, shop_id=shop_id, customer=customer), suggested_limit=suggested)


# -- internals ---------------------------------------------------------------------------------------


def _ledger(shop_id: int):  # noqa: ANN202 (a Select)
    return (select(CreditEntry.id, CreditEntry.customer_id, CreditEntry.kind, CreditEntry.amount,
                   CreditEntry.voids_id, CreditEntry.created_at, CreditEntry.sale_id)
            .where(CreditEntry.shop_id == shop_id)
            .order_by(CreditEntry.customer_id, CreditEntry.created_at, CreditEntry.id))


def _check(customer: Customer, shop_id: int, channel: str) -> None:
    if customer is None or customer.shop_id != shop_id:
        raise NotFound("no such customer in this shop")
    if channel not in CHANNELS:
        raise Invalid(f"unknown channel {channel!r}")


def _money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(_FEN)


def _round50(value: Decimal) -> Decimal:
    return (value / 50).to_integral_value(rounding="ROUND_CEILING") * 50


def _n(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
