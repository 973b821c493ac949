"""Questions about one visit or one sale of hers: "那她上上次呢" (the visit before last) and "刚才张姐那笔多少钱"
(the sale just recorded, which the model hears as her tab)."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_BEFORE_LAST = re.compile(r"上上(?:次|回|趟)|\b(?:the )?(?:visit |time )?before (?:that|last)\b", re.IGNORECASE)
_THAT_SALE = re.compile(r"(?:刚才|刚刚|才|那)[^,。,?？]*?(?:那|这)?笔[^,。,?？]*?(?:多少|几)|"
                        r"\b(?:that|the last|the) sale\b.*\bhow much\b|\bhow much was (?:that|the) sale\b|"
                        r"\bhow much (?:was|did|came) .{0,40}\b(?:purchase|sale|order|bill)\b.{0,20}\bjust now\b",
                        re.IGNORECASE)


def asks_visit_before_last(text: str | None) -> bool:
    """Whether ``text`` asks the visit before her last one ("那她上上次呢")."""
    return bool(_BEFORE_LAST.search(normalize(text or "").text))


def asks_that_sale(text: str | None) -> bool:
    """Whether ``text`` asks how much the sale just recorded came to ("刚才张姐那笔多少钱"), not her tab."""
    value = normalize(text or "").text
    return "欠" not in value and "账" not in value and bool(_THAT_SALE.search(value))
