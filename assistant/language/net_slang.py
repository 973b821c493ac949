"""Net slang of letters and digits ("u1s1" = 有一说一) and lone Latin letters are no goods and no figures:
"小莫来了 花生油一桶 u1s1他天天来" sells one barrel of peanut oil to 小莫, not "u" at 1 yuan (blind #15)."""

from __future__ import annotations

import re
from typing import Any

# letters and digits taking turns: u1s1 (有一说一), y1s1, 3q (thank you) — never a count or a product
_LETTER_DIGIT_SLANG = re.compile(r"(?<![a-z0-9])(?:(?:[a-z]\d){2,}[a-z]?|\d[a-z](?:\d[a-z])+|3q)(?![a-z0-9])", re.IGNORECASE)
_LONE_LETTER = re.compile(r"^[a-z]$", re.IGNORECASE)
_NAMED_KINDS = frozenset({"product", "customer"})


def in_net_slang(entity: dict[str, Any], text: str) -> bool:
    """Whether ``entity`` is a piece of letter-digit net slang, or a product or customer that is a lone Latin letter."""
    start, end = entity.get("start"), entity.get("end")
    if start is None or end is None:
        return False
    if entity.get("entity") in _NAMED_KINDS and _LONE_LETTER.match(text[start:end].strip()):
        return True
    return any(found.start() <= start and end <= found.end() for found in _LETTER_DIGIT_SLANG.finditer(text))
