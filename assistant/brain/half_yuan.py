"""Half a yuan said after the yuan ("四十块半", Cantonese "四十蚊半"): 40.5, not 40.

The model tags the number before 块 / 元 / 蚊 as the amount and leaves the 半 after it; the normaliser, whose text
the model is trained on, keeps it as said. Read here, after the values are canonical.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.language.measures import CHINESE_MEASURES

# The yuan word (unless it is inside the span already) then 半, not half of a measure ("40块半斤" is no price).
_HALF_AFTER = re.compile(rf"^\s*(?:元|块钱|块|蚊)?\s*半(?![{CHINESE_MEASURES}]|公斤)")
_YUAN_AT_END = re.compile(r"(?:元|块钱|块|蚊)\s*$")


def with_half_yuan(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``entities`` with an amount followed by its yuan word and 半 made half a yuan more, its span over the 半."""
    result = []
    for entity in entities:
        after = text[entity["end"]:]
        half = _HALF_AFTER.match(after) if entity["entity"] == "amount" else None
        named_yuan = half is not None and (half.group(0).strip() != "半" or _YUAN_AT_END.search(
            text[entity["start"]:entity["end"]]))
        if half is None or not named_yuan:
            result.append(entity)
            continue
        try:
            value = Decimal(str(entity.get("value")))
        except InvalidOperation:
            result.append(entity)
            continue
        if value != value.to_integral_value():  # 12.5 already has its half
            result.append(entity)
            continue
        result.append(dict(entity, end=entity["end"] + half.end(), value=format(value + Decimal("0.5"), "f")))
    return result
