"""Lengths of time as the owner says them, in days: 一个月 = 30, 两个礼拜 = 14, 半个月 = 15, a fortnight = 14.

"谁一个月没来了" asks about customers away for 30 days or more: the count goes with its unit, never alone
(the first number of "一个月" is 1, which meant "away for over 1 day").
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.language.normalize import normalize

# Days in one of each unit; a month is 30 days and a year 365, as a shop owner counts them.
UNIT_DAYS = {
    "天": 1, "day": 1, "days": 1,
    "周": 7, "星期": 7, "礼拜": 7, "week": 7, "weeks": 7, "wk": 7, "wks": 7,
    "fortnight": 14, "fortnights": 14,
    "月": 30, "month": 30, "months": 30,
    "年": 365, "year": 365, "years": 365,
}
_SMALL_NUMBERS = {"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                  "a": 1, "an": 1, "one": 1, "half a": 0.5, "half an": 0.5, "半": 0.5, "几": 3, "couple of": 2,
                  "a couple of": 2, "a few": 3, "few": 3}
_COUNT = r"(?P<count>\d+(?:\.\d+)?|half an?|a couple of|couple of|a few|few|an?|one|[一二两俩三四五六七八九十半几])"
_UNIT = r"(?P<unit>fortnights?|weeks?|wks?|months?|years?|days?|星期|礼拜|周|天|年|(?<=[个半把俩两])月)"
# 多 / 来 / 余 after the count ("六十多天", "十来天") keep the count; 3月 without 个 is March, not 3 months.
_DURATION = re.compile(
    _COUNT + r"?\s*(?:多|来|余)?(?:个)?(?P<half>半)?(?:个把|个|把)?\s*" + _UNIT
    + r"(?P<and_half>\s*and a half)?(?![a-z])",
    re.IGNORECASE)
# A month, week or year named as a calendar span, not a length: 这个月, 上周, 下个礼拜, this month.
_CALENDAR = re.compile(r"(?:这|本|上|下|今|明|去|前|后|每|this|last|next|every)\s*(?:个)?\s*$", re.IGNORECASE)

# What may follow a day count's span to give it its unit: "1" of "1个月", "3" of "3 weeks", "30" of "30天".
UNIT_AFTER = re.compile(r"^\s*(?:多|来|余)?\s*(?:个半|个把|个|半个)?\s*(?:fortnights?|weeks?|months?|years?|days?|星期|礼拜|周|天|月|年)"
                        r"(?:\s*and a half)?", re.IGNORECASE)


def parse_duration(text: str | None) -> int | None:
    """The number of days ``text`` means (一个月 → 30, 三周 → 21, 一个半月 → 45, "2 weeks" → 14), or None.

    A bare number counts as days ("30" → 30). Calendar spans (这个月, last week) are not lengths: None.
    """
    if not text:
        return None
    value = normalize(str(text)).text.strip().lower()
    if re.fullmatch(r"\d+", value):
        return int(value)
    for match in _DURATION.finditer(value):
        if _CALENDAR.search(value[:match.start()]) and match.group("count") is None:
            continue  # 这个月: a calendar span
        count = _count(match.group("count"))
        if count is None:
            continue
        if match.group("half") or match.group("and_half"):
            count += Decimal("0.5")
        unit = match.group("unit").lower()
        return int((count * UNIT_DAYS[unit]).to_integral_value())
    return None


def _count(word: str | None) -> Decimal | None:
    if word is None:
        return Decimal(1)  # "个月", "week": one
    word = word.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return Decimal(word)
    number = _SMALL_NUMBERS.get(word)
    return Decimal(str(number)) if number is not None else None
