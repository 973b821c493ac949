"""A sale told in the present perfect ("Auntie Sun has taken 2 kg millet", "she's got two bags of rice"): the
model hears a note about her; a count after "has taken" / "has bought" is goods she took (red team 14, W4)."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_HAS_TAKEN = re.compile(r"\b(?:has|have|'s|'ve)\s+(?:just\s+)?(?:taken|bought|got|gotten|picked up)\s+"
                        r"(?:\d+(?:\.\d+)?|a|an|one)\b")


def tells_goods_taken(text: str | None) -> bool:
    """Whether ``text`` says someone has taken (or bought) a count of goods, and asks nothing."""
    value = normalize(text or "").text.lower().strip(" .。!！")
    return bool(value) and not value.endswith(("?", "？")) and _HAS_TAKEN.search(value) is not None
