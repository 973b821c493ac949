"""Periods as the owner says them: 这周, last month, 去年这个时候, 上礼拜六, 3月1号到10号, 今天和昨天 — each the
first and last day it covers. One day said alone (3月15号, 明天, March 3rd) is read by ``days``; its public
names are importable from here too."""

from __future__ import annotations

import datetime as dt
import re

from assistant.language.days import (  # noqa: F401  (re-exported: the callers import them from here)
    _MONTHS,
    _YEAR_BACK,
    _YEARS_BACK,
    MONTH_NAMES,
    _safe_date,
    canonical_date,
    is_lunar,
    parse_month_day,
    resolve_date,
    spoken_day,
    spoken_span,
    with_year_said,
)
from assistant.language.normalize import normalize
from assistant.language.spans import day_span, day_span_in

# One table of the periods she names, in the order they are tried (下个月 before 这个月, 明天 not in 后天), each
# with its whole phrases; English ones are matched with their spaces or without ("next week", "nextweek").
_PERIODS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("next_month", ("下个月", "下月", "next month")),
    ("tomorrow", ("明天", "明朝", "明儿", "tomorrow")),  # 明朝, 昨日, 葛个: Hangzhou words; 明儿, 昨儿: Northern
    ("yesterday", ("昨天", "昨日", "昨儿", "yesterday")),
    ("week_before_last", ("上上周", "上上个星期", "上上星期", "上上个礼拜", "上上礼拜", "the week before last")),
    ("month_before_last", ("上上个月", "上上月", "the month before last")),
    ("last_week", ("上周", "上个星期", "上星期", "上个礼拜", "上礼拜", "last week")),
    ("next_week", ("下周", "下个星期", "下星期", "下个礼拜", "下礼拜", "next week")),
    ("this_week", ("这周", "本周", "这个星期", "这星期", "这礼拜", "这个礼拜", "本礼拜", "葛个礼拜", "葛个星期", "this week")),
    ("last_month", ("上个月", "上月", "last month")),
    ("this_month", ("这个月", "本月", "这月", "葛个月", "this month")),
    ("this_year", ("今年", "this year")),
)
# A period entity may be a bare word ("week" tagged in "sales for the week"); a sentence may not ("away for
# a month" is a length): the bare words count only in ``parse_period``.
_BARE_WORDS = {"this_week": ("week",), "this_month": ("month",), "this_year": ("year",)}


def _bounds(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of a canonical period around ``today``."""
    monday = today - dt.timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    next_first = (first_of_month + dt.timedelta(days=32)).replace(day=1)
    days = {
        "tomorrow": (today + dt.timedelta(days=1),) * 2,
        "yesterday": (today - dt.timedelta(days=1),) * 2,
        "last_week": (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)),
        "next_week": (monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)),
        "this_week": (monday, monday + dt.timedelta(days=6)),
        "week_before_last": (monday - dt.timedelta(days=14), monday - dt.timedelta(days=8)),
        "month_before_last": (month_start(first_of_month, -2), month_start(first_of_month, -1) - dt.timedelta(days=1)),
        "last_month": ((first_of_month - dt.timedelta(days=1)).replace(day=1), first_of_month - dt.timedelta(days=1)),
        "this_month": (first_of_month, next_first - dt.timedelta(days=1)),
        "next_month": (next_first, (next_first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)),
        "this_year": (today.replace(month=1, day=1), today.replace(month=12, day=31)),
    }
    return days.get(name, (today, today))


def month_start(first_of_month: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` away from the month beginning on ``first_of_month``."""
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_period(text: str | None, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The first and last day of a spoken period and its canonical name (default: today)."""
    value = normalize(text or "").text.lower().replace(" ", "")
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?", value)
    if match:  # a canonical date entity (2026-03-16) or range (2026-03-16/2026-03-22)
        start = dt.date.fromisoformat(match.group(1))
        return start, dt.date.fromisoformat(match.group(2) or match.group(1)), "day" if not match.group(2) else "days"
    of_year = _of_a_year(value, today)
    if of_year is not None:  # "2025年12月", "去年这个时候", "去年": before 这个月 / 今年 of the table
        return of_year
    span = day_span(value, today)
    if span is not None:  # "上礼拜六", "3月1号到10号", "今天和昨天": those days, before 上礼拜 / 今天 of the table
        return span
    if _YEAR_BACK.search(value) and parse_month_day(str(text)) is not None:  # "去年3月18号": that day
        day = resolve_date(text, today)
        if day is not None:
            return day, day, "day"
    for name, phrases in _PERIODS:
        words = [phrase.replace(" ", "") for phrase in (*phrases, *_BARE_WORDS.get(name, ()))]
        if any(word in value for word in words) and not (name == "tomorrow" and "后天" in value):
            return (*_bounds(name, today), name)
    month = _month_alone(value.removeprefix("去年"))
    if month is not None:  # "3月份卖了多少" / "in march": that month, the last one of that name so far
        year = today.year if month <= today.month and not value.startswith("去年") else today.year - 1
        first = dt.date(year, month, 1)
        return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), "days"
    day = resolve_date(text, today)  # one day said otherwise: 后天, 3月18日, next Tuesday
    if day is not None and day != today:
        return day, day, "day"
    return today, today, "today"


# A year said by its number or counted back from this one; "去年这个时候" / "this time last year" is that year's
# month of today; a month with its year ("2025年12月", "今年3月", "december 2025") is that month.
_YEAR_SAID = r"(\d{4})年?|(今年|去年|前年)"
_SAME_TIME = r"(?:这个时候|这时候|这会儿|同期|这个月|这月|今天|这一天)"
_YEAR_MONTH = re.compile(rf"(?:in|for)?(?:{_YEAR_SAID})(?:(\d{{1,2}})月份?|({_SAME_TIME}))?")
_ENGLISH_YEAR = re.compile(r"(?:in|for)?(?:([a-z]+)(\d{4})|(thistime|thismonth)?(lastyear)|(\d{4}))")


def _of_a_year(value: str, today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """A compact period naming a year: a month of it, its month of today, or the whole year (None if not)."""
    match = _YEAR_MONTH.fullmatch(value)
    if match:
        number, back, month, same = match.groups()
        year = int(number) if number else today.year - _YEARS_BACK[back]
        if back == "今年" and not month and not same:
            return None  # 今年: this year so far, as the table says
        if same == "今天" or same == "这一天":
            day = _safe_date(year, today.month, today.day) or _safe_date(year, today.month, 28)
            return day, day, "day"
        month = int(month) if month else (today.month if same else None)
        if month is not None and not 1 <= month <= 12:
            return None
    else:
        match = _ENGLISH_YEAR.fullmatch(value)
        if not match or (match.group(1) and match.group(1) not in _MONTHS):
            return None
        named, number, same, last, alone = match.groups()
        year = int(number or alone) if (number or alone) else today.year - 1
        month = _MONTHS[named] if named else (today.month if same else None)
    if not 1900 <= year <= today.year:
        return None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "days"
    first = dt.date(year, month, 1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), "days"


def _month_alone(compact: str) -> int | None:
    """The month a period names by itself (3月份, 3月, march, in march), else None."""
    match = re.fullmatch(r"(?:in|for)?(\d{1,2})月份?", compact)
    if match:
        return int(match.group(1)) if 1 <= int(match.group(1)) <= 12 else None
    match = re.fullmatch(r"(?:in|for)?(?:the)?(?:monthof)?([a-z]+)(?:'s)?", compact)
    return _MONTHS.get(match.group(1)) if match and len(match.group(1)) >= 3 else None


# "这几天谁过生日", "过几天", "any birthdays in the next few days": the coming days, as a week from today.
_COMING_DAYS = re.compile(r"这几天|过几天|最近几天|近几天|接下来几天|接下来这几天|未来几天|后面几天|这几日|"
                          r"(?:next|coming|following) (?:few|couple of|several) days|(?:the )?coming days|in a few days")
COMING_DAYS = 7
# "接下来七天", "未来5天", "the next 7 days": so many days ahead (the normaliser writes the figure), within the
# coming ``COMING_DAYS`` days, which the answer covers
_NEXT_SO_MANY_DAYS = re.compile(r"(?:接下来|未来|往后|后面|今后|之后)的?(?:这)?(\d+)天|"
                                r"(?:next|coming|following) (\d+) days")


def says_coming_days(text: str | None) -> bool:
    """Whether ``text`` asks about the next few days ("这几天", "过几天", "the next few days", "接下来七天"): the
    coming ``COMING_DAYS`` days, today included."""
    value = normalize(text or "").text.lower()
    if _COMING_DAYS.search(value) or _COMING_DAYS.search(value.replace(" ", "")):
        return True
    many = _NEXT_SO_MANY_DAYS.search(value.replace(" ", "")) or _NEXT_SO_MANY_DAYS.search(value)
    return many is not None and 2 <= int(many.group(1) or many.group(2)) <= COMING_DAYS


def period_in(text: str | None) -> str | None:
    """The period a sentence names in so many words ("this week", "上个月"), or None."""
    value = normalize(text or "").text.lower()
    joined = value.replace(" ", "")
    year = _YEAR_IN_SENTENCE.search(joined) or _ENGLISH_YEAR_IN_SENTENCE.search(value)
    if year:  # "2025年12月卖了多少", "去年这个时候", "去年": before the 这个月 / 今年 inside them
        return year.group(0)
    span = day_span_in(value)
    if span is not None:  # "上礼拜六" (not 上礼拜), "3月1号到10号" (not 3月), "今天和昨天" (not 昨天)
        return span
    found = [p for _, phrases in _PERIODS for p in phrases if (p in value if p.isascii() else p in joined)]
    if found:
        return max(found, key=len)
    # A month named in the sentence, not a day of it: "去年12月卖了多少钱", "how much did we sell in february".
    month = _MONTH_IN_SENTENCE.search(joined) or _ENGLISH_MONTH_IN_SENTENCE.search(value)
    return month.group(0) if month else None


_YEAR_IN_SENTENCE = re.compile(rf"(?<!\d)(?:(?:去年|前年|今年)\d{{1,2}}月\d{{1,2}}[号日]?|"
                               rf"(?:\d{{4}}年|去年|前年|今年)\d{{1,2}}月份?(?![\d号日底初])|"
                               rf"(?:去年|前年)(?:{_SAME_TIME}|(?!\d{{1,2}}[月号日]))|\d{{4}}年(?!\d{{1,2}}[月号日]))")
_ENGLISH_YEAR_IN_SENTENCE = re.compile(
    r"\b(?:(?:" + "|".join(n for n in _MONTHS if len(n) > 3) + r") (?:19|20)\d{2}|(?:this time |this month )?last year|"
    r"in (?:19|20)\d{2})\b")
_MONTH_IN_SENTENCE = re.compile(r"(?:去年)?(?<!\d)\d{1,2}月份?(?![\d号日底初])")
_MONTH_NAMES = "|".join(n for n in _MONTHS if len(n) > 3)  # "in february", "february's takings", "february sales":
_ENGLISH_MONTH_IN_SENTENCE = re.compile(rf"\b(?:in|for) (?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})(?='s\b| (?:takings|sales|revenue|total)\b)")


def periods_in(text: str | None) -> list[str]:
    """Every period a sentence names in so many words, in the order said ("上个星期跟这个星期" → both)."""
    value = normalize(text or "").text.lower()
    joined = value.replace(" ", "")
    found: list[tuple[int, int, str]] = []
    phrases = sorted({p for _, group in _PERIODS for p in group}, key=len, reverse=True)
    taken: list[tuple[int, int, bool]] = []
    for phrase in phrases:
        ascii_phrase = phrase.isascii()
        where = value if ascii_phrase else joined
        for match in re.finditer(re.escape(phrase), where):
            span = (match.start(), match.end(), ascii_phrase)
            if any(s[2] == ascii_phrase and s[0] < span[1] and span[0] < s[1] for s in taken):
                continue  # inside a longer period already found ("这个星期" in "上个这个星期")
            taken.append(span)
            found.append((match.start(), match.end(), phrase))
    return [phrase for _, _, phrase in sorted(found)]


