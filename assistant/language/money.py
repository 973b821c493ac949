"""Amounts of money written the way the owner says them, for replies, spoken answers and pages.

Up to five digits an amount is plain digits, the fen kept only when there are any (``577.7元``,
``13273.2元``, ``1234.5 yuan``): that is read at a glance, matches her own books and the reports' JSON,
and voices read it exactly as it is said (一千二百三十四点五元, as 一千二百三十四块五 is said).

From 100,000 up, digits are grouped the way each language counts. Chinese counts in 万 (10⁴) and 亿
(10⁸), not in thousands: 30,407,600 is said 三千零四十万七千六百, so it is written ``3040万7600元``, as
Chinese news and shop apps write 3040万; a comma-grouped ``30,407,600`` would make her regroup the digits
in her head. A gap of zeros is said 零 and written so (``3040万零50元``). English groups thousands with
commas and says the word ``yuan`` (``30,407,600 yuan``): English voices read ``¥`` as "yen", and the sign
is the yen's too. ``3.04076e+07元`` is never written.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_FEN = Decimal("0.01")
_WAN = 10_000
_YI = 100_000_000
GROUP_FROM = 100_000  # six digits and more are grouped; five are read at a glance


def format_money(amount: Decimal | float | int | str, language: str = "zh") -> str:
    """``amount`` yuan as said in ``language`` (``zh``: 3040万7600元, 1234.5元; ``en``: 30,407,600 yuan,
    1234.5 yuan), rounded to the fen."""
    try:
        value = Decimal(str(amount)).quantize(_FEN, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise ValueError(f"{amount!r} is not an amount of money") from error
    sign = "-" if value < 0 else ""
    yuan, fen = divmod(int(abs(value) * 100), 100)
    cents = f".{fen:02d}".rstrip("0") if fen else ""
    if yuan < GROUP_FROM:
        digits = str(yuan)
    elif language == "en":
        digits = f"{yuan:,}"
    else:
        digits = chinese_grouping(yuan)
    return f"{sign}{digits}{cents} yuan" if language == "en" else f"{sign}{digits}{cents}元"


def chinese_grouping(number: int) -> str:
    """A whole number in 亿 and 万 groups as it is said: 30407600 → 3040万7600, 100000005 → 1亿零5."""
    if number < _WAN:
        return str(number)
    groups = [(number // _YI, "亿"), (number // _WAN % _WAN, "万"), (number % _WAN, "")]
    text = ""
    gap = False  # a zero since the last group written: said 零 before the next one
    for value, unit in groups:
        if value == 0:
            gap = gap or bool(text)
            continue
        if text and (gap or value < 1000):
            text += "零"
        text += f"{value}{unit}"
        gap = False
    return text
