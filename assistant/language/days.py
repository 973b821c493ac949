"""Days as the owner says them: 3月15号, 十五号, March 3rd, 明天, 下周二, 农历八月十五 — one day each, and how a
day or a span of days is said back. Periods (这周, last month, 3月1号到10号) are in ``dates``."""

from __future__ import annotations

import datetime as dt
import re

from assistant.language.normalize import normalize

_MONTHS = {name: i for i, names in enumerate(
    [(), ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")]) for name in names}


def parse_month_day(text: str) -> tuple[int, int] | None:
    """Month and day in ``text`` (3月3号, 2026-03-03, 3/3, March 3rd, 3rd of March), else None."""
    value = normalize(_english_ordinals(text.lower())).text.lower()
    patterns = [
        (r"(\d{1,2})\s*月\s*(\d{1,2})\s*[号日]?", (1, 2)),
        (r"\d{4}-(\d{1,2})-(\d{1,2})", (1, 2)),
        (r"(\d{1,2})-(\d{1,2})", (1, 2)),
        (r"(\d{1,2})/(\d{1,2})", (1, 2)),
    ]
    for pattern, (m, d) in patterns:
        match = re.search(pattern, value)
        if match:
            return int(match.group(m)), int(match.group(d))
    month_word = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
    # "december 20th", not "december 2025" (a month of a year)
    match = re.search(month_word + r"\s*(?:the\s+)?(\d{1,2})(?!\d)(?:st|nd|rd|th)?", value) or None
    if match:
        return _MONTHS[match.group(1)], int(match.group(2))
    match = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + month_word, value)
    if match:
        return _MONTHS[match.group(2)], int(match.group(1))
    return None


def is_lunar(text: str) -> bool:
    """Whether the owner said the date is on the lunar calendar (农历 / 阴历 / lunar)."""
    return any(word in text.lower() for word in ("农历", "阴历", "lunar"))


_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2, "thisyear": 0, "lastyear": 1}
_WEEKDAYS = {**{w: i for i, w in enumerate("一二三四五六")}, "日": 6, "天": 6,
             **{w: i for i, w in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"))},
             **{w: i for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}}
# 明朝, 今朝, 昨日: Hangzhou (Wu) for tomorrow, today, yesterday.
_DAY_OFFSETS = {"大后天": 3, "后天": 2, "明天": 1, "明儿": 1, "明朝": 1, "今天": 0, "今儿": 0, "今朝": 0, "昨天": -1,
                "昨儿": -1, "昨日": -1, "前天": -2,
                "dayaftertomorrow": 2, "tomorrow": 1, "today": 0, "yesterday": -1, "daybeforeyesterday": -2}
_ORDINALS = {word: i for i, word in enumerate(
    ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
     "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split())}
_ORDINALS.update({f"twenty{word}": 20 + i for word, i in list(_ORDINALS.items()) if 0 < i < 10})
_ORDINALS.update({"thirtieth": 30, "thirtyfirst": 31})
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九十", start=0)}
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
# A lunar month and day as said: 正月初六, 八月十五, 9月初九, 腊月廿三, 冬月三十 (初X, 十X, 廿X, 二十X, 三十).
_LUNAR_DAY = re.compile(r"(正|冬|腊|[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
                        r"(初[一二三四五六七八九十]|廿[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]?)(?![号日])")
# Said without 农历, only these are lunar for sure: a day 初X or 廿X, or the months 正月, 冬月, 腊月 (八月十五 may be either).
_SURELY_LUNAR = re.compile(r"(?:正|冬|腊)\s*月|月\s*(?:初|廿)")


def _chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (up to 99), 廿三 → 23."""
    text = text.replace("廿", "二十")
    if "十" not in text:
        return int(text) if text.isdigit() else _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _lunar_month_day(text: str) -> tuple[int, int] | None:
    """The lunar month and day said in Chinese words (正月初六 → (1, 6)), else None."""
    match = _LUNAR_DAY.search(text)
    if match is None:
        return None
    month_word, day_word = match.group(1), match.group(2)
    month = _LUNAR_MONTHS.get(month_word) or _chinese_number(month_word)
    day = _chinese_number(day_word[1:]) if day_word.startswith("初") else _chinese_number(day_word)
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None


def _english_ordinals(value: str) -> str:
    """'june twelfth' → 'june 12', 'twenty-first of may' → '21 of may'."""
    def replace(match: re.Match[str]) -> str:
        return str(_ORDINALS[match.group(0).replace("-", "").replace(" ", "")])
    words = sorted(_ORDINALS, key=len, reverse=True)
    pattern = "|".join(w.replace("twenty", "twenty[- ]?") for w in words)
    return re.sub(rf"\b(?:{pattern})\b", replace, value)


def resolve_date(text: str | None, today: dt.date) -> dt.date | None:
    """The day ``text`` names (明天, 后天, 下周二, next tuesday, 月底, 3月18日, June twelfth), or None.

    A month and day without a year is that day this year; a weekday alone is the next one from today
    (today itself included); 下周X / next X is that weekday of next week (Monday-first weeks).
    """
    if not text:
        return None
    value = normalize(_english_ordinals(str(text).lower())).text.lower()
    compact = value.replace(" ", "")
    match = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", compact)
    if match:
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    for word, offset in sorted(_DAY_OFFSETS.items(), key=lambda item: -len(item[0])):
        if word in compact:
            return today + dt.timedelta(days=offset)
    if any(word in compact for word in ("月底", "endofthemonth", "endofmonth")):
        return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    weekday = _weekday(compact)
    if weekday is not None:
        monday = today - dt.timedelta(days=today.weekday())
        if re.search(r"下(?:个)?(?:周|星期|礼拜)|next", compact):
            return monday + dt.timedelta(days=7 + weekday)
        if re.search(r"上(?:个)?(?:周|星期|礼拜)|last", compact):
            return monday + dt.timedelta(days=weekday - 7)
        if re.search(r"(?:这|本)(?:个)?(?:周|星期|礼拜)|this", compact):
            return monday + dt.timedelta(days=weekday)
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    month_day = parse_month_day(value)
    if month_day is not None:
        # A year said with the day (1958年3月18号, march 18th 1958: a birth date; 去年3月18号, march 18 last
        # year) is kept; else this year.
        year = _YEAR.search(value)
        back = _YEAR_BACK.search(compact)
        said = int(year.group(1)) if year else today.year - _YEARS_BACK[back.group(1)] if back else today.year
        return _safe_date(said, *month_day)
    day_only = _DAY_OF_MONTH.search(compact)
    if day_only is not None:  # "3号营业额" / "下个月8号": that day of this (next, last) month
        first = today.replace(day=1)
        if re.search(r"下(?:个)?月", compact):
            first = (first + dt.timedelta(days=32)).replace(day=1)
        elif re.search(r"上(?:个)?月", compact):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return _safe_date(first.year, first.month, int(day_only.group(1)))
    return None


# A day of the month said alone: 3号, 15日 (not the 3 of 3月, nor a count: 3号楼 is a building).
_DAY_OF_MONTH = re.compile(r"(?<![0-9.])(?<![0-9]月)([0-9]{1,2})[号日](?![楼院栋门])")


_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=\s*(?:年|,|$))")
# A year counted back from this one, said with a month and day (去年3月18号, march 18 last year).
_YEAR_BACK = re.compile(r"(去年|前年|今年|lastyear|thisyear)")
# The year word said just before a day ("去年3月18号" when only "3月18号" was tagged), or "last year" after it.
_YEAR_BEFORE = re.compile(r"((?:19|20)[0-9]{2}年|去年|前年|今年)的?\s*$")
_YEAR_AFTER = re.compile(r"^,?\s*((?:of |in )?(?:last|this) year)\b", re.IGNORECASE)


def with_year_said(text: str, start: int, end: int) -> str:
    """The day ``text[start:end]`` with the year said around it ("3月18号" of "去年3月18号卖了多少" →
    "去年3月18号"; "march 18" of "march 18 last year" → "march 18 last year"), for ``canonical_date``."""
    span = text[start:end]
    before = _YEAR_BEFORE.search(text[:start])
    if before:
        return before.group(1) + span
    after = _YEAR_AFTER.match(text[end:])
    return f"{span} {after.group(1)}" if after else span


def _weekday(compact: str) -> int | None:
    match = re.search(r"(?:周|星期|礼拜)([一二三四五六日天])", compact)
    if match:
        return _WEEKDAYS[match.group(1)]
    match = re.search(r"(?<![0-9])(?:周|星期|礼拜)([1-7])(?![0-9.次天个回号])", compact)  # 上礼拜6, 这周3 typed
    if match:
        return int(match.group(1)) - 1
    match = re.search(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", compact)
    return _WEEKDAYS[match.group(1)] if match else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def canonical_date(text: str | None, today: dt.date) -> str | None:
    """A date entity's canonical value: ISO ("2026-03-16" for 明天), a lunar day as "农历MM-DD"
    (农历八月十五 → 农历08-15: the calendar decides the solar day each year), else None."""
    if not text:
        return None
    if is_lunar(text) or _SURELY_LUNAR.search(str(text)):
        value = normalize(str(text)).text
        month_day = _lunar_month_day(str(text)) or parse_month_day(value)
        return f"农历{month_day[0]:02d}-{month_day[1]:02d}" if month_day else None
    day = resolve_date(text, today)
    return day.isoformat() if day else None


MONTH_NAMES = ("January February March April May June July August September October November "
                "December").split()


def spoken_day(month: int, day: int, language: str, *, lunar: bool = False) -> str:
    """A month and day as said: 3月18日 / 农历8月15日 / March 18 / August 15 (lunar)."""
    if language == "en":
        return f"{MONTH_NAMES[month - 1]} {day}" + (" (lunar)" if lunar else "")
    return f"{'农历' if lunar else ''}{month}月{day}日"


def spoken_span(start: dt.date, end: dt.date, today: dt.date, language: str) -> str:
    """A report's days as said: 今天 / 3月14日 / 2月 (a whole month) / 3月1日到3月15日, in English alike;
    the year only when it is not this year's."""
    year = "" if start.year == today.year else (f"{start.year}年" if language == "zh" else f" {start.year}")
    if start == end:
        if start == today:
            return "今天" if language == "zh" else "today"
        said = spoken_day(start.month, start.day, language)
        return f"{year}{said}" if language == "zh" else f"on {said}{year}"
    next_day = end + dt.timedelta(days=1)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year}年" if language == "zh" else f"in {start.year}"
    if start.day == 1 and next_day.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{year}{start.month}月" if language == "zh" else f"in {MONTH_NAMES[start.month - 1]}{year}"
    if language == "zh":
        return f"{year}{spoken_day(start.month, start.day, 'zh')}到{spoken_day(end.month, end.day, 'zh')}"
    return f"{spoken_day(start.month, start.day, 'en')} to {spoken_day(end.month, end.day, 'en')}{year}"
