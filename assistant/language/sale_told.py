"""Whether a message tells a sale in so many words: someone bought goods, and how many or what she paid
("Auntie Wang came in and she bought two bags of the northeast rice … and she paid 118 in cash", "王阿姨买了两袋米
付了118").

A long message that tells a sale and then what she asked about or what her doctor said leaves the model unsure
between a note about her and a stock question; the words that make it a sale are few and plain: a buying
verb in the past, a count after it or a sum paid, and no question asked of the shop.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize
from assistant.language.quantities import paid_amount

# A buying verb of something done ("bought", "买了"), not asked or planned ("did she buy", "想买").
# Singapore English says a sale done in the present ("Auntie Sun buy two packet millet"), unless it is wanted.
_SINGLISH_BUY = r"(?<!\bto )(?<!\bwill )(?<!\bwant )(?<!\bwants )(?<!\bgonna )(?<!\bcan )\bbuy"
_BOUGHT = re.compile(rf"\b(?:bought|purchased|took|picked up)\b|{_SINGLISH_BUY}\b|买了|拿了|要了")
# A count after the verb: "bought two bags", "bought a bottle of", "买了两袋" (numbers are digits once normalised).
_COUNT_AFTER = re.compile(rf"(?:(?:\b(?:bought|purchased|took|picked up)|{_SINGLISH_BUY})\s+(?:(?:the|some)\s+)?"
                          r"(?:\d+(?:\.\d+)?|a|an|one)\b"
                          r"|(?:买了|拿了|要了)\d+(?:\.\d+)?)")
# The message asks: "did Auntie Wang buy …", "how many bags did she take", "王阿姨买了几袋", "…吗", "…?".
_ASKS = re.compile(r"^(?:did|does|do|has|have|how|what|which|who|when|is|was|can|could|should|will)\b|[?？]$|吗$|呢$|买了几|拿了几|买了多少|"
                   r"拿了多少|买了什么|买了啥")


def tells_a_sale(text: str | None) -> bool:
    """Whether ``text`` tells that someone bought goods, with a count after the buying verb or a sum paid,
    and asks nothing ("did she buy two bags?" asks)."""
    value = normalize(text or "").text.lower().strip(" .。!！,，")
    if not value or _ASKS.search(value) or not _BOUGHT.search(value):
        return False
    return bool(_COUNT_AFTER.search(value)) or paid_amount(value) is not None


def buyer_said(text: str | None) -> str | None:
    """Who the sale told in ``text`` is of: the words before its buying verb ("王阿姨" of "王阿姨买了两袋米",
    "auntie wang" of "Auntie Wang bought …"), lower case; None when the verb comes first or is not there."""
    value = normalize(text or "").text.lower().strip(" .。!！,，")
    found = _BOUGHT.search(value)
    buyer = value[:found.start()].strip(" ,，.。") if found else ""
    return buyer or None
