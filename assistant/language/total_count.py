"""A delivery's total told after its cases ("低钠酱油进了两箱,一共二十四瓶"): the count in the shop's own unit
wins over the count of cases, which the shop does not stock by (blind #15)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.language.normalize import normalize

# "一共24瓶", "总共 24 瓶", "合计24瓶", "共24瓶", "24 bottles in all", "a total of 24 bottles"
_TOTAL_ZH = re.compile(r"(?:一共|总共|合计|共计|总计|加起来|统共|共)\s*(?:是|有)?\s*(\d+(?:\.\d+)?)\s*(\S)")
_TOTAL_EN = re.compile(r"(?:a total of|in total|altogether|total(?:ling)?|all told)\s*(?:of\s*)?(\d+(?:\.\d+)?)\s*([a-z]+)|"
                       r"(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:in all|in total|altogether|all told)")
_ENGLISH_UNITS = {"瓶": ("bottle", "bottles"), "袋": ("bag", "bags"), "桶": ("barrel", "barrels", "drum", "drums"),
                  "盒": ("box", "boxes", "carton", "cartons"), "斤": ("jin",), "包": ("pack", "packs", "packet", "packets"),
                  "个": ("piece", "pieces")}


def total_in_unit(text: str | None, unit: str | None) -> Decimal | None:
    """The total count ``text`` gives in the shop's ``unit`` after 一共/总共/合计 ("in all"), or None."""
    if not unit:
        return None
    value = normalize(text or "").text.lower()
    for found in _TOTAL_ZH.finditer(value):
        if found.group(2) == unit:
            return _decimal(found.group(1))
    for found in _TOTAL_EN.finditer(value):
        figure, word = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        if word in _ENGLISH_UNITS.get(unit, ()):
            return _decimal(figure)
    return None


def _decimal(figure: str) -> Decimal | None:
    """The figure as a Decimal, or None when it is not one."""
    try:
        return Decimal(figure)
    except InvalidOperation:
        return None
