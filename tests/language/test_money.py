"""Money is written as the owner says it, never in exponent notation."""

from decimal import Decimal

import pytest

from assistant.language.money import chinese_grouping, format_money


@pytest.mark.parametrize(("amount", "zh", "en"), [
    (0.5, "0.5元", "0.5 yuan"),
    (120, "120元", "120 yuan"),
    (1234.5, "1234.5元", "1234.5 yuan"),
    (30407600, "3040万7600元", "30,407,600 yuan"),  # the red team's takings, read out as "3.04076e+07元"
    (Decimal("30407600.00"), "3040万7600元", "30,407,600 yuan"),
    ("13273.20", "13273.2元", "13273.2 yuan"),  # five digits: read at a glance, as in her books
    (100000, "10万元", "100,000 yuan"),
    ("123456.78", "12万3456.78元", "123,456.78 yuan"),
    (0, "0元", "0 yuan"),
    (Decimal("-85.20"), "-85.2元", "-85.2 yuan"),
    (0.005, "0.01元", "0.01 yuan"),  # rounded to the fen, half up
])
def test_amounts_in_chinese_and_english(amount, zh, en):
    assert format_money(amount, "zh") == zh
    assert format_money(amount, "en") == en


@pytest.mark.parametrize(("number", "said"), [
    (9999, "9999"), (10000, "1万"), (100000, "10万"), (30400050, "3040万零50"), (10005, "1万零5"),
    (100000000, "1亿"), (100000005, "1亿零5"), (100010000, "1亿零1万"), (123456789, "1亿2345万6789"),
])
def test_large_numbers_group_by_wan_and_yi_with_ling_for_gaps(number, said):
    assert chinese_grouping(number) == said


def test_not_a_number_is_refused():
    with pytest.raises(ValueError, match="not an amount"):
        format_money("NaN元")
