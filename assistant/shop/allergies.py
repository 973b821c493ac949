"""What a customer's household is allergic to, and whose allergy each is, from her tags and her notes.

An allergy is kept two ways: a tag (花生过敏, what the shop acts on) and the note the owner said ("孩子对鸡蛋也过敏",
"张姐自己对芒果过敏", "kid is allergic to eggs as well"). An answer that reads the tags only leaves out the egg
allergy just noted (owner trial 13, F2), the harmful kind of wrong. A note that names a household member says
whose allergy it is; a tag whose allergen such a note names is that member's too ("孩子花生过敏" makes 张丽's
花生过敏 tag her child's), never hers.
"""

from __future__ import annotations

import re

from assistant.shop.member_facts import member_named

_CLAUSE = re.compile(r"[\n,，;；。!！]|(?<=[a-z])\.\s*")
_TO_ZH = re.compile(r"对\s*([\u4e00-\u9fff]+?)\s*[也都还有点]*\s*过敏")
_BEFORE_ZH = re.compile(r"([\u4e00-\u9fff]+?)\s*[也都还有点]*\s*过敏")
_ALLERGEN_EN = re.compile(r"allergic to ([a-z][a-z ]*?)(?:\s+(?:as well|too|also))?\s*$|([a-z]+) allergy")
# The household members the shop's notes name, said in English (a Chinese note read out in English).
_MEMBER_EN = {"孩子": "child", "小孩": "child", "宝宝": "baby", "孙子": "grandson", "孙女": "granddaughter",
              "外孙": "grandson", "外孙女": "granddaughter", "儿子": "son", "女儿": "daughter", "老公": "husband",
              "丈夫": "husband", "老伴": "partner", "爱人": "partner", "老婆": "wife", "妻子": "wife",
              "媳妇": "wife", "妈妈": "mother", "母亲": "mother", "爸爸": "father", "父亲": "father", "老人": "elderly parent"}
# An English note's member as the Chinese notes name it, so "kid" and 孩子 are one person.
_SAME_MEMBER = {"kid": "孩子", "kids": "孩子", "child": "孩子", "children": "孩子", "小孩": "孩子", "baby": "宝宝",
                "husband": "老公", "wife": "老婆", "son": "儿子", "daughter": "女儿", "grandson": "孙子",
                "granddaughter": "孙女", "mother": "妈妈", "mom": "妈妈", "mum": "妈妈", "father": "爸爸",
                "dad": "爸爸"}
_FILLER_ZH = re.compile(r"^(?:自己|本人|也|都|还)+")


def _allergen(clause: str, member: str | None = None) -> str | None:
    """The thing a note clause or tag says someone is allergic to (鸡蛋 of "孩子对鸡蛋也过敏"), or None."""
    lowered = clause.strip().lower()
    if (found := _ALLERGEN_EN.search(lowered)) is not None:
        return (found.group(1) or found.group(2)).strip()
    if (found := _TO_ZH.search(clause)) is not None:
        return _FILLER_ZH.sub("", found.group(1)) or None
    # "孩子花生过敏": what follows the member; "张姐花生过敏" (no member): the name runs into it, so the two
    # characters before 过敏 (花生, 鸡蛋, 芒果: the allergens a shop hears are words of two)
    tail = clause.split(member, 1)[1] if member and member in clause else clause
    if (found := _BEFORE_ZH.search(_FILLER_ZH.sub("", tail.strip()))) is None:
        return None
    word = found.group(1)
    return (word if member and member in clause or len(word) <= 2 else word[-2:]) or None


def _said(allergen: str, english: bool) -> str:
    """An allergen as the answer says it: 鸡蛋过敏, "allergic to eggs"."""
    if english and allergen.isascii():
        return f"allergic to {allergen}"
    return f"{allergen}过敏"


def _same(a: str, b: str) -> bool:
    """Whether two allergens are one (花生 and 花生, egg and eggs)."""
    return a.rstrip("s") == b.rstrip("s")


def allergies_by_whom(tags: list[str], notes: str | None) -> dict[str | None, list[str]]:
    """Each allergen by whom it concerns: None for the customer herself, else the member (孩子, kid), from
    her allergy tags and the allergy clauses of her notes, each allergen once per person."""
    by_whom: dict[str | None, list[str]] = {}
    noted: list[tuple[str | None, str]] = []
    for clause in _CLAUSE.split(notes or ""):
        if "过敏" not in clause and "allerg" not in clause.lower():
            continue
        member = member_named(clause)
        member = _SAME_MEMBER.get(member, member) if member else None
        if (allergen := _allergen(clause, member)) is not None:
            noted.append((member, allergen))
    for tag in tags:
        if "过敏" not in tag and "allerg" not in tag.lower():
            continue
        allergen = _allergen(tag) or tag
        whose = next((member for member, said in noted if member and _same(said, allergen)), None)
        noted.insert(0, (whose, allergen))
    for whose, allergen in noted:
        kept = by_whom.setdefault(whose, [])
        if not any(_same(allergen, k) for k in kept):
            kept.append(allergen)
    return by_whom


def allergy_answer(name: str, tags: list[str], notes: str | None, language: str) -> str | None:
    """"张丽:芒果过敏;张丽的孩子:花生过敏。" — every allergy on record and whose it is, or None when none is."""
    by_whom = allergies_by_whom(tags, notes)
    if not by_whom:
        return None
    en = language == "en"
    parts = []
    for whose, allergens in sorted(by_whom.items(), key=lambda item: item[0] is not None):
        said = [_said(a, en) for a in allergens]
        if whose is None:
            who = name
        else:
            who = f"{name}'s {_MEMBER_EN.get(whose, whose)}" if en else f"{name}的{whose}"
        parts.append(f"{who}: {', '.join(said)}" if en else f"{who}:{'、'.join(said)}")
    return ("; ".join(parts) + ".") if en else (";".join(parts) + "。")
