"""The goods a question means when it corrects itself (red team 16, M6)."""

from __future__ import annotations

import pytest

from assistant.language.goods_meant import goods_meant


@pytest.mark.parametrize(("said", "goods", "meant"), [
    ("今天 米 卖 了 多少 哦 不 是 面粉", ["米", "面粉"], "面粉"),
    ("今天米卖了多少哦不是面粉", ["米", "面粉"], "面粉"),
    ("this week's flour sales, sorry, I mean rice", ["flour", "rice"], "rice"),
    ("how much rice did we sell today, no wait, flour", ["rice", "flour"], "flour"),
    ("上个礼拜油卖了多少不对是米", ["油", "米"], "米"),
    ("不是米是面粉卖了多少", ["米", "面粉"], "面粉"),
    ("面粉卖了多少,不是米", ["面粉", "米"], "面粉"),  # the goods denied last are not the ones meant
    ("how much rice did we sell, not flour", ["rice", "flour"], "rice"),
])
def test_the_goods_a_correction_puts_instead(said: str, goods: list[str], meant: str) -> None:
    assert goods_meant(said, goods) == meant


@pytest.mark.parametrize(("said", "goods"), [
    ("米和面粉各卖了多少", ["米", "面粉"]),  # both asked: nothing corrected
    ("米卖了多少是不是比面粉多", ["米", "面粉"]),  # 是不是 asks, it takes nothing back
    ("今天米卖了多少", ["米"]),
])
def test_no_correction_leaves_the_goods_to_the_caller(said: str, goods: list[str]) -> None:
    assert goods_meant(said, goods) is None


@pytest.mark.parametrize(("said", "goods"), [
    ("is there no rice or flour left", ["rice", "flour"]),  # "no" before the goods corrects nothing
    ("how much rice and flour did we sell, not counting today", ["rice", "flour"]),
])
def test_a_negation_that_corrects_no_goods(said: str, goods: list[str]) -> None:
    assert goods_meant(said, goods) is None
