"""A tab limit as the owner says it: hers, the shop's default, or back to the shop's."""

from decimal import Decimal

import pytest

from assistant.language.limits import LimitRequest, limit_request


@pytest.mark.parametrize(("said", "expected"), [
    ("王阿姨的赊账上限改成三百", LimitRequest(Decimal("300"), shop_wide=False)),
    ("黄姐的额度降到一百吧", LimitRequest(Decimal("100"), shop_wide=False)),
    ("李 叔 的 额度 调 到 两百", LimitRequest(Decimal("200"), shop_wide=False)),
    ("老杨最多能欠五百块", LimitRequest(Decimal("500"), shop_wide=False)),
    ("店里的赊账额度改成八百", LimitRequest(Decimal("800"), shop_wide=True)),
    ("张姐的赊账额度按店里的来", LimitRequest(None, shop_wide=False)),
    ("set Mrs Chen's credit limit to two hundred", LimitRequest(Decimal("200"), shop_wide=False)),
    ("the default tab limit should be 600", LimitRequest(Decimal("600"), shop_wide=True)),
])
def test_limits_as_said(said, expected):
    assert limit_request(said) == expected


@pytest.mark.parametrize("said", ["王阿姨还了一百", "王阿姨先拿两袋米,记账", "额 王阿姨买了两袋米", "金额一百二",
                                  "王阿姨的额度是多少", "Mrs Chen paid 50"])
def test_no_limit_is_set_by_anything_else(said):
    assert limit_request(said) is None


def test_a_filler_is_dropped_but_not_the_first_character_of_a_word():
    from assistant.language.normalize import normalize

    assert normalize("额 王阿姨 的 额度").text == "王阿姨的额度"
    assert normalize("限额和金额和余额").text == "限额和金额和余额"
