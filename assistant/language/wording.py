"""Small pieces of how replies say things: names in the reply's language, units, numbers."""

from __future__ import annotations

from decimal import Decimal

UNITS_EN = {  # the shop's measure words said in English
    "袋": "bags", "桶": "bottles", "瓶": "bottles", "斤": "jin", "公斤": "kg", "盒": "boxes", "包": "packs",
    "个": "pieces", "箱": "cases", "把": "bundles", "罐": "jars", "枚": "eggs", "打": "dozen"}


def shown_name(name: str, aliases: list[str] | None, lang: str) -> str:
    """How to say a name: in English the first English alias when there is one."""
    if lang == "en":
        for alias in aliases or []:
            if alias.isascii():
                return alias
    return name


def unit_word(unit: str | None, lang: str) -> str:
    """A unit as spoken in the reply language (袋 → bags in English)."""
    unit = unit or ""
    return UNITS_EN.get(unit, unit) if lang == "en" else unit


def number(value: Decimal | str | int | float) -> str:
    """A number as spoken: no trailing zeros, never an exponent (2, 120, 5.5, 30407600)."""
    return format(Decimal(str(value)).normalize(), "f")
