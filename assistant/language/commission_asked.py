"""A group leader's commission asked in its own words ("上个月陈团长拿了多少佣金", "陈团长返点多少").

"拿了多少" alone is what a customer took (her purchases); followed by 佣金/提成/返点 it is her share of what her
people bought, so the commission answer must not turn it into her purchases (blind #15).
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_COMMISSION_WORDS = re.compile(r"返点|提成|佣金|分成|介绍费|\bcommissions?\b|\brebates?\b")
_HOW_MUCH = re.compile(r"多少|几|啥|什么|[?？]|\bhow much\b|\bwhat'?s\b|\bwhat is\b")


def names_commission(text: str | None) -> bool:
    """Whether ``text`` says a commission word (佣金, 提成, 返点, commission) at all."""
    return bool(_COMMISSION_WORDS.search(normalize(text or "").text.lower()))


def asks_commission(text: str | None) -> bool:
    """Whether ``text`` asks how much a commission is ("上个月陈团长拿了多少佣金", "how much commission …")."""
    value = normalize(text or "").text.lower()
    return bool(_COMMISSION_WORDS.search(value)) and bool(_HOW_MUCH.search(value))
