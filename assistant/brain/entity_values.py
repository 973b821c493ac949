"""Entity values that mean what she said, or no entity at all.

Three things the model gets wrong in ways a rule can tell for sure:
- a price run on into the product before it: "两袋东北大米一百一十八" typed without a pause (东北大米118) tagged as
  one product, which the shop does not sell;
- a spoken round amount cut before its last digit: "两百五" (250) tagged as 两百, "一百三" as 一百 (the
  normaliser leaves such numbers in words when no 块 follows, and the model stops at 百);
- a period, length or day with no meaning: 这个, 个, 几天, 下, 最近 tagged as one (a period the reports cannot
  read means "today" to them, so "说说陈团长这个人" asked about today);
- an English price said as yuan and fen, two numbers ("twelve fifty", 12 50): tagged in part (12, or 12 as a
  quantity and 50 as the amount) or not at all, it is one amount of 12.50. This is read here, after the model,
  and not in the normaliser, whose text the model is trained on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from assistant.language.dates import parse_period, period_in, resolve_date
from assistant.language.measures import CHINESE_MEASURES
from assistant.language.normalize import normalize
from assistant.language.quantities import YUAN_AND_FEN
from assistant.language.two_requests import first_request_only

# 两百 + 五 (not 两百五十, 两百 五袋, 一百 零五): the last digit of a round spoken amount.
_TENS_AFTER = re.compile(r"^\s?([一二三四五六七八九])(?![十百千万零点0-9斤袋桶瓶包盒箱个])")
_TODAY = re.compile(r"今天|今日|今儿|today|tonight")
_BARE_PERIODS = frozenset({"week", "month", "year", "the week", "the month", "the year"})
# A number 号 after a street, building or room is an address ("搬到沿街20号"), not a day of the month.
_ADDRESS_NUMBER = re.compile(r"[路街巷弄栋幢楼室门]\s*$")
_DAY_NUMBER = re.compile(r"\s*[0-9一二三四五六七八九十]+\s*号\s*")
# A length of time names its unit in its span or right after it (30天, 一个月, two weeks); 一个 alone
# ("新来一个小滕") is a count of people.
_TIME_UNIT = re.compile(r"[天日周月年]|礼拜|星期|day|week|month|year|fortnight", re.IGNORECASE)
# Words said before a period that say nothing about which days ("so far today" is today).
_EMPTY_BEFORE_PERIOD = re.compile(r"^(?:so far|up to now|until now)\s+", re.IGNORECASE)
# Today said as where another period ends ("这个月到今天", "截至今天", "今天为止", "up to today") is no period of its own.
_UNTIL_BEFORE = re.compile(r"(?:到|截至|截止|截到|\bup to|\buntil|\btill)\s*$", re.IGNORECASE)
_UNTIL_AFTER = re.compile(r"^\s*为止")


# A number (and its currency word) ending a product span: the price said right after the goods.
_PRICE_AT_END = re.compile(r"(?<=[^\d\s.])\s*(\d+(?:\.\d+)?)\s*(?:元|块钱|块|yuan)?$")


def with_price_off_products(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A product span the model ran on over the price after it ("东北大米118") cut back to the goods, the
    number an amount when the message has none."""
    result, has_amount = [], any(e["entity"] == "amount" for e in entities)
    for entity in entities:
        price = _PRICE_AT_END.search(text[entity["start"]:entity["end"]]) if entity["entity"] == "product" else None
        if price is None:
            result.append(entity)
            continue
        goods = text[entity["start"]:entity["start"] + price.start()]
        result.append(dict(entity, end=entity["start"] + len(goods), value=goods))
        if not has_amount:
            start = entity["start"] + price.start(1)
            result.append(dict(entity, entity="amount", start=start, end=start + len(price.group(1)),
                               value=price.group(1)))
            has_amount = True
    return result


# Money handed over: "还了50", "付了 120 块", "paid 50" — the number after it is the amount.
# (the message's own text: numbers may still be words, 五十 / fifty; ``canonical_values`` reads them)
_NUMBER = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万点]+)"
_EN_NUMBER = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
              r"thousand)(?:[ -](?:and[ -])?)?)+")
_PAID_NUMBER = re.compile(rf"(?:还|付|给|转|交|结)了?(?:我)?\s*({_NUMBER})\s*(?:元|块钱|块)?(?![\d.零一二两三四五六七八九十百千万袋桶瓶包盒斤箱个半分])|"
                          rf"\b(?:paid|gave(?: me)?|given(?: me)?|handed over|passed me|transferred)\s+(?:me\s+)?"
                          rf"({_NUMBER}|{_EN_NUMBER})(?=\s*(?:yuan|kuai|bucks|only\s*$|$|[.,!]))")


def with_paid_amount(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """An amount for money handed over that the model left untagged ("张姐3月20号还了50": it tagged the day and
    stopped); only when the message has no amount and the number is in no other entity."""
    if any(e["entity"] == "amount" for e in entities):
        return entities
    for found in _PAID_NUMBER.finditer(text):
        group = 1 if found.group(1) is not None else 2
        said = found.group(group).rstrip(" -")
        start, end = found.start(group), found.start(group) + len(said)
        overlapping = [e for e in entities if e["start"] < end and start < e["end"]]
        # the money itself taken for a day ("还了50": 50 tagged a date, then dropped as no date): it is the amount
        if all(e["entity"] == "date" and (e["start"], e["end"]) == (start, end) for e in overlapping):
            kept = [e for e in entities if not any(e is o for o in overlapping)]
            return [*kept, {"entity": "amount", "start": start, "end": end, "value": said, "extractor": "PaidAmount"}]
    return entities


# Words of paying right before a price ("for 12 50", "paid 9 80"); "at" is left out: "at 12 30" is a time.
_PRICE_WORD = re.compile(r"\b(?:for|paid|pay|pays|cost|costs|costing|price|priced|total|comes to|came to|charged?)\s$")
# After the price: the end, or a currency word, a "thanks" or punctuation; never a measure word ("12 50 kg bags").
_PRICE_ENDS = re.compile(r"^\s*(?:yuan|元)?\s*(?:thanks|thank you)?[\s.,!?]*$")
_NOT_A_MEASURE = re.compile(r"^(?!\s*(?:yuan\b|元)?\s*(?:bags?|bottles?|jugs?|packs?|box(?:es)?|cases?|jars?|jin|kg|kilos?|"
                            r"g|grams?|l|litres?|liters?|pieces?|cartons?|cans?|tins?|sacks?|buckets?|[袋桶瓶包盒箱斤个]))")


def with_yuan_and_fen(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """An English price said as yuan and fen ("12 50" of "twelve fifty") made one amount over both numbers:
    when the model tagged an amount on either of them (the other untagged, or taken for a quantity), or, when
    the message has no amount, an untagged pair right after a word of paying, or ending a message that
    names goods (or is nothing but the price). "2 bags 50" and "12 bags 50" are no pair."""
    for pair in YUAN_AND_FEN.finditer(text):
        start, end = pair.start(), pair.end()
        if (start and text[start - 1] not in " ") or not _NOT_A_MEASURE.match(text[end:]):
            continue
        inside = [e for e in entities if e["start"] < end and start < e["end"]]
        if any(e["entity"] not in {"amount", "quantity"} or e["start"] < start or e["end"] > end for e in inside):
            continue
        has_amount = any(e["entity"] == "amount" for e in entities)
        tagged = any(e["entity"] == "amount" for e in inside)
        goods = any(e["entity"] in {"product", "quantity"} for e in entities if e not in inside)
        ends = _PRICE_ENDS.match(text[end:]) is not None
        expected = not has_amount and (_PRICE_WORD.search(text[:start]) or (ends and (goods or not text[:start].strip())))
        if not (tagged or expected):
            continue
        amount = {"entity": "amount", "start": start, "end": end, "value": text[start:end], "extractor": "YuanAndFen"}
        kept = [e for e in entities if not any(e is i for i in inside)]
        return sorted([*kept, amount], key=lambda e: e["start"])
    return entities


def with_spoken_tens(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """An amount tagged up to 百 / 千 extended over the digit said after it (两百五 = 250), whatever was
    tagged on that digit dropped."""
    result = list(entities)
    for amount in [e for e in entities if e["entity"] == "amount"]:
        if not text[amount["start"]:amount["end"]].endswith(("百", "千")):
            continue
        digit = _TENS_AFTER.match(text[amount["end"]:])
        if digit is None:
            continue
        end = amount["end"] + digit.end()
        longer = dict(amount, end=end, value=text[amount["start"]:end])
        result = [longer if e is amount else e for e in result if e is amount or not amount["end"] <= e["start"] < end]
    return result


def names_a_period(span: str, today: dt.date) -> bool:
    """Whether a tagged period says which days ("这周", "last month", "today", "后天"), not "这个" or "最近"."""
    value = normalize(span).text.lower().strip()
    return bool(period_in(span) or _TODAY.search(value) or value in _BARE_PERIODS
                or parse_period(span, today)[2] != "today" or resolve_date(span, today))


def without_meaningless(entities: list[dict[str, Any]], text: str, today: dt.date) -> list[dict[str, Any]]:
    """The entities whose values mean something: a period that names days, a length with a number of days, a
    day that is a date (canonical values already set)."""
    kept = []
    for entity in entities:
        kind, span, value = entity["entity"], text[entity["start"]:entity["end"]], str(entity.get("value", ""))
        if kind == "period" and not names_a_period(span, today):
            continue
        if kind == "period" and _ends_another(entity, entities, text):
            continue
        empty = _EMPTY_BEFORE_PERIOD.match(span) if kind == "period" else None
        if empty:
            entity = dict(entity, start=entity["start"] + empty.end(), value=span[empty.end():])
        if kind == "days" and (not value.isdigit() or not _TIME_UNIT.search(text[entity["start"]:entity["end"] + 6])):
            continue
        if kind == "date" and _DAY_NUMBER.fullmatch(span) and _ADDRESS_NUMBER.search(text[:entity["start"]]):
            continue
        if kind == "date" and not re.fullmatch(r"\d{4}-\d\d-\d\d|农历\d\d-\d\d", value):
            continue
        kept.append(entity)
    return kept


def _ends_another(period: dict[str, Any], entities: list[dict[str, Any]], text: str) -> bool:
    """Whether a tagged "today" only says where another tagged period ends ("这个月到今天卖了多少")."""
    span = text[period["start"]:period["end"]]
    others = [e for e in entities if e is not period and e["entity"] == "period"]
    return bool(others and _TODAY.fullmatch(normalize(span).text.lower().strip())
                and (_UNTIL_BEFORE.search(text[:period["start"]]) or _UNTIL_AFTER.match(text[period["end"]:])))


# A slip put right inside the sentence: "生抽哦不对是老抽", "小米,不是,是绿豆", "rice, no wait, millet".
_CORRECTED = re.compile(r"(?:哦|噢|啊|呃)?\s*[,，]?\s*(?:不对|不是|说错了|错了|搞错了)\s*[,，]?\s*(?:是|应该是|要的是)|"
                        r"\b(?:no wait|sorry|i mean|no,? i mean|not that,?|make that)\b", re.IGNORECASE)
_CORRECTABLE = frozenset({"product", "customer"})


def without_corrected(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Entities without a product or customer put right later in the sentence: the one said after the
    correction wins ("一瓶生抽哦不对是老抽" is 老抽), the one before it is dropped."""
    dropped: set[int] = set()
    if not all(isinstance(e.get("start"), int) and isinstance(e.get("end"), int) for e in entities):
        return entities  # an entity with no place in the words (a resumed sale's): nothing to compare
    for correction in _CORRECTED.finditer(text):
        for kind in _CORRECTABLE:
            before = [i for i, e in enumerate(entities) if e["entity"] == kind and e["end"] <= correction.start()]
            after = [e for e in entities if e["entity"] == kind and e["start"] >= correction.end()]
            # the nearest one before is what was put right, and only when another of its kind replaces it
            if before and after and _only_filler_between(text, entities, before[-1], correction.start()):
                dropped.add(before[-1])
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    for index in dropped:
        kept += _count_put_right(entities[index], kept, text)
    return sorted(kept, key=lambda e: e["start"])


# The count said before the slip ("一瓶生抽哦不对是老抽": 1瓶) counts the goods that replace it.
_COUNT_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*([" + CHINESE_MEASURES + r"])\s*$")


def _count_put_right(slip: dict[str, Any], kept: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A quantity and unit for the count in front of a product put right, when the model left them untagged."""
    count = _COUNT_BEFORE.search(text[:slip["start"]]) if slip["entity"] == "product" else None
    if count is None or any(e["entity"] == "quantity" for e in kept):
        return []
    added = [{"entity": "quantity", "start": count.start(1), "end": count.end(1), "value": count.group(1),
              "extractor": "EntityOverlapResolver"}]
    if not any(e["start"] < count.end(2) and count.start(2) < e["end"] for e in kept):
        added.append({"entity": "unit", "start": count.start(2), "end": count.end(2), "value": count.group(2),
                      "extractor": "EntityOverlapResolver"})
    return added


def _only_filler_between(text: str, entities: list[dict[str, Any]], index: int, until: int) -> bool:
    """Whether nothing but filler words and punctuation lies between entity ``index`` and ``until``."""
    between = text[entities[index]["end"]:until]
    return not re.sub(r"[\s,，。.哦噢啊呃嗯]", "", between)


def as_meant(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Entities as the owner meant them: a slip put right in the sentence dropped, and of two requests said in
    one breath only the first's (the action asks for the second again: never the two mixed)."""
    return first_request_only(without_corrected(entities, text), text)
