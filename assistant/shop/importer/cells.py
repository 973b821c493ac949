"""Parsing one cell: lists, numbers (money, quantities), dates and times, consent; and the quote that
keeps a spreadsheet from running a cell as a formula."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from assistant.shop.bounds import too_large
from assistant.shop.importer.problems import RowError

# Column names as the owner reads them in Chinese messages.
COLUMN_ZH = {"price": "价格", "stock": "库存", "quantity": "数量", "amount": "金额"}

CONSENT = {
    "yes": True,
    "no": False,
    "y": True,
    "n": False,
    "是": True,
    "否": False,
    "同意": True,
    "不同意": False,
}

# A cell starting with one of these is run as a formula by Excel, WPS and LibreOffice (OWASP, "CSV
# Injection"): the export puts a ' before it, the import takes that quote off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def split_list(cell: str) -> list[str]:
    """A ``|``-separated cell as its distinct, trimmed parts."""
    return list(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


def decimal(cell: str, column: str, *, places: int, positive: bool = False) -> Decimal:
    """A number cell (``¥``/``元`` allowed) checked for sign and decimals; raises ``RowError``."""
    label = COLUMN_ZH.get(column, column)
    cleaned = cell.replace("¥", "").replace("￥", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RowError(f"{column} {cell!r} is not a number", column, f"{label}“{cell}”不是数字") from None
    if not value.is_finite():
        raise RowError(f"{column} {cell!r} is not a number", column, f"{label}“{cell}”不是数字")
    if too_large(value):
        # Past the database's columns (a 500 on PostgreSQL before) and no shop's figure (``shop.bounds``).
        raise RowError(f"{column} {cell} is too large (one row must stay under 100,000,000)", column,
                       f"{label} {cell} 太大了(一行要少于一亿)")
    if value < 0 or (positive and value == 0):
        raise RowError(
            f"{column} {cell} must be {'more than zero' if positive else 'zero or more'}",
            column,
            f"{label} {cell} 必须{'大于零' if positive else '大于或等于零'}",
        )
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise RowError(
            f"{column} {cell} has more than {places} decimals",
            column,
            f"{label} {cell} 的小数超过 {places} 位",
        )
    return value


class Numbers:
    """Parses the number cells of one column, remembering each distinct text: a shop's quantities and
    amounts repeat, and Decimal parsing is most of the per-row cost at millions of rows."""

    def __init__(self, column: str, *, places: int, positive: bool = False) -> None:
        self.column, self.places, self.positive = column, places, positive
        self.known: dict[str, Decimal] = {}
        self.step = Decimal(1).scaleb(-places)

    def __call__(self, cell: str) -> Decimal:
        value = self.known.get(cell)
        if value is None:
            # Quantized, so "2" and "2.00" are the same number in import keys and in the database.
            value = decimal(cell, self.column, places=self.places, positive=self.positive).quantize(self.step)
            if len(self.known) < 100_000:
                self.known[cell] = value
        return value


def when(cell: str) -> dt.datetime:
    """A sale's date (``YYYY-MM-DD``) or time (``YYYY-MM-DD HH:MM``); raises ``RowError``."""
    # fromisoformat is fast (C) but lenient; the length check keeps it to the two contract forms.
    if len(cell) in (10, 16) and cell[4] == "-" and (len(cell) == 10 or cell[10] == " "):
        try:
            return dt.datetime.fromisoformat(cell)
        except ValueError:
            pass
    raise RowError(
        f"date {cell!r} is not YYYY-MM-DD or YYYY-MM-DD HH:MM",
        "date",
        f"日期“{cell}”的格式不对,应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
    )


def consent(cell: str) -> bool | None:
    """A marketing-consent cell: yes/no, 是/否, 同意/不同意, or empty (no decision); raises ``RowError``."""
    if not cell:
        return None
    found = CONSENT.get(cell.lower())
    if found is None:
        raise RowError(
            f"marketing_consent {cell!r} must be yes or no (or empty)",
            "marketing_consent",
            f"同意营销“{cell}”只能填 是/否(或 yes/no),也可以留空",
        )
    return found


def _needs_quote(text: str) -> bool:
    # A leading quote followed by a formula start is quoted again, so such a value round-trips too.
    return text[:1] in FORMULA_START or (text[:1] == "'" and _needs_quote(text[1:]))


def escape_formula(text: str) -> str:
    """``text`` safe to open in a spreadsheet: a ``'`` before a formula start (plain numbers stay)."""
    if text and _needs_quote(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The value ``escape_formula`` quoted: the ``'`` is taken off only before a formula start."""
    return text[1:] if text[:1] == "'" and _needs_quote(text[1:]) else text
