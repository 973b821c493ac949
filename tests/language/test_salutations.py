"""A greeting before a request is answered in kind and the request asked alone; a greeting alone stays."""

from __future__ import annotations

import pytest

from assistant.language.salutations import greeting_answer, split_greeting


@pytest.mark.parametrize(
    ("said", "greeting", "asked"),
    [
        ("good morning what's on today", "good morning", "what's on today"),
        ("早上好,今天有什么事", "早上好", "今天有什么事"),
        ("早上 好 今天 有 什么 事", "早上好", "今天 有 什么 事"),  # as the recogniser writes it
        ("你 好 掌柜 今天 有 什么 事", "你好", "今天 有 什么 事"),
        ("hello, who needs rice this week?", "hello", "who needs rice this week?"),
        ("晚上好啊今天卖了多少", "晚上好", "今天卖了多少"),
    ],
)
def test_a_greeting_before_a_request_is_split_off(said: str, greeting: str, asked: str) -> None:
    assert split_greeting(said) == (greeting, asked)


@pytest.mark.parametrize("said", ["你好", "早上好啊", "早上 好 啊", "hi there", "Good morning!", "你好像没记",
                                  "history of sales", "morning"])
def test_a_greeting_alone_or_no_greeting_stays_whole(said: str) -> None:
    assert split_greeting(said) == (None, said)


def test_the_greeting_is_answered_in_kind_in_the_reply_language() -> None:
    assert greeting_answer("good morning") == "Good morning!"
    assert greeting_answer("早上好") == "早上好!"
    assert greeting_answer("good morning", "zh") == "早上好!"
    assert greeting_answer("你好", "en") == "Hello!"
