"""When a customer's birthday falls this time round, and how to say it: 今天, 明天, 后天, 3月18日, 农历二月初七.

A greeting made two days early must never say "今天是您的生日"; its text says the date ("3月17日是您的生日"), not
"后天", since it is sent (and read) on another day than it is made (owner trial 17, A3); the owner's read-back
says both: 后天(3月17日). The same day rules as the birthdays
report: a solar Feb 29 birthday is kept on Feb 28 in other years, a lunar 30th in a 29-day month on the
29th, and a lunar birthday always in the regular (not the leap) month of its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lunardate import LunarDate

from assistant.db.models import Customer
from assistant.language.dates import spoken_day

# A birthday this many days past still gets a belated greeting (补祝) rather than next year's: one 23 days
# past was greeted "提前" for next year, 342 days away (owner trial 13, A3).
BELATED_DAYS = 31

_LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True)
class BirthdayDay:
    """The solar day a customer's birthday is celebrated on, and how far away it is."""

    date: dt.date
    days_ahead: int  # 0 today, 1 tomorrow, negative: just passed
    lunar: tuple[int, int] | None  # (month, day) of a lunar birthday

    def words(self, language: str) -> str:
        """When, as said in a sentence: 今天 / 后天 / 3月18日 / 农历二月初七 / today / on March 18."""
        return _RELATIVE[language].get(self.days_ahead) or self.date_words(language)

    def date_words(self, language: str) -> str:
        """When, by its date, true whatever day it is read: 3月17日 / 农历二月初七 / on March 17."""
        if self.lunar and language == "zh":
            return "农历" + lunar_words(*self.lunar)
        said = spoken_day(self.date.month, self.date.day, language)
        return said if language == "zh" else f"on {said}"

    def owner_note(self, language: str) -> str:
        """When, for the owner's read-back, with the date beside a relative word: 后天(3月17日)."""
        words = self.words(language)
        solar = spoken_day(self.date.month, self.date.day, language)
        if language == "zh":
            if self.lunar:
                lunar = "农历" + lunar_words(*self.lunar)
                return f"{solar}({lunar})" if words == lunar else f"{words}({solar},{lunar})"
            return words if self.days_ahead == 0 or words == solar else f"{words}({solar})"
        extra = [] if words == f"on {solar}" or self.days_ahead == 0 else [solar]
        extra += ["lunar calendar"] if self.lunar else []
        return words + (f" ({', '.join(extra)})" if extra else "")


_RELATIVE = {
    "zh": {0: "今天", 1: "明天", 2: "后天", -1: "昨天", -2: "前天"},
    "en": {0: "today", 1: "tomorrow", 2: "the day after tomorrow", -1: "yesterday", -2: "the day before yesterday"},
}


def birthday_day(customer: Customer, today: dt.date) -> BirthdayDay | None:
    """The customer's birthday nearest ahead of ``today`` (or just past, up to ``BELATED_DAYS``), or None
    when the shop does not know it."""
    month, day = customer.birthday_month, customer.birthday_day
    if not month or not day:
        return None
    earliest = today - dt.timedelta(days=BELATED_DAYS)
    if customer.birthday_lunar:
        this_year = LunarDate.from_solar_date(today.year, today.month, today.day).year
        for year in (this_year - 1, this_year, this_year + 1):
            date = _lunar_to_solar(year, month, day)
            if date >= earliest:
                return BirthdayDay(date, (date - today).days, (month, day))
        return None  # unreachable: next lunar year's birthday is always ahead
    for year in (today.year - 1, today.year, today.year + 1):
        date = _solar(year, month, day)
        if date >= earliest:
            return BirthdayDay(date, (date - today).days, None)
    return None


def lunar_words(month: int, day: int) -> str:
    """A lunar month and day as written on a calendar: 二月初七, 八月十五, 腊月廿三, 正月三十."""
    if day <= 10:
        said = "初" + _DIGITS[day - 1]
    elif day < 20:
        said = "十" + _DIGITS[day - 11]
    elif day == 20:
        said = "二十"
    elif day < 30:
        said = "廿" + _DIGITS[day - 21]
    else:
        said = "三十"
    return f"{_LUNAR_MONTHS[month - 1]}月{said}"


def _solar(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # Feb 29 in a common year
        return dt.date(year, 2, 28)


def _lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:  # the 30th of a 29-day lunar month
        return LunarDate(year, month, 29).to_solar_date()
