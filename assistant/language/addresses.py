"""A customer's new address as the owner tells it: "孙阿姨搬到八栋一单元了", "Auntie Sun moved to building 8
unit 1".

The shop keeps where a customer lives in her ``household`` ("6栋2单元", as the demo and the import write
it); a move replaces it rather than adding a note that contradicts it. Numbers are written as digits the
way the shop writes addresses (八栋一单元 → 8栋1单元), so the read-back and the record look alike.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize
from assistant.language.questions import is_question

# Words that say she now lives somewhere else, before the place.
_MOVED_ZH = re.compile(r"(?:搬到了?|搬去了?|搬家到了?|搬回了?|迁到了?|改住到?|现在住(?:在|到)?|新家在|新地址(?:是|在)?|"
                       r"(?:地址|住址)(?:改成|改为|换成|变成|是)了?|住(?:在|到)?)")  # "陈小红住5栋3单元": where she lives
_MOVED_EN = re.compile(r"\b(?:moved|has moved|is moving|now lives|lives now|new address is|address is now)\s+"
                       r"(?:to|in|at|into)?\s*(.+)$")
# The place: a building, unit, room, street number or estate, as addresses are said (one to a few parts).
_PLACE_PART = r"[0-9零一二两三四五六七八九十百]+\s*(?:栋|幢|号楼|楼|单元|室|号|弄|排)"
_PLACE_ZH = re.compile(rf"((?:[\u4e00-\u9fff]{{0,8}}?)(?:{_PLACE_PART})+|[\u4e00-\u9fff]{{2,10}}(?:小区|花园|新村|公寓|苑|路|街))")
_NUMERAL = re.compile(r"[零一二两三四五六七八九十百]+(?=\s*(?:栋|幢|号楼|楼|单元|室|号|弄|排))")
_END = re.compile(r"[了啦啊呀吧,.。!!]+$")
# "building 8 unit 1" is written as the shop writes it: 8栋1单元.
_BUILDING_EN = re.compile(r"^(?:building|bldg\.?|block)\s*(\d+)(?:,?\s*(?:unit|entrance)\s*(\d+))?$")


def moved_to(text: str | None) -> str | None:
    """The new address a sentence tells ("孙阿姨搬到八栋一单元了" → "8栋1单元", "she moved to building 8
    unit 1" → "8栋1单元"), or None when it tells no move (or asks where she lives)."""
    if not text or is_question(text):
        return None
    value = normalize(text).text
    found = _MOVED_ZH.search(value)
    if found is not None:
        place = _PLACE_ZH.match(value[found.end():].strip())
        if place is None:
            return None
        address = _NUMERAL.sub(lambda m: _digits(m.group()), _END.sub("", place.group(1)))
        return address.replace(" ", "") or None
    english = _MOVED_EN.search(value.lower())
    if english is None:
        return None
    place = english.group(1).strip(" .!")
    building = _BUILDING_EN.match(place)
    if building:
        return f"{building.group(1)}栋" + (f"{building.group(2)}单元" if building.group(2) else "")
    return place or None


def _digits(numeral: str) -> str:
    """一 → 1, 十二 → 12, 二十三 → 23 (the numbers of buildings, units and rooms)."""
    values = dict(zip("零一二两三四五六七八九", (0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
    if "百" in numeral or not numeral:
        return numeral
    if "十" not in numeral:
        return "".join(str(values[c]) for c in numeral)
    tens, _, ones = numeral.partition("十")
    return str((values[tens] if tens else 1) * 10 + (values[ones] if ones else 0))
