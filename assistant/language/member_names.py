"""A customer's name heard with her household member on it ("auntie wangs grandson", "王阿姨家孙子"): the
model may take the whole phrase as the name; the fact is the member's, the customer is the one before."""

from __future__ import annotations

import re


def names_before_member(spoken: str, member: str) -> list[str]:
    """The customer's names ``spoken`` may hold when it ends with ``member``, likeliest first ("auntie wangs
    grandson" → ["auntie wang", "auntie wangs"]: "wangs" is "wang's" said aloud, or a name ending in s;
    "王阿姨家的孙子" → ["王阿姨"]); none when the member is not at its end."""
    value = spoken.strip()
    if member.isascii():
        found = re.match(rf"^(.*\w)\s+{re.escape(member)}$", value, re.IGNORECASE)
        if not found:
            return []
        whole = found.group(1)
        owner = re.sub(r"(?<=\w\w)(?:'s|s'|s)$", "", whole)
        return list(dict.fromkeys([owner, whole.removesuffix("'")]))
    found = re.match(rf"^(.+?)(?:她|他)?(?:家里?的?|的)?{re.escape(member)}$", value)
    return [found.group(1).strip()] if found else []
