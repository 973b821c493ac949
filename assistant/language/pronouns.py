"""Words that point back at someone already talked about: "她电话多少", "他上次买的什么", "what's her number".

Only a single person counts: "他们" / "they" are a group, "其他" is "other" (not "he"). A name said in
the same message always wins over the pronoun (the caller checks that).
"""

from __future__ import annotations

import re

# 她 / 他 alone ("她", "她家", "他的"), not 她们 / 他们 (a group) nor 其他 / 吉他 (other words). 这位 / 那位 /
# 这个顾客 point at one person too ("那位上次买了什么").
_ZH = re.compile(r"(?<![其吉])[她他](?!们)|[这那]位(?!顾客们)|[这那]个顾客")
_EN = re.compile(r"\b(?:she|he|her|hers|him|his|herself|himself)\b", re.IGNORECASE)


def refers_back(text: str | None) -> bool:
    """Whether ``text`` speaks of one person by a pronoun ("她", "他家", "her", "he") rather than by name."""
    value = text or ""
    return bool(_ZH.search(value) or _EN.search(value))


def gender_of(names: list[str]) -> str:
    """"f" or "m" when the titles a customer goes by agree on it (李叔 / Uncle Li: "m"; 刘女士 / Mrs Liu: "f"),
    "" when none says (李建国, 周师傅, 老王) or they disagree."""
    from assistant.language.phonetic import HONORIFIC_BY_NAME, clean, parse_person  # (phonetic is heavy)

    said = {HONORIFIC_BY_NAME[person.honorific].gender for name in names if (person := parse_person(clean(name)))}
    said.discard("")
    return said.pop() if len(said) == 1 else ""


def possessive(names: list[str]) -> str:
    """The English possessive that fits the customer going by ``names``: "her", "his", or "their" when unknown."""
    return {"f": "her", "m": "his"}.get(gender_of(names), "their")
