"""Goods the model ran together or mislabelled, read again on the normalised text (blind conversations #14):

- a unit, a count or an amount that runs on past its measure word into the goods ("袋中筋" of "6袋中筋", "6袋中筋" taken
  for money) is the count, the measure word and the goods;
- a joining word at the end of a product ("东北米加" of "1袋东北米加1瓶香醋") belongs to neither good;
- a small whole "amount" straight before the goods with no measure word ("takes 2 rapeseed oil") is the count;
- "a bottle of vinegar and 2 bags of salt": the article counts its own line even when another count is said;
- 俩 and 仨, which the normaliser leaves as they are, are 2 and 3.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.brain.implied_counts import A_BEFORE_UNIT
from assistant.language.measures import CHINESE_MEASURES

_NEW = "EntityOverlapResolver"
# A count, its measure word and at least two characters of goods in one span: "6袋中筋", "袋中筋".
_RUN_ON = re.compile(r"(\d+)?\s*([" + CHINESE_MEASURES + r"])\s*((?!装)[\u4e00-\u9fff]{2,})")
# Words that join two goods ("一袋米加一瓶醋", "米和油"), never the last character of a name the shop sells.
_JOINING_END = re.compile(r"(?:加上|还有|再加|加|和|跟|与|同)$")
# What counts in speech without a digit: 俩 (two), 仨 (three).
_COLLOQUIAL_COUNTS = {"俩": "2", "仨": "3"}


def _overlaps(entity: dict[str, Any], start: int, end: int) -> bool:
    return entity["start"] < end and start < entity["end"]


def run_on_goods_split(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A unit, quantity or amount span of count + measure word + goods, with no product tagged on or after it, is split
    into the quantity (when a digit is in it), the unit and the product ("6袋中筋" → 6, 袋, 中筋)."""
    result: list[dict[str, Any]] = []
    for entity in entities:
        match = _RUN_ON.fullmatch(text[entity["start"]:entity["end"]])
        follows = any(e["entity"] == "product" and e["start"] >= entity["start"] and e is not entity
                      and not text[entity["end"]:e["start"]].strip() for e in entities)
        if entity["entity"] not in {"unit", "amount", "quantity"} or match is None or follows \
                or (entity["entity"] != "unit") != (match.group(1) is not None):
            result.append(entity)
            continue
        at = entity["start"]
        pieces = [("quantity", 1), ("unit", 2), ("product", 3)] if match.group(1) else [("unit", 2), ("product", 3)]
        for kind, group in pieces:
            result.append({"entity": kind, "start": at + match.start(group), "end": at + match.end(group),
                           "value": match.group(group), "extractor": _NEW})
    return sorted(result, key=lambda e: e["start"])


def joining_word_dropped(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A product ending in a joining word (加, 和, 还有) right before another count is cut back before that word."""
    result = []
    for entity in entities:
        span = text[entity["start"]:entity["end"]]
        joining = _JOINING_END.search(span)
        counted_after = any(e["entity"] in {"quantity", "unit"} and e["start"] >= entity["end"]
                            and not text[entity["end"]:e["start"]].strip() for e in entities)
        if entity["entity"] == "product" and joining and joining.start() > 0 and counted_after:
            end = entity["start"] + joining.start()
            entity = dict(entity, end=end, value=text[entity["start"]:end])
        result.append(entity)
    return result


def count_before_goods(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A small whole "amount" with nothing but a space before a product, in a message with no count, is the
    count: "team leader chen takes 2 rapeseed oil" is two of them, not two yuan."""
    if any(e["entity"] == "quantity" for e in entities):
        return entities
    for entity in entities:
        span = text[entity["start"]:entity["end"]].strip()
        if entity["entity"] != "amount" or not re.fullmatch(r"[1-9]|1[0-9]", span):
            continue
        if any(e["entity"] == "product" and e["start"] >= entity["end"] and not text[entity["end"]:e["start"]].strip()
               for e in entities):
            return [dict(e, entity="quantity") if e is entity else e for e in entities]
    return entities


def articles_counted(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A unit after "a"/"an"/"one" with no count of its own gets a quantity of 1 on the article, beside the
    counts of other goods ("a bottle of vinegar and 2 bags of salt": 1 bottle and 2 bags)."""
    if not any(e["entity"] == "quantity" for e in entities):
        return entities
    result = list(entities)
    for unit in (e for e in entities if e["entity"] == "unit"):
        article = A_BEFORE_UNIT.search(text[:unit["start"]])
        if article is None or any(_overlaps(e, article.start(1), article.end(1)) for e in result) \
                or any(e["entity"] == "quantity" and e["end"] <= article.start(1)
                       and not text[e["end"]:article.start(1)].strip() for e in result) \
                or re.search(r"half\s*$", text[:article.start(1)], re.IGNORECASE):
            continue  # "half a jin": the count said before the article is the unit's
        result.append({"entity": "quantity", "start": article.start(1), "end": article.end(1), "value": "1",
                       "extractor": _NEW})
    return sorted(result, key=lambda e: e["start"])


def colloquial_counts(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A quantity said as 俩 or 仨 ("买了俩袋面包粉") has the value 2 or 3."""
    return [dict(e, value=_COLLOQUIAL_COUNTS[text[e["start"]:e["end"]].strip()])
            if e["entity"] == "quantity" and text[e["start"]:e["end"]].strip() in _COLLOQUIAL_COUNTS else e
            for e in entities]


def goods_read_again(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """All the span rules above that run before overlaps are settled."""
    return count_before_goods(joining_word_dropped(run_on_goods_split(entities, text), text), text)
