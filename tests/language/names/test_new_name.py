"""The name said right after the new-customer words is hers, nickname or not (red team 17, M3 and M4)."""

from __future__ import annotations

import pytest

from assistant.language.names.new_name import new_customer_name_span
from assistant.language.normalize import normalize


def _name(text: str) -> str | None:
    value = normalize(text).text
    span = new_customer_name_span(value)
    return value[span[0]:span[1]] if span else None


@pytest.mark.parametrize(("text", "name"), [
    ("新顾客 大嘴 电话 13600006666", "大嘴"),
    ("新顾客 二丫 电话 13600006666", "二丫"),
    ("新 顾 客 大 嘴 电 话 一 三 六 零 零 零 零 六 六 六 六", "大嘴"),
    ("新来的 老板娘 电话 13600006666", "老板娘"),
    ("加个新客人 石头", "石头"),
    ("新来的那位,叫二丫,住5栋", "二丫"),  # the name after a 叫 that follows the new-customer words
    ("新顾客陈女士,电话13800001111", "陈女士"),
    ("open an account for Fatty Lim, phone 13911113333", "fatty lim"),
    ("set up a new account for Skinny Tan", "skinny tan"),
    ("new customer big mouth wong who lives in building 3", "big mouth wong"),
])
def test_the_name_after_the_new_customer_words_is_found(text: str, name: str) -> None:
    assert _name(text) == name


@pytest.mark.parametrize("text", [
    "新顾客叫什么名字", "新顾客 电话 13600006666", "来了个新顾客,姓马", "新来的面粉 多少钱", "那个牌子叫金龙鱼",
    "新顾客 要加一下", "新来的一个 电话 139", "open an account for her", "new customer, phone 13911113333",
])
def test_words_that_are_no_name_are_not_taken(text: str) -> None:
    assert _name(text) is None
