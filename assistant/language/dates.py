"""Dates and periods as the owner says them: 3月15号, 十五号, March 3rd, 这周, last month."""

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
    value = normalize(text).text.lower()
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
    match = re.search(month_word + r"\s*(\d{1,2})(?:st|nd|rd|th)?", value) or None
    if match:
        return _MONTHS[match.group(1)], int(match.group(2))
    match = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + month_word, value)
    if match:
        return _MONTHS[match.group(2)], int(match.group(1))
    return None


def is_lunar(text: str) -> bool:
    """Whether the owner said the date is on the lunar calendar (农历 / 阴历 / lunar)."""
    return any(word in text.lower() for word in ("农历", "阴历", "lunar"))


def parse_period(text: str | None, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The first and last day of a spoken period and its canonical name (default: today)."""
    value = normalize(text or "").text.lower().replace(" ", "")
    monday = today - dt.timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    if any(w in value for w in ("昨天", "yesterday")):
        day = today - dt.timedelta(days=1)
        return day, day, "yesterday"
    if any(w in value for w in ("上周", "上个星期", "上星期", "lastweek")):
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "last_week"
    if any(w in value for w in ("下周", "下个星期", "nextweek")):
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), "next_week"
    if any(w in value for w in ("这周", "本周", "这个星期", "这星期", "这礼拜", "thisweek", "week")):
        return monday, monday + dt.timedelta(days=6), "this_week"
    if any(w in value for w in ("上个月", "上月", "lastmonth")):
        last_end = first_of_month - dt.timedelta(days=1)
        return last_end.replace(day=1), last_end, "last_month"
    if any(w in value for w in ("这个月", "本月", "这月", "thismonth", "month")):
        next_first = (first_of_month + dt.timedelta(days=32)).replace(day=1)
        return first_of_month, next_first - dt.timedelta(days=1), "this_month"
    if any(w in value for w in ("今年", "thisyear", "year")):
        return today.replace(month=1, day=1), today.replace(month=12, day=31), "this_year"
    return today, today, "today"
