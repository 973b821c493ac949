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
