"""Two periods compared, and the period before the one just answered: "这个月比上个月", "跟前一个礼拜比呢",
"compared with the week before"."""

from __future__ import annotations

import datetime as dt
import re

from assistant.language.dates import month_start, periods_in
from assistant.language.normalize import normalize

# A comparison of two periods: "这个月比上个月", "上个星期跟这个星期比呢", "this week compared with last week".
_COMPARES = re.compile(r"比|对比|相比|compared?|\bvs\b|versus|against|than")


def compares(text: str | None) -> bool:
    """Whether a sentence compares ("跟上礼拜比呢", "compared with last week")."""
    return bool(_COMPARES.search(normalize(text or "").text.lower()))


def compared_periods(text: str | None, tagged: list[str]) -> list[str]:
    """The two periods a sentence compares (the tagged ones, else the ones it names in so many words), most
    recent question order kept; [] when it does not compare two periods."""
    if len(tagged) == 2:
        return list(tagged)
    value = normalize(text or "").text.lower()
    if not _COMPARES.search(value):
        return []
    named = periods_in(text)
    return named if len(named) == 2 else []


# The period just before the one last answered: "前一个礼拜", "前一个月", "the week before", "previous month".
_BEFORE_THAT = re.compile(r"前(?:1|一)?个?(?:礼拜|星期|周|月)|(?:week|month) before(?! last)|previous (?:week|month)"
                          r"|before that")


def names_period_before(text: str | None) -> bool:
    """Whether the sentence asks for the period before the one just answered ("那前一个礼拜呢")."""
    value = normalize(text or "").text.lower()
    return bool(_BEFORE_THAT.search(value.replace(" ", "")) or _BEFORE_THAT.search(value))


def whole_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A report's days made whole again: a month cut at today (3月1日到15日) is the month, a week the week."""
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        return start, month_start(start, 1) - dt.timedelta(days=1)
    if start.weekday() == 0 and (end - start).days <= 6:
        return start, start + dt.timedelta(days=6)
    return start, end


def period_before(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period just before a whole one: the month before a month, the week before a week, else as many
    days just before."""
    start, end = whole_period(start, end)
    if start.day == 1 and end == month_start(start, 1) - dt.timedelta(days=1):
        return month_start(start, -1), start - dt.timedelta(days=1)
    length = end - start
    return start - length - dt.timedelta(days=1), start - dt.timedelta(days=1)
