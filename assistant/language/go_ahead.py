"""A go-ahead said the casual way while a read-back waits: a yes and a "let's go" ("yes 安排", "好 冲", "行 走起",
"好嘞安排上"), and for a message waiting to be sent, "send" said over and over ("发发发", "快发", "send send").

The model hears "安排" as the day's tasks and "发发发" as the greetings list; while a read-back waits they only mean
"yes, do it" (``answers.says_yes`` covers the plain yes words).
"""

from __future__ import annotations

import re
import unicodedata

_YES = r"(?:嗯+|对+的?|好+的?|好[嘞咧滴哒]|行+|可以|没问题|没错|是的|ok|okay|yes|yeah|yep|yup|sure)"
# "Let's go" words: 安排 (see to it), 冲 (charge), 搞起 / 走起 / 整起 (let's get on with it), 上 (put it up).
_GO = r"(?:安排(?:上|了|一下)?|冲+鸭?|搞起来?|走起|走你|整起来?|整上|上|干|开干|开搞)"
_ZH_GO_AHEAD = re.compile(rf"^(?:{_YES}(?:啊|呀|吧|呢)?)+(?:{_GO}(?:吧|啊|呀|了)?)+$"
                          # alone, the ones that cannot be a request of their own ("安排" alone asks for the day)
                          r"|^(?:安排上|冲+鸭?|搞起来?|走起|整起来?)(?:吧|啊|呀)?$")
_EN_GO_AHEAD = re.compile(r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay)[ ,.!]*)+"
                          r"(?:go|go for it|let'?s go|let'?s do it|ship it|log it|book it|hit it)[ .!]*$")
# "发发发", "快发", "发吧发吧", "好 发出去": only while a message waits to be sent.
_ZH_SEND = re.compile(rf"^(?:{_YES}(?:啊|呀|吧)?)*(?:快|赶紧|赶快|马上|那就|就)?"
                      r"(?:发+(?:吧|了|啦|呀|啊|出去|过去|给他|给她)?)+$")
_EN_SEND = re.compile(r"^(?:(?:yes|yeah|yep|sure|ok|okay)[ ,.!]*)*(?:send(?: it)?(?: now| out| over| off)?[ ,.!]*)+"
                      r"(?:please)?[ .!]*$")
_DROP = re.compile(r"[\s,，。.!！?？、~～]+")


def says_go_ahead(text: str | None, *, sending: bool = False) -> bool:
    """Whether ``text`` is only a go-ahead ("yes 安排", "好 冲", "ok let's go"); with ``sending`` (a message read
    back to be sent) also "send" said any way ("发发发", "快发", "send send")."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return False
    if value.isascii():
        spaced = re.sub(r"\s+", " ", value)
        return bool(_EN_GO_AHEAD.match(spaced) or (sending and _EN_SEND.match(spaced)))
    joined = _DROP.sub("", value)
    return bool(_ZH_GO_AHEAD.match(joined) or (sending and _ZH_SEND.match(joined)))
