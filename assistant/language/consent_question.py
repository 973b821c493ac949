"""Whether the owner asks if a customer takes the shop's messages ("老秦同意收消息吗") rather than tells a change
("老秦又想收消息了"): a question is answered from the record, never read back as a consent change to write."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

# What taking messages is called: "收消息", "发消息", "收短信", "send her messages", "get texts".
_MESSAGES = re.compile(r"消息|短信|信息|通知|祝福|推送|广告|messag|texts?\b|sms|notification|wechat|greeting|promo|"
                       r"marketing|news")
# A Chinese question: "…吗", "…么", "收不收", "同意没有", "是否", "有没有同意", "还…不".
_ZH_ASKS = re.compile(r"[吗么嘛][?？]?$|[?？]$|收不收|发不发|要不要|同不同意|愿不愿意|是否|有没有|同意没|"
                      r"同意了没|收没收|(?:收|发)\S{0,6}(?:没有|不)[?？]?$")
# An English question: "do we still send …", "does Deng Hai get …", "is she opted in", "… ?".
_EN_ASKS = re.compile(r"^(?:do|does|did|is|are|has|have|can|should|will)\b(?! not\b)|\?$|\bwhether\b")
# A request phrased as a question ("能不能别给她发消息了吗", "can you stop her messages"): a change, not a question.
_REQUEST = re.compile(r"能不能|可不可以|可以|帮我|麻烦|请|别再?|不要再|停|退订|取消|记一下|记下|"
                      r"^(?:can|could|would) you\b|please|\bstop\b|unsubscribe|\bremove\b|\badd\b")


def asks_about_consent(text: str | None) -> bool:
    """Whether ``text`` asks whether a customer takes the shop's messages ("老秦同意收消息吗", "邓海 还 收 消息 吗",
    "do we still send Deng Hai messages") rather than tells a change of her mind ("老秦又想收消息了")."""
    value = normalize(text or "").text.lower().strip()
    compact = re.sub(r"\s+", "", value) if not value.isascii() else value
    if not _MESSAGES.search(compact):
        return False
    asks = _EN_ASKS.search(compact) if compact.isascii() else _ZH_ASKS.search(compact)
    return bool(asks) and not _REQUEST.search(compact)
