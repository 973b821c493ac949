"""A read-back put right by naming someone else ("是汪桂兰", "不是王阿姨,是汪阿姨"), kept-aside set #11."""

from __future__ import annotations

import pytest

from assistant.language.elliptical import thing_asked_about
from assistant.language.whom_instead import names_someone_instead


@pytest.mark.parametrize("text", ["是汪桂兰", "是 汪 桂兰", "不 是 王 阿姨 是 汪 阿姨", "不对,是汪阿姨", "哦 不 是 她 是 汪 阿姨",
                                  "I meant Wang Guilan"])
def test_naming_the_right_person(text):
    assert names_someone_instead(text)


@pytest.mark.parametrize("text", ["是的", "是吗", "对", "汪阿姨是谁", "王阿姨平时买什么", "是汪阿姨吗", ""])
def test_not_a_correction(text):
    assert not names_someone_instead(text)


@pytest.mark.parametrize(("text", "words"), [("泰国 的 呢", "泰国"), ("那低筋的呢", "低筋"),
                                            ("what about the thai one", "thai"), ("五常大米还有几袋", None)])
def test_what_an_elliptical_follow_up_asks_about(text, words):
    assert thing_asked_about(text) == words
