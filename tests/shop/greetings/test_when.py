"""When a birthday falls this time round: solar, lunar, Feb 29, the 30th of a short lunar month, a new year."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from assistant.shop.greetings.when import birthday_day, lunar_words


def customer(month, day, lunar=False):
    return SimpleNamespace(birthday_month=month, birthday_day=day, birthday_lunar=lunar)


@pytest.mark.parametrize(("month", "day", "said"), [
    (2, 7, "二月初七"), (8, 15, "八月十五"), (1, 1, "正月初一"), (12, 23, "腊月廿三"), (11, 20, "冬月二十"),
    (1, 30, "正月三十"), (3, 10, "三月初十"),
])
def test_lunar_days_are_said_as_on_a_calendar(month, day, said):
    assert lunar_words(month, day) == said


def test_next_birthday_solar_and_lunar():
    today = dt.date(2026, 3, 15)
    assert birthday_day(customer(3, 17), today).days_ahead == 2
    lunar = birthday_day(customer(2, 7, lunar=True), today)
    assert (lunar.date, lunar.days_ahead, lunar.words("zh"), lunar.words("en")) == (
        dt.date(2026, 3, 25), 10, "农历二月初七", "on March 25")
    assert birthday_day(customer(None, None), today) is None


def test_birthdays_across_the_new_year_and_days_that_are_not_there_every_year():
    assert birthday_day(customer(1, 1), dt.date(2026, 12, 31)).date == dt.date(2027, 1, 1)
    assert birthday_day(customer(2, 29), dt.date(2026, 2, 20)).date == dt.date(2026, 2, 28)
    # 2026's lunar second month has 29 days: a 二月三十 birthday is kept on the 29th (April 16).
    assert birthday_day(customer(2, 30, lunar=True), dt.date(2026, 4, 1)).date == dt.date(2026, 4, 16)
    # Long past this year: next year's.
    assert birthday_day(customer(1, 5), dt.date(2026, 3, 15)).date == dt.date(2027, 1, 5)
    # Lunar 腊月 birthday in January of the next solar year: still this lunar year's.
    assert birthday_day(customer(12, 8, lunar=True), dt.date(2026, 1, 10)).date == dt.date(2026, 1, 26)
