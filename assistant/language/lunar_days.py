"""Lunar month-days as they are said: "腊月初八", "正月十五", "八月十五", "冬月廿三".

A birthday said this way is on the lunar calendar even without 农历 in front: 腊月 / 正月 / 冬月 and 初八 /
廿三 are only said of lunar days. "八月十五" alone is read too (it is how 中秋 is said), marked lunar only with
a lunar word.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "冬": 11, "十二": 12, "腊": 12}
_UNITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LUNAR_DAY = re.compile(r"(十一|十二|正|冬|腊|[一二三四五六七八九十])月(初[一二三四五六七八九十]|廿[一二三四五六七八九]|"
                        r"二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]?|[一二三四五六七八九]|[0-9]{1,2}(?![0-9]))")
# Words only said of the lunar calendar.
_LUNAR_WORDS = re.compile(r"腊月|正月|冬月|初[一二三四五六七八九十]|廿")


def lunar_month_day(text: str | None) -> tuple[int, int] | None:
    """(month, day) of a lunar day said in Chinese numerals ("腊月初八" → (12, 8)), or None."""
    raw = (text or "").replace(" ", "")
    found = _LUNAR_DAY.search(raw) or _LUNAR_DAY.search(normalize(raw).text.replace(" ", ""))
    if found is None:
        return None
    month, day = _MONTHS[found.group(1)], _day(found.group(2))
    return (month, day) if 1 <= day <= 30 else None


def said_lunar(text: str | None) -> bool:
    """Whether ``text`` names a day only the lunar calendar has (腊月, 正月, 初八, 廿三)."""
    return bool(_LUNAR_WORDS.search(normalize(text or "").text.replace(" ", "")))


def _day(said: str) -> int:
    """初八 → 8, 十五 → 15, 廿三 → 23, 二十 → 20, 三十 → 30."""
    if said.isdigit():  # "正月15", as the normaliser writes 十五
        return int(said)
    if said.startswith("初"):
        return _UNITS[said[1:]]
    if said.startswith("廿"):
        return 20 + _UNITS[said[1:]]
    if said.startswith("二十"):
        return 20 + (_UNITS[said[2:]] if said[2:] else 0)
    if said == "三十":
        return 30
    if said.startswith("十"):
        return 10 + (_UNITS[said[1:]] if said[1:] else 0)
    return _UNITS[said]
