"""A day said without a year: last year's when she tells what was done, this year's for what is to come."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.brain.entities import canonical_values
from assistant.language.tense import dated, day_as_told, past_day, tells_the_past

TODAY = dt.date(2026, 3, 15)
MARCH_18 = dt.date(2026, 3, 18)


@pytest.mark.parametrize("text", ["王阿姨3月18号买了两袋米", "王 阿姨 3 月 18 号 买 了 两 袋 米", "李叔3月18号还了一百",
                                  "3月18号卖了多少", "mrs wang bought two bags of rice on march 18",
                                  "uncle li paid 100 on march 18"])
def test_a_day_ahead_in_a_sentence_about_the_past_is_last_years(text):
    assert tells_the_past(text)
    assert day_as_told(MARCH_18, text, TODAY) == dt.date(2025, 3, 18)


@pytest.mark.parametrize("text", ["谁3月18号过生日", "王阿姨生日是3月18号", "3月18号她要来拿米", "王阿姨今年3月18号买了两袋米",
                                  "she will come on march 18", "whose birthday is on march 18"])
def test_things_to_come_birthdays_and_a_year_said_keep_the_day(text):
    assert day_as_told(MARCH_18, text, TODAY) == MARCH_18


def test_a_day_already_past_stays_this_years():
    assert day_as_told(dt.date(2026, 3, 10), "王阿姨3月10号买了两袋米", TODAY) == dt.date(2026, 3, 10)


def test_the_date_entity_of_a_purchase_is_never_ahead_of_today():
    text = "王阿姨3月18号买了两袋米"
    start = text.index("3月")
    found = canonical_values([{"entity": "date", "start": start, "end": start + 5}], text, TODAY)
    assert found[0]["value"] == "2025-03-18"


def test_a_record_keeps_only_an_earlier_day_and_says_it_with_its_year():
    assert past_day("2025-03-18", TODAY) == dt.date(2025, 3, 18)
    assert past_day("2026-03-15", TODAY) is None and past_day("2026-03-16", TODAY) is None
    assert past_day("农历08-15", TODAY) is None
    assert dated("2025-03-18", "zh") == "2025年3月18日 "
    assert dated("2025-03-18", "en") == "On March 18, 2025, "
    assert dated(None, "zh") == ""
