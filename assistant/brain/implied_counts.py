"""Counts said without a number: the article of "a bottle of soy sauce" and the bare measure word of
"孔磊买了桶花生油" (买了桶 / 拿了袋 / 要了瓶: one of them), read after the model, on the normalised text.

A measure word alone is no count anywhere else: "how many bags of rice are left" asks, and its unit is
dropped (``without_uncounted_units``).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.language.measures import CHINESE_MEASURES, ENGLISH_MEASURES

A_BEFORE_UNIT = re.compile(r"(?:^|\s)(an?|one)\s+$", re.IGNORECASE)
# "a bottle of ...": the count is the article, whether or not DIET tagged the measure word as a unit.
_MEASURES = ENGLISH_MEASURES
_A_MEASURE = re.compile(r"\b(an?|one)\s+" + _MEASURES + r"(?:s|es)?\b", re.IGNORECASE)
# "a bucket of peanut oil": DIET took the unseen measure word for the product (blind conversations #3).
_MEASURE_ONLY = re.compile(_MEASURES + r"(?:s|es)?", re.IGNORECASE)
# A Chinese measure word straight after a verb of buying or taking, no numeral between: "买了桶花生油",
# "拿了袋米", "要了瓶生抽", "再来瓶酱油" — the 一 is left out as it is in speech. 个 and 斤 count too (买了斤鸡蛋).
_VERB_THEN_MEASURE = re.compile(r"(?:买|拿|要|来|称|订|搬|提|装)了?\s*([" + CHINESE_MEASURES + r"])(?=\s*[\u4e00-\u9fff])")


def _bare_measures(entities: list[dict[str, Any]], text: str) -> list[re.Match]:
    """The bare measure words said right before a tagged product ("买了桶花生油", or 桶花生油 tagged whole)."""
    return [m for m in _VERB_THEN_MEASURE.finditer(text)
            if any(e["entity"] == "product" and (e["start"] == m.start(1) and e["end"] > m.end(1)
                                                 or e["start"] >= m.end(1) and not text[m.end(1):e["start"]].strip())
                   for e in entities)]


# A count the model took for money: a measure word follows it ("buy 2 packet millet", "两袋" tagged as yuan).
_MEASURE_AFTER = re.compile(r"\s*(?:" + _MEASURES + r"(?:s|es)?\b|[" + CHINESE_MEASURES + "])", re.IGNORECASE)


def count_not_amount(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """An "amount" followed by a measure word is the count, when the message has no quantity of its own
    and another amount is left for the price ("Auntie Sun buy 2 packet millet, 13 dollar")."""
    amounts = [e for e in entities if e["entity"] == "amount"]
    if len(amounts) < 2 or any(e["entity"] == "quantity" for e in entities):
        return entities
    counted = next((e for e in amounts if _MEASURE_AFTER.match(text[e["end"]:])), None)
    return [dict(e, entity="quantity") if e is counted else e for e in entities]


def measure_not_product(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """A product span that is only a measure word ("bucket") is the unit."""
    if entity["entity"] == "product" and _MEASURE_ONLY.fullmatch(text[entity["start"]:entity["end"]].strip()):
        return dict(entity, entity="unit")
    return entity


# A Chinese unit span that runs on past its measure word into the goods: "袋中" of "5袋中筋" (jieba's 袋中, "in the bag").
_UNIT_RUN_ON = re.compile(r"([" + CHINESE_MEASURES + r"])((?!装)[\u4e00-\u9fff]+)")  # 袋装 is a kind of goods


def units_cut_to_measure(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A unit that took the first characters of the product after it ("5袋中" + "筋") ends at its measure word,
    and the product starts where the unit now ends ("中筋", which the catalogue reads as 中筋面粉)."""
    result = [dict(e) for e in entities]
    for unit in (e for e in result if e["entity"] == "unit"):
        run_on = _UNIT_RUN_ON.fullmatch(text[unit["start"]:unit["end"]])
        goods = next((e for e in result if e["entity"] == "product" and e["start"] == unit["end"]), None)
        if run_on is None or goods is None:
            continue
        cut = unit["start"] + 1
        unit.update(end=cut, value=run_on.group(1))
        goods.update(start=cut, value=text[cut:goods["end"]])
    return result


def without_uncounted_units(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A measure word only means something next to a count ("2 bags", "a bottle", "买了桶": the count
    ``with_implied_counts`` adds); in "how many bags of rice are left" it is part of the question."""
    if any(e["entity"] == "quantity" for e in entities):
        return entities
    bare = {m.start(1) for m in _bare_measures(entities, text)}
    return [e for e in entities if e["entity"] != "unit" or A_BEFORE_UNIT.search(text[:e["start"]])
            or e["start"] in bare]


def _without_measure_in_front(entities: list[dict[str, Any]], text: str, measure: re.Match) -> list[dict[str, Any]]:
    """A product span the model ran back over the bare measure word ("桶花生油") starts after it."""
    at, after = measure.start(1), measure.end(1)
    result = []
    for entity in entities:
        if entity["entity"] == "product" and entity["start"] == at and entity["end"] > after:
            start = after + len(text[after:entity["end"]]) - len(text[after:entity["end"]].lstrip())
            entity = dict(entity, start=start, value=text[start:entity["end"]])
        result.append(entity)
    return result


def with_implied_counts(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A quantity of 1 where the count is implied, when the message says no other count: "a"/"an"/"one"
    before a unit ("a bottle of dark soy sauce"), or a Chinese measure word right after a verb of buying
    ("孔磊买了桶花生油": the quantity and the unit both on 桶)."""
    entities = count_not_amount(entities, text)
    if any(e["entity"] == "quantity" for e in entities):
        return entities
    result = list(entities)
    articles = [A_BEFORE_UNIT.search(text[:e["start"]]) for e in result if e["entity"] == "unit"]
    articles += list(_A_MEASURE.finditer(text))
    taken = [(e["start"], e["end"]) for e in result]
    for article in (a for a in articles if a is not None):
        if not any(s <= article.start(1) < e for s, e in taken):
            result.append({"entity": "quantity", "start": article.start(1), "end": article.end(1),
                           "value": "1", "extractor": "EntityOverlapResolver"})
            return sorted(result, key=lambda e: e["start"])
    for measure in _bare_measures(result, text):
        result = _without_measure_in_front(result, text, measure)
        at, end = measure.start(1), measure.end(1)
        inside = [e for e in result if e["start"] < end and at < e["end"]]
        if any(e["entity"] != "unit" for e in inside):
            continue  # the character is part of a name or a product ("要了个体户的", "买了袋装米" stays as tagged)
        if not inside:
            result.append({"entity": "unit", "start": at, "end": end, "value": measure.group(1),
                           "extractor": "EntityOverlapResolver"})
        result.append({"entity": "quantity", "start": at, "end": end, "value": "1",
                       "extractor": "EntityOverlapResolver"})
    return sorted(result, key=lambda e: e["start"])


# A count said before its measure word: "2袋", "2 bags" (the normaliser writes 两 as 2). 个 before a time word
# (1个月, 2个星期) is a length of time, not a count of goods.
_COUNT_THEN_MEASURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:([" + CHINESE_MEASURES + r"])(?!\s*(?:月|星期|礼拜|小时|钟头|人|多月))|"
                                 r"(" + _MEASURES + r"(?:s|es)?)\b)", re.IGNORECASE)
# Labels the model gives a count it misread: a day ("2" of "3月18号买了2袋" as a second date), a period, money.
_COUNT_MISREAD_AS = frozenset({"date", "period", "days", "phone", "amount"})


def counts_before_measures(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A number said right before a measure word, in a message about goods with no count tagged, is the count:
    "王阿姨3月18号买了2袋东北大米" with 2 tagged as a date (or as nothing) is quantity 2, unit 袋."""
    if any(e["entity"] == "quantity" for e in entities) or not any(e["entity"] == "product" for e in entities):
        return entities
    result = [dict(e) for e in entities]
    for said in _COUNT_THEN_MEASURE.finditer(text):
        measure = 2 if said.group(2) else 3
        on_count = [e for e in result if e["start"] < said.end(1) and said.start(1) < e["end"]]
        on_measure = [e for e in result if e["start"] < said.end(measure) and said.start(measure) < e["end"]]
        if any(e["entity"] not in _COUNT_MISREAD_AS or (e["start"], e["end"]) != said.span(1) for e in on_count) \
                or any(e["entity"] != "unit" for e in on_measure):
            continue  # part of a name, a product or a longer figure: not ours to read
        result = [e for e in result if e not in on_count]
        result.append({"entity": "quantity", "start": said.start(1), "end": said.end(1), "value": said.group(1),
                       "extractor": "EntityOverlapResolver"})
        if not on_measure:
            result.append({"entity": "unit", "start": said.start(measure), "end": said.end(measure),
                           "value": said.group(measure), "extractor": "EntityOverlapResolver"})
        return sorted(result, key=lambda e: e["start"])
    return entities


# Asking how many ("几袋", "多少瓶", "how many bags"): the measure word names no count.
_ASKING_BEFORE = re.compile(r"(?:几|多少|how\s+many)\s*$", re.IGNORECASE)


def bare_measures_counted(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A quantity span that is only a measure word ("袋" of "王秀英拿了袋东北大米") is the unit with an implied
    count of one: the unit and a quantity of 1 on the same word, as ``with_implied_counts`` writes them."""
    result = []
    for entity in entities:
        span = text[entity["start"]:entity["end"]].strip()
        if entity["entity"] != "quantity" or not (_MEASURE_ONLY.fullmatch(span) or
                                                  re.fullmatch(r"[" + CHINESE_MEASURES + r"]", span)) \
                or _ASKING_BEFORE.search(text[:entity["start"]]):
            result.append(entity)
            continue
        result.append(dict(entity, entity="unit", value=span))
        result.append({"entity": "quantity", "start": entity["start"], "end": entity["end"], "value": "1",
                       "extractor": "EntityOverlapResolver"})
    return result
