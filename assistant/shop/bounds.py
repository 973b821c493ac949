"""The largest amount and quantity one entry may carry.

Money columns are ``Numeric(12, 2)`` and quantities ``Numeric(12, 3)``; PostgreSQL refuses a larger number
("numeric field overflow"), SQLite stores it and every later sum is wrong. A number this large is a
mishearing or a typo ("一亿亿", a column shifted in a spreadsheet), never a grain shop's sale, so it is
refused up front with a reason the owner can act on, well below the columns' limit so that a day's sums
still fit.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.errors import Invalid

MAX_ENTRY = Decimal("100000000")
"""One entry's amount (yuan) or quantity is below this: 一亿 (a case of 茅台 at 3040万 still passes)."""

_WHAT = {"amount": ("金额", "amount"), "quantity": ("数量", "quantity"), "price": ("价格", "price"),
         "stock": ("库存", "stock"), "limit": ("赊账上限", "limit")}


def too_large(value: Decimal | int) -> bool:
    """Whether ``value`` is past what one entry may carry (or not a finite number at all)."""
    number = Decimal(value)  # callers pass whole quantities as int too (SaleLine(rice, 2))
    return not number.is_finite() or abs(number) >= MAX_ENTRY


def check_size(value: Decimal | int, field: str) -> None:
    """Refuse an amount or quantity of one entry that no shop would mean (``Invalid`` in both languages)."""
    value = Decimal(value)
    if too_large(value):
        zh, en = _WHAT.get(field, (field, field))
        shown = format(value, "f") if value.is_finite() else str(value)
        raise Invalid(f"{en} {shown} is too large (one entry must stay under 100,000,000); check it and say it again",
                      field=field, zh=f"{zh} {shown} 太大了(一笔要少于一亿),请核对后重新说")
