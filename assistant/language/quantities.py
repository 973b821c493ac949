"""Numbers in what the owner said ("2", "2袋", "120元", "两袋", "five and a half"), as decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.language.normalize import normalize

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def first_number(text: str | None) -> Decimal | None:
    """The first number in ``text`` after normalisation (Chinese and English number words count)."""
    if not text:
        return None
    match = _NUMBER.search(normalize(str(text)).text)
    if match is None:
        return None
    try:
        return Decimal(match.group())
    except InvalidOperation:
        return None


def unit_after_number(text: str | None) -> str | None:
    """The unit word that follows the number ("2袋" → 袋, "3 bags" → bags), if any."""
    if not text:
        return None
    match = re.search(r"\d+(?:\.\d+)?\s*([^\d\s.,,。]{1,6})", normalize(str(text)).text)
    return match.group(1) if match else None


# The goods named right after a count and its measure word: "进了5箱可乐" → 可乐, "5 cases of coke" → coke.
_GOODS_AFTER_COUNT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:个|袋|桶|瓶|箱|盒|斤|公斤|包|件|提|罐|壶|bags?|boxes|box|cases?|bottles?|jugs?|packs?|cans?|"
    r"buckets?|jars?|kg|kilos?)\s*(?:of\s+)?(?:的)?\s*([\u4e00-\u9fff]{1,6}|[a-z][a-z ]{1,20}[a-z])\s*$")


def goods_after_count(text: str | None) -> str | None:
    """The goods a sentence names after its count and measure word ("进了5箱可乐" → 可乐), if it ends with them."""
    match = _GOODS_AFTER_COUNT.search(normalize(text or "").text.lower().strip(" .,。!！"))
    return match.group(1).strip() if match else None
