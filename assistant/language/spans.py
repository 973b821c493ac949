"""Spans of days said in one phrase: a weekday of a named week (上礼拜六, 这周一, last Saturday), a range of days
(3月1号到10号, from March 1 to 10), two days joined (今天和昨天, today and yesterday), and the same days a year
before (去年这个时候 after this year's takings). Matched on the compact text (normalised, lower case, no
spaces), so the phrase a sentence holds reads back the same when it is parsed alone."""

from __future__ import annotations

import datetime as dt
import re

from assistant.language.days import _DAY_OFFSETS, _MONTHS, _safe_date
from assistant.language.normalize import normalize

_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_WEEKDAYS = {**{w: i for i, w in enumerate("一二三四五六")}, "日": 6, "天": 6}
# Weeks counted from this one; 葛个 is Hangzhou for 这个.
_WEEKS_AWAY = {"上上": -2, "上": -1, "这": 0, "本": 0, "葛": 0, "下": 1, "last": -1, "this": 0, "next": 1}
# "上礼拜六", "这周一" — not "上周一共卖了多少" (一共), "这周一直" nor "这周天气".
_WEEK_DAY = re.compile(r"(上上|上|这|本|葛|下)个?(?:周|星期|礼拜)([一二三四五六](?![共直起下样些点])|[日天](?![气数天]))"
                       r"|(last|this|next)(" + "|".join(_EN_WEEKDAYS) + r")"
                       # "saturday last week", "saturday of last week", "last week's saturday", "上礼拜的周六"
                       r"|(" + "|".join(_EN_WEEKDAYS) + r")(?:of|in)?(?:the)?(last|this|next)week"
                       r"|(last|this|next)week(?:'s|on)?(" + "|".join(_EN_WEEKDAYS) + r")"
                       r"|(上上|上|这|本|下)个?(?:周|星期|礼拜)的?(?:周|星期|礼拜)([一二三四五六](?![共直起下样些点])|[日天](?![气数天]))")
_MONTH_WORD = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TH = r"(?:st|nd|rd|th)?"
# "3月1号到10号", "3月1日至3月10日", "1号到10号"; "from march 1 to 10", "march 1st - march 10th", "1st to 10th of march".
_ZH_RANGE = re.compile(r"(?<!\d)(?:(\d{1,2})月)?(\d{1,2})([号日])?(?:到|至|~|～)(?:(\d{1,2})月)?(\d{1,2})([号日])?(?!\d)")
_EN_RANGE = re.compile(rf"{_MONTH_WORD}(\d{{1,2}}){_TH}(?:to|through|till|until|-|–)(?:{_MONTH_WORD})?(\d{{1,2}}){_TH}"
                       rf"(?![\d:])|(?<!\d)(\d{{1,2}}){_TH}(?:to|through|till|until|-|–)(\d{{1,2}}){_TH}(?:of)?{_MONTH_WORD}")
_DAY_WORDS = "|".join(sorted((w for w in _DAY_OFFSETS), key=len, reverse=True))
# "今天和昨天", "昨天加今天", "today and yesterday"; 跟 / 同 only when a sum follows ("今天跟昨天加起来"):
# "今天跟昨天比" compares.
_JOINED = re.compile(rf"({_DAY_WORDS})(?:和|加上|加|与|以及|还有|and|plus|&|\+)({_DAY_WORDS})"
                     rf"|({_DAY_WORDS})(?:跟|同)({_DAY_WORDS})的?(?:加起来|加在一起|合起来|一共|一起|总共|合计|共)")
_SAME_TIME_BEFORE = re.compile(r"去年的?(?:这个时候|这时候|这会儿|同期|同一时间)|上一?年同期|"
                               r"(?:thistime|thesametime|sametime|thesameperiod)lastyear|lastyear(?:thistime|atthistime)")


def _compact(text: str | None) -> str:
    """The text as spans are matched: normalised, lower case, without spaces."""
    return normalize(text or "").text.lower().replace(" ", "")


def day_span(text: str | None, today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day of a span said in ``text`` (上礼拜六, 3月1号到10号, 今天和昨天) and its name
    ("day" or "days"), or None when it says none."""
    compact = _compact(text)
    for read in (_week_day, _range, _joined):
        span = read(compact, today)
        if span is not None:
            start, end = span
            return start, end, "day" if start == end else "days"
    return None


def day_span_in(text: str | None) -> str | None:
    """The span-of-days phrase a sentence holds ("上礼拜六" of "上礼拜六卖了多少"), as ``day_span`` reads it."""
    compact = _compact(text)
    for pattern in (_WEEK_DAY, _ZH_RANGE, _EN_RANGE, _JOINED):
        for match in pattern.finditer(compact):
            if pattern is not _ZH_RANGE or _is_zh_range(match):
                return match.group(0)
    return None


def _week_day(compact: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """That weekday of the week named: 上礼拜六 is last week's Saturday (Monday-first weeks)."""
    match = _WEEK_DAY.search(compact)
    if match is None:
        return None
    week, weekday = _week_and_weekday(match)
    day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7 * _WEEKS_AWAY[week] + weekday)
    return day, day


def _week_and_weekday(match: re.Match[str]) -> tuple[str, int]:
    """The week word and the weekday (Monday 0) of a ``_WEEK_DAY`` match, whichever of its forms was said."""
    g = match.groups()
    if g[0]:
        return g[0], _ZH_WEEKDAYS[g[1]]
    if g[2]:
        return g[2], _EN_WEEKDAYS.index(g[3])
    if g[4]:  # "saturday last week": the weekday first
        return g[5], _EN_WEEKDAYS.index(g[4])
    if g[6]:
        return g[6], _EN_WEEKDAYS.index(g[7])
    return g[8], _ZH_WEEKDAYS[g[9]]


def _is_zh_range(match: re.Match[str]) -> bool:
    """Whether a 到 between numbers joins two days: a month or 号/日 said with the first, and 号/日 or a month
    with the last ("3月1号到10号", "1号到10号", "3月1到3月10"), not "5到10袋"."""
    first_month, _, first_mark, last_month, _, last_mark = match.groups()
    return bool((first_month or first_mark) and (last_mark or last_month or first_month and first_mark))


def _range(compact: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days from X to Y said with the month once or twice (this month when none; last year's when ahead)."""
    match = next((m for m in _ZH_RANGE.finditer(compact) if _is_zh_range(m)), None)
    if match is not None:
        first_month, first, _, last_month, last, _ = match.groups()
        start_month = int(first_month) if first_month else today.month
        end_month = int(last_month) if last_month else start_month
    else:
        match = _EN_RANGE.search(compact)
        if match is None:
            return None
        named, first, other, last, first_alone, last_alone, named_after = match.groups()
        if named_after:
            start_month = end_month = _MONTHS[named_after]
            first, last = first_alone, last_alone
        else:
            start_month, end_month = _MONTHS[named], _MONTHS[other] if other else _MONTHS[named]
    year = today.year
    start = _safe_date(year, start_month, int(first))
    if start is not None and start > today:  # "12月1号到10号" asked in March: last December
        year -= 1
    start, end = _safe_date(year, start_month, int(first)), _safe_date(year, end_month, int(last))
    if start is None or end is None or end < start:
        return None
    return start, end


def _joined(compact: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days from the earlier to the later of two days joined by 和 / 加 / and (a sum of both)."""
    match = _JOINED.search(compact)
    if match is None:
        return None
    days = sorted(today + dt.timedelta(days=_DAY_OFFSETS[word]) for word in match.groups() if word)
    return days[0], days[1]


def says_same_time_a_year_before(text: str | None) -> bool:
    """Whether ``text`` asks about the same time a year earlier ("去年这个时候呢", "same time last year?")."""
    return bool(_SAME_TIME_BEFORE.search(_compact(text)))


def a_year_before(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same days a year earlier (29 February is the 28th)."""
    def back(day: dt.date) -> dt.date:
        return _safe_date(day.year - 1, day.month, day.day) or dt.date(day.year - 1, day.month, 28)
    return back(start), back(end)
