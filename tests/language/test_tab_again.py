"""Goods put on the tab just written ("也记上") are a tab too (kept-aside conversations #10)."""

import pytest

from assistant.language.tab_again import says_same_tab


@pytest.mark.parametrize(("text", "same_tab"), [
    ("小赵又拿了一袋挂面,也记上", True),
    ("小赵 又 拿 了 一 袋 挂面 也 记 上", True),
    ("再拿一瓶生抽 一起记账", True),
    ("add it to her tab", True),
    ("小赵又拿了一袋挂面", False),
    ("王阿姨买了两袋米,记一下", False),
])
def test_goods_said_on_the_same_tab(text, same_tab):
    assert says_same_tab(text) is same_tab
