"""Parsing one cell: lists, numbers (money, quantities), dates and times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from assistant.shop.importer.problems import RowError


def split_list(cell: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


def decimal(cell: str, column: str, *, places: int, positive: bool = False) -> Decimal:
    cleaned = cell.replace("¥", "").replace("￥", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RowError(f"{column} {cell!r} is not a number", column) from None
    if not value.is_finite():
        raise RowError(f"{column} {cell!r} is not a number", column)
    if value < 0 or (positive and value == 0):
        raise RowError(f"{column} {cell} must be {'more than zero' if positive else 'zero or more'}", column)
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise RowError(f"{column} {cell} has more than {places} decimals", column)
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
    # fromisoformat is fast (C) but lenient; the length check keeps it to the two contract forms.
    if len(cell) in (10, 16) and cell[4] == "-" and (len(cell) == 10 or cell[10] == " "):
        try:
            return dt.datetime.fromisoformat(cell)
        except ValueError:
            pass
    raise RowError(f"date {cell!r} is not YYYY-MM-DD or YYYY-MM-DD HH:MM", "date")
