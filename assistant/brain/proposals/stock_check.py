"""Goods read back beyond the stock on record, for any write that takes goods out (a sale, a tab).

Each line keeps the product's stock when read back (``stock``, ``stock_unit``); a line that takes more
makes the read-back end asking whether that is right ("店里记录的库存只有0瓶,确定吗?"): her records may
be behind, so yes still writes it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.db.models import Product
from assistant.language.wording import number, shown_name, unit_word
from assistant.shop.stock import beyond_stock


def stock_fields(product: Product) -> dict[str, str]:
    """A line's record of the product's stock when read back (``stock``, ``stock_unit``)."""
    return {"stock": number(product.stock or 0), "stock_unit": product.unit or ""}


def with_goods(lines: list[dict[str, Any]], index: int, product: Product) -> list[dict[str, Any]]:
    """The lines with another product on line ``index`` ("不是花生油,是菜籽油"): the same quantity, at its list price,
    with its stock on record."""
    lines = [dict(line) for line in lines]
    quantity = Decimal(str(lines[index]["quantity"]))
    lines[index] = {"product_id": product.id, "product": product.name, "aliases": list(product.aliases or []),
                    "quantity": str(quantity), "unit": product.unit, "price": str(product.price),
                    "amount": str((Decimal(product.price) * quantity).quantize(Decimal("0.01"))),
                    **stock_fields(product)}
    return lines


def short_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines that take more than the stock on record (lines read back before stock was kept: none)."""
    return [line for line in lines if beyond_stock(line["quantity"], line.get("unit"), stock=line.get("stock"),
                                                   stock_unit=line.get("stock_unit"))]


def stock_question(lines: list[dict[str, Any]], language: str) -> str:
    """The question for the lines beyond stock ("店里记录的库存只有0瓶,确定吗?" / "The records show only 0
    bottles in stock. Are you sure?"), "" when none is (the read-back then ends as usual)."""
    short = short_lines(lines)
    if not short:
        return ""
    several = len(lines) > 1
    if language == "en":
        said = ", ".join(f"{number(line['stock'])} {unit_word(line['stock_unit'], 'en', line['stock'])}"
                         + (f" of {shown_name(line['product'], line.get('aliases'), 'en')}" if several else "")
                         for line in short)
        return f" The records show only {said} in stock. Are you sure?"
    said = "、".join((line["product"] if several else "") + f"{number(line['stock'])}{line['stock_unit']}"
                    for line in short)
    return f"店里记录的库存只有{said},确定吗?"
