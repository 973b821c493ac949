"""Phone numbers and birthdays as the owner types them on her phone."""

from __future__ import annotations

import pytest

from assistant.errors import Invalid
from assistant.shop.customers import Birthday, validate_phone


@pytest.mark.parametrize(("typed", "stored"), [
    ("13857101234", "13857101234"), ("139 0000 1111", "13900001111"), ("+86 138-5710-1234", "13857101234"),
    ("0571-87654321", "057187654321"), ("010-12345678", "01012345678"), ("(0571)8765432", "05718765432"),
])
def test_mainland_mobiles_and_landlines_with_area_code(typed, stored):
    assert validate_phone(typed) == stored


@pytest.mark.parametrize("typed", ["1385710123", "138571012345", "12857101234", "87654321", "555 0101", "12ab", ""])
def test_anything_else_is_refused_in_both_languages(typed):
    with pytest.raises(Invalid) as refused:
        validate_phone(typed)
    assert refused.value.field == "phone" and "is not a phone number" in str(refused.value)
    assert "不是电话号码" in refused.value.zh


@pytest.mark.parametrize(("typed", "stored"), [
    ("1958-03-18", "1958-03-18"), ("03-18", "03-18"), ("3-18", "03-18"), ("3月18日", "03-18"), ("3月18号", "03-18"),
    ("1958年3月18日", "1958-03-18"), ("3/18", "03-18"), ("农历八月十五", "农历08-15"), ("农历08-15", "农历08-15"),
    ("腊月初八", "农历12-08"), ("正月初一", "农历01-01"), ("十二月三十一日", "12-31"), ("lunar:1950-08-30", "农历1950-08-30"),
])
def test_birthdays_as_people_write_them(typed, stored):
    assert str(Birthday.parse(typed)) == stored


@pytest.mark.parametrize(("typed", "zh"), [("02-30", "2月30日不是真实的日期"), ("2023-02-29", "不是真实的日期"),
                                           ("下个月", "看不懂"), ("13-01", "不在1到12之间")])
def test_impossible_birthdays_say_why_in_both_languages(typed, zh):
    with pytest.raises(Invalid) as refused:
        Birthday.parse(typed)
    assert refused.value.field == "birthday" and zh in refused.value.zh
