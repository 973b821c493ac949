"""Spans of days said in one phrase (red team 14): a weekday of a named week, a range of days, two days joined,
Hangzhou day words, and the same days a year before — against a pinned today (Sunday 2026-03-15)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.language.dates import canonical_date, parse_period, period_in
from assistant.language.spans import a_year_before, day_span, says_same_time_a_year_before

TODAY = dt.date(2026, 3, 15)
D = dt.date


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("上礼拜六卖了多少", D(2026, 3, 7), D(2026, 3, 7)),  # F1: that day, not all of last week
    ("上礼拜六呢", D(2026, 3, 7), D(2026, 3, 7)),
    ("上周三卖了多少", D(2026, 3, 4), D(2026, 3, 4)),
    ("这周一卖了多少", D(2026, 3, 9), D(2026, 3, 9)),
    ("上上礼拜六", D(2026, 2, 28), D(2026, 2, 28)),
    ("what did we sell last Saturday", D(2026, 3, 7), D(2026, 3, 7)),
    ("上周一共卖了多少", D(2026, 3, 2), D(2026, 3, 8)),  # 一共 is no Monday
    ("3月1号到10号卖了多少钱", D(2026, 3, 1), D(2026, 3, 10)),  # F2: the whole range
    ("3月1日至3月10日", D(2026, 3, 1), D(2026, 3, 10)),
    ("1号到10号卖了多少", D(2026, 3, 1), D(2026, 3, 10)),
    ("how much from March 1 to 10", D(2026, 3, 1), D(2026, 3, 10)),
    ("march 1st to march 10th", D(2026, 3, 1), D(2026, 3, 10)),
    ("12月1号到10号", D(2025, 12, 1), D(2025, 12, 10)),  # ahead of today: last December
    ("今天和昨天一共卖了多少", D(2026, 3, 14), D(2026, 3, 15)),  # F4: both days, summed
    ("昨天加今天", D(2026, 3, 14), D(2026, 3, 15)),
    ("today and yesterday", D(2026, 3, 14), D(2026, 3, 15)),
    ("明朝 啥人 过 生日", D(2026, 3, 16), D(2026, 3, 16)),  # M3: Hangzhou tomorrow
    ("昨日 卖了 多少", D(2026, 3, 14), D(2026, 3, 14)),
    ("葛个 礼拜 啥人 该 来 买 米 了", D(2026, 3, 9), D(2026, 3, 15)),  # M3: Hangzhou this week
    ("嗯 今天 跟 昨天 加 起来 卖 了 多少 钱", D(2026, 3, 14), D(2026, 3, 15)),  # rt15 F1: 跟 with a sum after it
    ("今天跟昨天一共卖了多少", D(2026, 3, 14), D(2026, 3, 15)),
    ("what did we take on saturday last week", D(2026, 3, 7), D(2026, 3, 7)),  # rt15 F2: that Saturday
    ("saturday of last week", D(2026, 3, 7), D(2026, 3, 7)),
    ("last week's saturday", D(2026, 3, 7), D(2026, 3, 7)),
    ("monday this week", D(2026, 3, 9), D(2026, 3, 9)),
    ("上周的周六卖了多少", D(2026, 3, 7), D(2026, 3, 7)),
])
def test_a_sentence_names_its_span_of_days(sentence: str, start: dt.date, end: dt.date) -> None:
    said = period_in(sentence)
    assert said is not None
    assert parse_period(said, TODAY)[:2] == (start, end)
    assert parse_period(sentence, TODAY)[:2] == (start, end)


@pytest.mark.parametrize("sentence", ["卖了5到10袋", "这周天天下雨", "今天跟昨天比怎么样", "今天跟昨天比一共多了多少"])
def test_no_span_of_days_where_none_is_said(sentence: str) -> None:
    assert day_span(sentence, TODAY) is None


def test_hangzhou_day_words_are_days() -> None:
    assert canonical_date("明朝", TODAY) == "2026-03-16"
    assert canonical_date("今朝", TODAY) == "2026-03-15"
    assert canonical_date("昨日", TODAY) == "2026-03-14"


def test_the_same_time_a_year_before() -> None:
    assert says_same_time_a_year_before("去年这个时候呢")
    assert says_same_time_a_year_before("and the same time last year?")
    assert not says_same_time_a_year_before("去年呢")
    assert a_year_before(D(2026, 1, 1), D(2026, 3, 15)) == (D(2025, 1, 1), D(2025, 3, 15))
    assert a_year_before(D(2028, 2, 29), D(2028, 2, 29)) == (D(2027, 2, 28), D(2027, 2, 28))
