"""Words stuck on a customer span that are not her name.

- A preposition or a filler glued before a form of address: "为臧先生" of "为臧先生录一段祝福", "一下张姐" of
  "查一下张姐的电话", "俺老乡鞠大哥" of the husband's Dongbei "俺老乡鞠大哥来了". Jieba makes 为臧 / 下张 one word,
  so the model's span starts a character early; what is left must still be a name (a surname and a form of
  address), so 给 of a real name such as 给力 is never cut.
- The first character of Cantonese 而家 / 依家 ("now") glued after a form of address: "李叔而" of "李叔而家欠几多".
- A Singlish or Italian particle taken for a name: "liao" of "I'm here liao", "ah" of "can ah", "ciao" —
  a name said alone at that place would be a surname with no form of address, which nobody uses in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Fillers no name starts with (longest first: 俺老乡 before 俺), and one-character prepositions that do begin
# some names (为民, 给力): those are cut only before a character that sounds like a surname.
_FILLER_BEFORE = re.compile(r"^(?:俺们?老乡|俺们?|咱们?|一下子?)")
_PREPOSITION_BEFORE = re.compile(r"^(?:为了|为|给|帮|替|跟|让|叫|问|找|请)")
_ADDRESS_END = re.compile(r"(?:阿姨|叔叔|叔|婶|伯|姐|哥|嫂|姨|奶奶|爷爷|大爷|大妈|大哥|大姐|婆婆|阿婆|师傅|老板|老师|女士|"
                          r"先生|小姐|团长|医生)$")
_NOW_AFTER = re.compile(r"(?:而|依|宜)$")  # 而家 / 依家 / 宜家: "now" in Cantonese
_PARTICLES = frozenset({"liao", "lah", "la", "ah", "leh", "lor", "meh", "hor", "ciao", "sia"})


def unglued(entity: dict[str, Any], text: str, *, is_surname: Callable[[str], bool]) -> dict[str, Any] | None:
    """The customer span without a glued preposition or filler; None when it is only a particle."""
    name = text[entity["start"]:entity["end"]]
    if name.strip().lower() in _PARTICLES:
        return None
    now = _NOW_AFTER.search(name)
    if now is not None and text[entity["end"]:entity["end"] + 1] == "家" and _ADDRESS_END.search(name[:now.start()]):
        entity = dict(entity, end=entity["start"] + now.start(), value=name[:now.start()])
        name = entity["value"]
    glued = _FILLER_BEFORE.match(name) or _PREPOSITION_BEFORE.match(name)
    if glued is None:
        return entity
    rest = name[glued.end():].lstrip()
    if glued.re is _PREPOSITION_BEFORE and not (rest and is_surname(rest[0])):
        return entity
    # the rest must be a name of its own: one surname character (or two) and a form of address
    if not (2 <= len(rest) <= 5 and _ADDRESS_END.search(rest) and len(_ADDRESS_END.sub("", rest)) in (1, 2)):
        return entity
    start = entity["end"] - len(rest)
    return dict(entity, start=start, value=text[start:entity["end"]])
