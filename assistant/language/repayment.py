"""Money paid back on a tab, told: a repayment's words ("先还50", "pay back 50 first") and a part of what is
owed said as a fraction ("还了一半", "paid off half")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# Paying back is never a charge, whatever else is said ("pay back 50 first, balance next time" has a tab's
# "next time" in it, yet only money comes in).
_PAID_BACK = re.compile(
    r"还了|先还|还上|还清|还钱|还(?:\s*(?:了|上))?\s*(?:\d|[一二两三四五六七八九十百千半]+\s*(?:块|元|百|十))|"
    r"\bpa(?:y|ys|id|ying) (?:back|off)\b|\bpa(?:y|ys|id|ying) (?:\w+ )?\d+(?:\.\d+)? (?:yuan |kuai |dollars? )?first\b|"
    r"\bpaid (?:me )?(?:\d+(?:\.\d+)? )?(?:towards?|toward) \b"
)

_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_PARTS = {"half": Fraction(1, 2), "a third": Fraction(1, 3), "one third": Fraction(1, 3),
             "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4), "a fourth": Fraction(1, 4),
             "two thirds": Fraction(2, 3), "three quarters": Fraction(3, 4)}
_ZH_FRACTION = re.compile(r"([一二两三四五六七八九十])分之([一二两三四五六七八九])")
_EN_FRACTION = re.compile(r"\b(half|a third|one third|two thirds|a quarter|one quarter|a fourth|three quarters)\b")


def _joined(text: str | None) -> str:
    """``text`` lower case, without the spaces a recogniser puts between Chinese words ("还 了 一半")."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])", "", (text or "").lower())


def tells_repayment(text: str) -> bool:
    """Whether ``text`` (lower case) tells money paid back on a tab."""
    return bool(_PAID_BACK.search(_joined(text)))


def part_paid(text: str) -> Fraction | None:
    """The part of what is owed said to be paid ("一半", "三分之一", "half", "a third"); None when none is said."""
    value = _joined(text)
    if "一半" in value:
        return Fraction(1, 2)
    zh = _ZH_FRACTION.search(value)
    if zh:
        part = Fraction(_ZH_DIGITS[zh.group(2)], _ZH_DIGITS[zh.group(1)])
        return part if 0 < part < 1 else None
    en = _EN_FRACTION.search(value)
    return _EN_PARTS[en.group(1)] if en else None


def part_of(owed: Decimal, part: Fraction) -> Decimal:
    """``part`` of ``owed``, to the fen."""
    return (owed * part.numerator / part.denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
