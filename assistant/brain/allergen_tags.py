"""An allergy tag with its allergen: "张姐自己对芒果过敏" tagged 过敏 alone is 芒果过敏.

A tag of 过敏 alone says nothing the shop can act on (which goods to warn about), and an answer read from it
says "过敏过敏". The food word right before it is the allergen: after 对 (对芒果过敏), or the words before 过敏
once a name, a household member or 自己 before them is passed (花生 of 小孩花生过敏, of "花生 过敏" as Vosk
spaces it). A negation (不过敏, 没过敏) or a person is never an allergen; then the tag is left as it was.
"""

from __future__ import annotations

import re
from typing import Any

_ALLERGY = "过敏"
# Words between the allergen and 过敏 that are no part of it (对花生也过敏, 芒果有点过敏).
_FILLERS_BEFORE = re.compile(r"[\s也都还有点些会]*$")
_AFTER_TO = re.compile(r"对\s*([\u4e00-\u9fff]{1,5})$")
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]+$")
# A person, the self, or whom the fact concerns: what the allergen is said after, never the allergen itself.
_PERSON = re.compile(r"自己|本人|孩子|小孩|宝宝|老公|老婆|老伴|爱人|丈夫|妻子|媳妇|儿子|女儿|孙子|孙女|外孙|妈妈|爸爸|母亲|"
                     r"父亲|老人|奶奶|爷爷|阿姨|家里|[她他我你它们家姐哥叔姨嫂伯婶对]")
# Said before the allergen: a person, the eating ("吃了芒果过敏"), the telling ("记一下过敏", "说她海鲜过敏").
_BOUNDARY = re.compile(_PERSON.pattern + r"|吃了?|喝了?|是|说|记|一下|有|得|和|跟")
_NOT_A_FOOD = re.compile(r"[不没别什么啥哪]")
# Allergens the shop hears are words of two (花生, 鸡蛋, 芒果); a longer run with no boundary found keeps the last two.
_LONGEST_ALLERGEN = 4


def with_allergens(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Entities with a tag of 过敏 alone extended over the allergen said before it (the product or other word the
    model tagged on the allergen dropped)."""
    result = list(entities)
    for tag in [e for e in entities if e["entity"] == "tag" and text[e["start"]:e["end"]].strip() == _ALLERGY]:
        start = _allergen_start(text, tag["start"], [e for e in result if e is not tag])
        if start is None:
            continue
        said = text[start:tag["start"]]
        allergen = _FILLERS_BEFORE.sub("", said).replace(" ", "")
        extended = dict(tag, start=start, value=allergen + _ALLERGY)
        result = [extended if e is tag else e for e in result
                  if e is tag or e["end"] <= start or e["start"] >= tag["start"]]
    return result


def _allergen_start(text: str, allergy_at: int, others: list[dict[str, Any]]) -> int | None:
    """Where the allergen said before the 过敏 at ``allergy_at`` starts, or None when no food word is there."""
    before = text[:allergy_at]
    filler = _FILLERS_BEFORE.search(before)
    words_end = filler.start() if filler else len(before)
    to = _AFTER_TO.search(before[:words_end])
    if to is not None:
        start = to.start(1)
    else:
        run = _HANZI_RUN.search(before[:words_end])
        if run is None:
            return None
        start = run.start()
        for other in others:  # a name (张姐) or anything tagged before the allergen bounds it
            if other["end"] <= words_end and other["end"] > start and other["entity"] not in {"product", "tag"}:
                start = other["end"]
        bounds = list(_BOUNDARY.finditer(before[start:words_end]))
        start += bounds[-1].end() if bounds else 0
        if words_end - start > _LONGEST_ALLERGEN:
            start = words_end - 2
    allergen = before[start:words_end].replace(" ", "")
    if not allergen or _NOT_A_FOOD.search(allergen) or _PERSON.search(allergen):
        return None
    if any(o["start"] < words_end and start < o["end"] and o["entity"] not in {"product", "tag"} for o in others):
        return None  # a customer's name is no allergen
    return start
