"""Quantities and money said the spoken way, read after normalisation: halves ("3斤半" = 3.5, "半斤" = 0.5),
yuan with 毛 ("3元7毛五" = 3.75), discounts ("9折" = 10 % off, "八五折", "ten percent off") and kilograms in a shop
that sells by the 斤 (1 kg = 2 斤).

The normaliser (frozen with the model) leaves 半 after or before the measure word and stops at one 毛 digit; these
functions read what it leaves.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# The shop's measure words, for every reader of counts: Chinese ones are one character each (for a character
# class, "[" + CHINESE_MEASURES + "]"), English ones a pattern to which a plural ending may be added.
CHINESE_MEASURES = "桶袋瓶包箱盒罐壶提件个斤"
ENGLISH_MEASURES = (r"(?:bag|bottle|jug|box|pack|packet|carton|case|jar|jin|kg|kilo|dozen|piece|tub|barrel|bucket|drum|"
                    r"sack|can|tin)")
_MEASURE = rf"(?:公斤|[{CHINESE_MEASURES}])"
# "3斤半" (three and a half 斤) and "半斤" (half a 斤): 半 next to the measure word, not "一半" or "3点半".
_AND_A_HALF = re.compile(rf"(\d+(?:\.\d+)?)\s*({_MEASURE})\s*半")
_HALF_A = re.compile(rf"(?<![\d一二两三四五六七八九十])半\s*({_MEASURE})")
# 两 is a tenth of a 斤 said after it or alone: "1斤二两" = 1.2斤, "三两" = 0.3斤 — not 两 as "two" before a
# measure word or 个 ("两袋", "三两个"), nor the 两 of 一两天.
_LIANG_DIGIT = "[0-9一二两三四五六七八九]"
_JIN_AND_LIANG = re.compile(rf"(\d+|[一二两三四五六七八九十])\s*斤\s*({_LIANG_DIGIT})\s*两(?![{CHINESE_MEASURES}个天年月次样])")
_LIANG_ALONE = re.compile(rf"(?<![\d.斤两一二三四五六七八九十])({_LIANG_DIGIT})\s*两(?![{CHINESE_MEASURES}个天年月次样])")
# English "half a jin", "half a kilo" (not "one and a half", which the normaliser reads; not "half price"): the
# count is the word "half" alone, its measure word stays the unit.
_HALF_EN = re.compile(rf"(?<!and a )\bhalf\b(?=\s+(?:an?\s+)?{ENGLISH_MEASURES}s?\b|\s+an?\s*$)|^\s*half\s*$",
                      re.IGNORECASE)
# "3元7毛五", "3元7毛5", "3元7毛", "7毛五": yuan, then 毛 (dimes) and maybe a fen digit after it.
_YUAN_MAO = re.compile(r"(?:(\d+)\s*元\s*)?([0-9零一二两三四五六七八九])\s*毛\s*([0-9零一二两三四五六七八九])?(?:分)?")


def spoken_figure_spans(text: str) -> list[tuple[str, int, int]]:
    """Where normalised ``text`` says money with 毛 ("3元7毛五") or a half with its measure word ("半斤", "3斤半"):
    (``"amount"`` or ``"quantity"``, start, end), each span read whole by ``spoken_decimals``."""
    spans = [("amount", m.start(), m.end()) for m in _YUAN_MAO.finditer(text)]
    spans += [("quantity", m.start(), m.end()) for pattern in (_AND_A_HALF, _HALF_A, _JIN_AND_LIANG)
              for m in pattern.finditer(text)]
    spans += [("quantity", m.start(), m.end()) for m in _HALF_EN.finditer(text)
              if m.group(0).strip() != text.strip()]
    spans += [("quantity", m.start(), m.end()) for m in _LIANG_ALONE.finditer(text)
              if not any(start <= m.start() < end for _, start, end in spans)]
    return sorted(spans, key=lambda span: span[1])


def _digit(said: str) -> int:
    """One digit said as a figure or a numeral."""
    return int(said) if said.isdigit() else _DIGITS[said]


def _jin_and_liang(jin: str, liang: str) -> str:
    """斤 and 两 as a decimal of 斤 (1 斤 = 10 两): "1", "二" → "1.2"."""
    whole = Decimal(jin) if jin.isdigit() else Decimal(10 if jin == "十" else _DIGITS[jin])
    return format((whole + Decimal(_digit(liang)) / 10).normalize(), "f")


def spoken_decimals(text: str) -> str:
    """Normalised ``text`` with halves and 毛 written as decimals ("3斤半小米" → "3.5斤小米", "半斤" → "0.5斤",
    "3元7毛五" → "3.75元", "1斤二两" → "1.2斤", "三两" → "0.3斤"), so the first number in it is the one said."""
    text = _AND_A_HALF.sub(lambda m: f"{format(Decimal(m.group(1)) + Decimal('0.5'), 'f')}{m.group(2)}", text)
    text = _HALF_A.sub(lambda m: f"0.5{m.group(1)}", text)
    text = _HALF_EN.sub("0.5", text)
    text = _JIN_AND_LIANG.sub(lambda m: f"{_jin_and_liang(m.group(1), m.group(2))}斤", text)
    text = _LIANG_ALONE.sub(lambda m: f"{_jin_and_liang('0', m.group(1))}斤", text)

    def yuan(match: re.Match[str]) -> str:
        whole = Decimal(match.group(1) or 0) + Decimal(_digit(match.group(2))) / 10
        if match.group(3):
            whole += Decimal(_digit(match.group(3))) / 100
        return f"{format(whole.normalize(), 'f')}元"

    return _YUAN_MAO.sub(yuan, text)


# "9折", "打个9折", "八五折", "85折", "9.5折": the price is that many tenths; "10 percent off", "10% off".
_ZHE = re.compile(r"(\d+(?:\.\d+)?|[一二三四五六七八九][一二三四五六七八九五]?)\s*折")
_PERCENT_OFF = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|％|percent|per cent)\s*(?:off|discount)", re.IGNORECASE)


def discount_rate(text: str | None) -> Decimal | None:
    """The share of the price paid that a discount in normalised ``text`` says ("9折" → 0.9, "八五折" → 0.85,
    "10 percent off" → 0.9), or None when it says none."""
    value = text or ""
    match = _ZHE.search(value)
    if match is not None:
        said = match.group(1)
        figure = Decimal(said) if said[0].isdigit() else Decimal("".join(str(_digit(c)) for c in said))
        rate = figure / (10 if figure < 10 else 100)
        return rate if 0 < rate < 1 else None
    match = _PERCENT_OFF.search(value)
    if match is not None:
        off = Decimal(match.group(1))
        return (1 - off / 100) if 0 < off < 100 else None
    return None


def discount_spans(text: str | None) -> list[tuple[int, int]]:
    """Where normalised ``text`` says a discount ("10% off", "九折", "8.5折"): its figure is a rate, never a sum
    paid nor a count."""
    value = text or ""
    return sorted((m.start(), m.end()) for pattern in (_ZHE, _PERCENT_OFF) for m in pattern.finditer(value))


def discounted(total: Decimal, rate: Decimal) -> Decimal:
    """``total`` at a discount ``rate`` (the share paid), to the cent."""
    return (total * rate).quantize(_CENT, ROUND_HALF_UP)


def zhe_said(rate: Decimal) -> str:
    """The discount as the owner says it: 0.9 → "9折", 0.85 → "85折"."""
    tenths = (rate * 10).normalize()
    return f"{format(tenths, 'f') if tenths == tenths.to_integral() else format((rate * 100).normalize(), 'f')}折"


_KILOS = {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "公斤", "千克"}


def in_shop_unit(quantity: Decimal, unit: str | None, product_unit: str | None) -> tuple[Decimal, str | None]:
    """A quantity said in kilograms as the shop's 斤 when the product is sold by the 斤 (1 kg = 2 斤), and a
    half said after the measure word (3 with the unit "斤半" is 3.5斤); any other quantity as said."""
    if unit and len(unit) > 1 and unit.endswith("半"):  # the model tags "三斤半" as 3 and "斤半"
        quantity, unit = quantity + Decimal("0.5"), unit[:-1]
    if unit and unit.strip().lower() in _KILOS and product_unit == "斤":
        return quantity * 2, "斤"
    return quantity, unit
