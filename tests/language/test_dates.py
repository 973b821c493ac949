"""Days and periods against a pinned today (Sunday 2026-03-15)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.language.comparisons import compares, names_period_before, period_before, whole_period
from assistant.language.dates import (
    canonical_date,
    parse_period,
    period_in,
    periods_in,
    resolve_date,
    spoken_span,
    with_year_said,
)

TODAY = dt.date(2026, 3, 15)


@pytest.mark.parametrize(("said", "iso"), [
    ("明天", "2026-03-16"), ("后天", "2026-03-17"), ("大后天", "2026-03-18"), ("tomorrow", "2026-03-16"),
    ("day after tomorrow", "2026-03-17"), ("昨天", "2026-03-14"), ("下周二", "2026-03-17"),
    ("下个礼拜三", "2026-03-18"), ("next Tuesday", "2026-03-17"), ("周五", "2026-03-20"), ("月底", "2026-03-31"),
    ("3月18日", "2026-03-18"), ("3月18号", "2026-03-18"), ("June twelfth", "2026-06-12"),
    ("june 12th", "2026-06-12"), ("2026-04-01", "2026-04-01"),
])
def test_a_day_is_its_iso_date(said: str, iso: str) -> None:
    assert canonical_date(said, TODAY) == iso
    assert resolve_date(said, TODAY) == dt.date.fromisoformat(iso)


def test_a_lunar_day_keeps_its_calendar() -> None:
    assert canonical_date("农历八月十五", TODAY) == "农历08-15"
    assert canonical_date("农历8月15", TODAY) == "农历08-15"


def test_no_day_said_is_none() -> None:
    assert canonical_date("下周", TODAY) is None and resolve_date("王阿姨", TODAY) is None


def test_periods_next_month_tomorrow_and_canonical_dates() -> None:
    assert parse_period("下个月", TODAY) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30), "next_month")
    assert parse_period("next month", TODAY)[2] == "next_month"
    assert parse_period("明天", TODAY) == (dt.date(2026, 3, 16), dt.date(2026, 3, 16), "tomorrow")
    assert parse_period("明儿", TODAY)[2] == "tomorrow"  # Northern words (blind set #18's husband)
    assert parse_period("昨儿", TODAY)[:2] == (dt.date(2026, 3, 14), dt.date(2026, 3, 14))
    assert parse_period("2026-03-17", TODAY) == (dt.date(2026, 3, 17), dt.date(2026, 3, 17), "day")
    assert parse_period("下周", TODAY) == (dt.date(2026, 3, 16), dt.date(2026, 3, 22), "next_week")


@pytest.mark.parametrize(
    ("start", "end", "language", "said"),
    [
        ("2026-03-15", "2026-03-15", "zh", "今天"),
        ("2026-03-14", "2026-03-14", "zh", "3月14日"),
        ("2026-02-01", "2026-02-28", "zh", "2月"),
        ("2026-03-01", "2026-03-15", "zh", "3月1日到3月15日"),
        ("2025-12-01", "2025-12-31", "zh", "2025年12月"),
        ("2026-02-01", "2026-02-28", "en", "in February"),
        ("2026-03-14", "2026-03-14", "en", "on March 14"),
        ("2026-03-09", "2026-03-15", "en", "March 9 to March 15"),
    ],
)
def test_a_reports_days_are_said_as_she_would_say_them(start: str, end: str, language: str, said: str) -> None:
    from assistant.language.dates import spoken_span

    day = dt.date.fromisoformat
    assert spoken_span(day(start), day(end), day("2026-03-15"), language) == said


def test_a_year_said_with_the_day_is_kept() -> None:
    assert canonical_date("1958年3月18号", TODAY) == "1958-03-18"
    assert canonical_date("March 18th, 1958", TODAY) == "1958-03-18"
    assert canonical_date("3月18号", TODAY) == "2026-03-18"  # no year: this year


def test_a_period_said_in_so_many_words_is_found_in_the_sentence() -> None:
    from assistant.language.dates import period_in

    assert period_in("How much oil did we sell this week?") == "this week"
    assert period_in("上个月 米 卖了 多少") == "上个月"
    assert period_in("who hasn't been in for a month") is None  # a length away, not a period
    assert period_in("王阿姨买了两袋米") is None


def test_one_day_said_as_a_period_is_that_day_not_today() -> None:
    assert parse_period("后天", TODAY) == (dt.date(2026, 3, 17), dt.date(2026, 3, 17), "day")
    assert parse_period("3月18日", TODAY)[:2] == (dt.date(2026, 3, 18), dt.date(2026, 3, 18))
    assert parse_period("今天", TODAY) == (TODAY, TODAY, "today")


def test_every_phrase_a_sentence_can_name_is_a_period_of_its_own() -> None:
    """The sentence fallback and the entity parser read one table: each phrase found in a sentence means
    the same days as when the model tags it."""
    from assistant.language.dates import _PERIODS, period_in

    for name, phrases in _PERIODS:
        for phrase in phrases:
            assert period_in(f"{phrase} 卖了多少") == phrase
            assert parse_period(phrase, TODAY)[2] == name, phrase


def test_a_month_named_alone_is_that_month_so_far_this_year_or_last():
    assert parse_period("3月份", TODAY)[:2] == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert parse_period("in march", TODAY)[:2] == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert parse_period("12月份", TODAY)[:2] == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))  # not one to come
    assert parse_period("这个", TODAY)[2] == "today"


def test_two_periods_compared_in_so_many_words():
    from assistant.language.comparisons import compared_periods
    from assistant.language.dates import periods_in

    assert periods_in("上 个 礼拜 跟 这 个 礼拜 比") == ["上个礼拜", "这个礼拜"]
    assert compared_periods("上个星期跟这个星期比呢", ["上个星期"]) == ["上个星期", "这个星期"]
    assert compared_periods("this week compared with last week", []) == ["this week", "last week"]
    assert compared_periods("上个星期和这个星期卖了多少", []) == []  # two periods, no comparison asked
    assert compared_periods("这个月卖了多少", ["这个月"]) == []


def test_a_month_the_model_left_untagged_is_found_in_the_sentence() -> None:
    # Owner trial #3: "去年十二月卖了多少钱" and "how much did we sell in february" answered today's takings.
    from assistant.language.dates import period_in

    said = period_in("去年十二月卖了多少钱")
    assert parse_period(said, TODAY)[:2] == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    said = period_in("how much did we sell in february")
    assert parse_period(said, TODAY)[:2] == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_in("三月十八号是谁生日") is None  # a day, not a month
    for said in ("What were February's takings?", "february sales"):  # kept-aside #9: today's takings answered
        assert parse_period(period_in(said), TODAY)[:2] == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_in("we march on") is None and period_in("may sales") is None  # a verb, a word too short to tell
    assert parse_period("去年3月", TODAY)[:2] == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def test_the_period_before_the_one_answered() -> None:
    """"跟前一个礼拜比呢" after last week's takings: the week before it; after this month so far, last month."""
    assert period_before(dt.date(2026, 3, 2), dt.date(2026, 3, 8)) == (dt.date(2026, 2, 23), dt.date(2026, 3, 1))
    assert period_before(dt.date(2026, 3, 1), dt.date(2026, 3, 15)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_before(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert whole_period(dt.date(2026, 3, 9), dt.date(2026, 3, 15)) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert period_before(dt.date(2026, 3, 4), dt.date(2026, 3, 6)) == (dt.date(2026, 3, 1), dt.date(2026, 3, 3))
    for said in ("跟前一个礼拜比呢", "跟 前 一个 礼拜 比 呢", "那前一个月呢", "and the week before?", "previous month?"):
        assert names_period_before(said), said
    for said in ("前天呢", "上上周呢", "the week before last", "上个礼拜呢"):
        assert not names_period_before(said), said
    assert compares("跟上周比呢") and compares("compared with last month") and not compares("上周呢")


def test_the_week_and_month_before_last() -> None:
    assert parse_period("上上周", TODAY)[:2] == (dt.date(2026, 2, 23), dt.date(2026, 3, 1))
    assert parse_period("上上个礼拜", TODAY)[:2] == (dt.date(2026, 2, 23), dt.date(2026, 3, 1))
    assert parse_period("上上个月", TODAY)[:2] == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert parse_period("the week before last", TODAY)[:2] == (dt.date(2026, 2, 23), dt.date(2026, 3, 1))
    assert parse_period("上周", TODAY)[:2] == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert periods_in("和上上周比呢") == ["上上周"]


@pytest.mark.parametrize(("said", "start", "end", "spoken"), [
    ("二零二五年十二月卖了多少", "2025-12-01", "2025-12-31", "2025年12月"),  # owner trial 4: was today's takings
    ("去年这个时候卖了多少", "2025-03-01", "2025-03-31", "2025年3月"),  # was today's takings
    ("去年卖了多少钱", "2025-01-01", "2025-12-31", "2025年"),
    ("去年这个月呢", "2025-03-01", "2025-03-31", "2025年3月"),  # not this month
    ("今年3月卖了多少", "2026-03-01", "2026-03-31", "3月"),  # not the whole year
    ("how much did we sell in december 2025", "2025-12-01", "2025-12-31", "2025年12月"),
    ("sales this time last year", "2025-03-01", "2025-03-31", "2025年3月"),
])
def test_a_year_said_with_or_without_its_month_is_that_year_or_month(said: str, start: str, end: str,
                                                                     spoken: str) -> None:
    today = dt.date(2026, 3, 15)
    first, last, _ = parse_period(period_in(said), today)
    assert (first.isoformat(), last.isoformat()) == (start, end)
    assert spoken_span(first, last, today, "zh") == spoken


def test_a_birth_date_in_a_sentence_is_not_a_year_period() -> None:
    assert period_in("她是1958年3月18号生的") is None
    assert period_in("今年卖了多少") == "今年"


def test_a_month_and_its_year_is_no_day_of_that_month() -> None:
    # "in december 2025" was heard as December 20 (the day read from the year's first digits)
    assert canonical_date("december 2025", TODAY) is None
    assert canonical_date("december 20th", TODAY) == "2026-12-20"


@pytest.mark.parametrize(("said", "iso"), [("去年3月18号", "2025-03-18"), ("前年5月1日", "2024-05-01"),
                                           ("march 18 last year", "2025-03-18"), ("今年3月18号", "2026-03-18")])
def test_a_year_counted_back_with_a_month_and_day_is_that_years_day(said: str, iso: str) -> None:
    day = dt.date.fromisoformat(iso)
    assert resolve_date(said, TODAY) == day
    assert parse_period(said, TODAY) == (day, day, "day")


def test_the_year_said_before_a_tagged_day_goes_with_it() -> None:
    text = "去年3月18号卖了多少"
    assert with_year_said(text, 2, 7) == "去年3月18号"
    assert canonical_date(with_year_said(text, 2, 7), TODAY) == "2025-03-18"
    assert with_year_said("how much on march 18 last year", 12, 20) == "march 18 last year"
    assert with_year_said("3月18号卖了多少", 0, 5) == "3月18号"
    assert period_in(text) == "去年3月18号"
