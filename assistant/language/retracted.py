"""Goods said and then taken back in the same message: "…帮邻居带一桶花生油,但是还没确定,你先别记这个,就记王阿姨的
两袋米" (red team 16, W1: the oil was read back and written), "…and a jug of peanut oil, but don't record that one".

"这个" / "that" points at the goods said just before the words that take them back; whatever else the message
said is still told.
"""

from __future__ import annotations

import re

_RETRACTED = re.compile(
    r"(?:先|还|暂时)?(?:别|不要|不用|甭|先不|不)(?:记|算|写|录)(?:上)?(?:这个|这一?[笔样件桶袋瓶]|那个|它|这些|那些)"
    r"|(?:这个|那个|这一?[笔样件桶袋瓶]|它)(?:先|就|暂时)?(?:别|不要|不用|不)(?:记|算|写)"
    r"|\b(?:don'?t|do not|no need to)\s+(?:record|put down|write down|count|add|log|note)\s+(?:that|this|it|those)\b"
    r"|\bleave\s+(?:that|this|it|those)\s+(?:one\s+)?out\b",
    re.IGNORECASE)


def retractions(text: str | None) -> list[int]:
    """Where in ``text`` the owner takes back goods she has just said ("先别记这个"), in order; empty for none."""
    return [found.start() for found in _RETRACTED.finditer(text or "")]
