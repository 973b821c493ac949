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
    match = re.search(month_word + r"\s*(\d{1,2})(?!\d)(?:st|nd|rd|th)?", value) or None
    if match:
        return _MONTHS[match.group(1)], int(match.group(2))
    match = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + month_word, value)
    if match:
        return _MONTHS[match.group(2)], int(match.group(1))
    return None


def is_lunar(text: str) -> bool:
    """Whether the owner said the date is on the lunar calendar (农历 / 阴历 / lunar)."""
    return any(word in text.lower() for word in ("农历", "阴历", "lunar"))


# One table of the periods she names, in the order they are tried (下个月 before 这个月, 明天 not in 后天), each
# with its whole phrases; English ones are matched with their spaces or without ("next week", "nextweek").
_PERIODS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("next_month", ("下个月", "下月", "next month")),
    ("tomorrow", ("明天", "tomorrow")),
    ("yesterday", ("昨天", "yesterday")),
    ("week_before_last", ("上上周", "上上个星期", "上上星期", "上上个礼拜", "上上礼拜", "the week before last")),
    ("month_before_last", ("上上个月", "上上月", "the month before last")),
    ("last_week", ("上周", "上个星期", "上星期", "上个礼拜", "上礼拜", "last week")),
    ("next_week", ("下周", "下个星期", "下星期", "下个礼拜", "下礼拜", "next week")),
    ("this_week", ("这周", "本周", "这个星期", "这星期", "这礼拜", "这个礼拜", "本礼拜", "this week")),
    ("last_month", ("上个月", "上月", "last month")),
    ("this_month", ("这个月", "本月", "这月", "this month")),
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
_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2, "thisyear": 0, "lastyear": 1}
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


def says_coming_days(text: str | None) -> bool:
    """Whether ``text`` asks about the next few days ("这几天", "过几天", "the next few days"): the coming
    ``COMING_DAYS`` days, today included."""
    value = normalize(text or "").text.lower()
    return bool(_COMING_DAYS.search(value) or _COMING_DAYS.search(value.replace(" ", "")))


def period_in(text: str | None) -> str | None:
    """The period a sentence names in so many words ("this week", "上个月"), or None."""
    value = normalize(text or "").text.lower()
    joined = value.replace(" ", "")
    year = _YEAR_IN_SENTENCE.search(joined) or _ENGLISH_YEAR_IN_SENTENCE.search(value)
    if year:  # "2025年12月卖了多少", "去年这个时候", "去年": before the 这个月 / 今年 inside them
        return year.group(0)
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


_WEEKDAYS = {**{w: i for i, w in enumerate("一二三四五六")}, "日": 6, "天": 6,
             **{w: i for i, w in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"))},
             **{w: i for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}}
_DAY_OFFSETS = {"大后天": 3, "后天": 2, "明天": 1, "明儿": 1, "今天": 0, "今儿": 0, "昨天": -1, "前天": -2,
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
