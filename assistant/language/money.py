"""Amounts of money written the way the owner says them, for replies, spoken answers and pages.

Chinese counts large numbers in 万 (10⁴) and 亿 (10⁸), not in thousands: 30,407,600 is said 三千零四十万
七千六百, so it is written ``3040万7600元``. That is what a shop owner reads at a glance (Chinese news
and shop apps write 3040万 too), and Chinese voices read it back exactly as said, where a comma-grouped
``30,407,600`` makes the reader regroup the digits in her head. A gap of zeros is said 零 and written so
(``3040万零50元``). Below 1万 an amount is plain digits; fen are kept only when there are any
(``1234.5元``: 一千二百三十四点五元, as 一千二百三十四块五 is said).

English writes thousands with commas and the word ``yuan`` (``30,407,600 yuan``, ``1,234.50 yuan``):
English voices read ``¥`` as "yen", and the sign is the yen's too.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_FEN = Decimal("0.01")
_WAN = 10_000
_YI = 100_000_000


def format_money(amount: Decimal | float | int | str, language: str = "zh") -> str:
    """``amount`` yuan as said in ``language`` (``zh``: 3040万7600元, 1234.5元; ``en``: 30,407,600 yuan)."""
    try:
        value = Decimal(str(amount)).quantize(_FEN, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise ValueError(f"{amount!r} is not an amount of money") from error
    sign = "-" if value < 0 else ""
    yuan, fen = divmod(int(abs(value) * 100), 100)
    if language == "en":
        return f"{sign}{yuan:,}{f'.{fen:02d}' if fen else ''} yuan"
    cents = f".{fen:02d}".rstrip("0") if fen else ""
    return f"{sign}{chinese_grouping(yuan)}{cents}元"


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
