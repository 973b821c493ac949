"""A greeting said before a request: "good morning what's on today", "早上好,今天有什么事".

The model hears such a message as a greeting (or is unsure), and the request goes unanswered. The
greeting is answered in kind and the request asked on its own; a greeting alone ("你好", "早上好啊", "hi
there") stays what it is.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

# Greetings at the start of a message, longest first, and their answer (Chinese, English).
_ANSWERS = {
    "早上好": ("早上好!", "Good morning!"), "早安": ("早上好!", "Good morning!"), "上午好": ("上午好!", "Good morning!"),
    "中午好": ("中午好!", "Good afternoon!"), "下午好": ("下午好!", "Good afternoon!"),
    "晚上好": ("晚上好!", "Good evening!"), "你好": ("您好!", "Hello!"), "您好": ("您好!", "Hello!"),
    "老板好": ("您好!", "Hello!"), "哈喽": ("您好!", "Hello!"), "嗨": ("您好!", "Hello!"),
    "good morning": ("早上好!", "Good morning!"), "morning": ("早上好!", "Good morning!"),
    "good afternoon": ("下午好!", "Good afternoon!"), "good evening": ("晚上好!", "Good evening!"),
    "hello": ("您好!", "Hello!"), "hi": ("您好!", "Hello!"), "hey": ("您好!", "Hello!"),
}
_GREETING = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, _ANSWERS), key=len, reverse=True)) + r")(?![a-z])"
    r"(?:呀|啊|哇|呢)?(?:\s*(?P<to>掌柜的?|小助手|老板|there|everyone|zhanggui|assistant|boss))?(?:[\s,.!?;:~]+|$|"
    # spoken Chinese comes joined ("早上好今天有什么事"): a greeting of the time of day, or one said to her
    # assistant, ends there; a bare 你好 does not (你好像…)
    r"(?:(?<=[上午板]好)|(?<=早安)|(?<=好[啊呀])|(?<=[柜手]))(?=[\u4e00-\u9fff]))")


def split_greeting(text: str) -> tuple[str | None, str]:
    """The greeting a message starts with and the request after it ("good morning what's on today" →
    ("good morning", "what's on today")); ``(None, text)`` when it starts with none or is only a greeting."""
    said = normalize(text)
    found = _GREETING.match(said.text)
    if found is None:
        return None, text
    rest = re.sub(r"^[\s,,.。!!?？、~]+|[\s,,、~]+$", "", text[said.to_original_span(0, found.end())[1]:])
    if not re.search(r"[\w\u4e00-\u9fff]", rest):
        return None, text
    return found.group(1), rest


def greeting_answer(greeting: str, language: str | None = None) -> str:
    """The greeting answered in kind ("good morning" → "Good morning!", 早上好 → 早上好!), in the reply
    ``language`` (``zh`` / ``en``), else in the greeting's own."""
    zh, en = _ANSWERS[greeting]
    return en if (language or ("en" if greeting.isascii() else "zh")) == "en" else zh
