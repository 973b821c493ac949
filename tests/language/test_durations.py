"""Lengths of time in days, as the owner says them."""

from __future__ import annotations

import pytest

from assistant.language.durations import parse_duration


@pytest.mark.parametrize(("said", "days"), [
    ("一个月", 30), ("两个礼拜", 14), ("半个月", 15), ("三周", 21), ("a fortnight", 14), ("两个月", 60),
    ("一年", 365), ("一个半月", 45), ("俩礼拜", 14), ("两 个 月", 60), ("three weeks", 21), ("a month", 30),
    ("2 months", 60), ("half a year", 182), ("a month and a half", 45), ("六十多天", 60), ("十来天", 10),
    ("30", 30), ("30天", 30), ("14 days", 14), ("一个星期", 7),
])
def test_a_length_is_its_days(said: str, days: int) -> None:
    assert parse_duration(said) == days


@pytest.mark.parametrize("said", ["这个月", "上周", "下个月", "last week", "3月18日", "3月", "", None, "王阿姨"])
def test_calendar_spans_and_dates_are_not_lengths(said: str | None) -> None:
    assert parse_duration(said) is None
