"""A new customer named only by surname ("来了个新顾客,姓马" / "a new customer, surname Ma")."""

from __future__ import annotations

import re

_SURNAME_ZH = re.compile(r"姓\s*([\u4e00-\u9fff])")
_SURNAME_EN = re.compile(r"\b(?:surname|family name|last name)\s+(?:is\s+)?([A-Za-z][a-z]+)", re.IGNORECASE)


def said_surname(text: str) -> str | None:
    """The surname the sentence gives ("姓马" → 马, "surname Ma" → Ma), or None."""
    match = _SURNAME_ZH.search(text) or _SURNAME_EN.search(text)
    return match.group(1).capitalize() if match else None
