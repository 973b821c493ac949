"""Goods counted but not tagged as a product ("两包烟", "a packet of smokes"): the model knows the shop's goods,
so a count and a measure word followed by a word it left untagged is most likely a good the shop does not sell.
A tab names it as left out rather than putting the whole total on the goods it did recognise (red team 18, W4).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# The untagged word right after the measure: Chinese characters up to a word that ends the good ("一共", "记账",
# "和"), or English "of <word>".
_ZH_GOOD = re.compile(r"([\u4e00-\u9fff]{1,4}?)(?=一共|总共|共|合计|先|记|赊|挂|欠|和|跟|还有|给|的|了|吧|啊|呢|都|就|"
                      r"算|下次|回头|[,，、。.!！?？\s\d]|$)")
_EN_GOOD = re.compile(r"\s*of\s+([a-z]+)\b(?=\s*(?:on|and|for|to|,|\.|$|put|all|with))")
# Words that follow a measure yet are no good ("两包一共", "一袋的钱").
_NOT_GOODS = frozenset({"一共", "总共", "共", "合计", "钱", "块", "元", "先", "记账", "赊", "都", "就", "the", "it", "them", "those", "these", "that",
                        "this", "his", "her", "their", "my", "our", "your"})


def untagged_goods(entities: Sequence[Mapping[str, Any]], text: str | None) -> list[str]:
    """The words of goods counted in ``text`` with a measure word but tagged as no product, in order."""
    if not text:
        return []
    spans = sorted((e for e in entities if "start" in e and "end" in e), key=lambda e: e["start"])
    found: list[str] = []
    for index, unit in enumerate(spans):
        before = spans[index - 1] if index > 0 else None
        after = spans[index + 1] if index + 1 < len(spans) else None
        if unit.get("entity") != "unit" or before is None or before.get("entity") != "quantity":
            continue
        owner = spans[index - 2] if index > 1 else None
        if owner is not None and owner.get("entity") == "product" and not text[owner["end"]:before["start"]].strip():
            continue  # "米两袋": the count of the good said before it
        if after is not None and after["start"] - unit["end"] <= 5 and after.get("entity") == "product":
            continue
        rest = text[unit["end"]:after["start"] if after is not None else len(text)]
        match = _EN_GOOD.match(rest) if rest[:1] in (" ", "") and rest.strip() else _ZH_GOOD.match(rest)
        word = match.group(1) if match else ""
        if word and word not in _NOT_GOODS:
            found.append(word)
    return found
