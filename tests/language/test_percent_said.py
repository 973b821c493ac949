"""A rate said as a percentage ("百分之五", "5%", "five percent"), read after normalisation."""

from decimal import Decimal

import pytest

from assistant.language.quantities import percent_said


@pytest.mark.parametrize(("text", "rate"), [
    ("陈团长佣金按百分之五算", "0.05"),
    ("按百分之八算是多少", "0.08"),
    ("百分之十五", "0.15"),
    ("百分之三点五", "0.035"),
    ("按8%算", "0.08"),
    ("what is leader chen's commission at five percent", "0.05"),
    ("按5个点算", "0.05"),
])
def test_a_percentage_is_a_rate(text, rate):
    assert percent_said(text) == Decimal(rate)


@pytest.mark.parametrize("text", ["陈团长这个月佣金多少", "百分之", "按三百块算", "5点来拿"])
def test_no_percentage_no_rate(text):
    assert percent_said(text) is None
