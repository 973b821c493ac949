"""Days the model cut into pieces of other kinds, put back together as one date span.

Two ways round-18's model misread a day said plainly:
- an English month name with its day ("on March 18", "the 18th of March", "march the eighteenth") tagged as two
  amounts, so a past sale read "for 18 yuan": the words are one date (valued later by ``canonical_values``);
- a weekday said as a week word and its number (上礼拜六, 这周三, 上星期天) cut after the week word, the
  number left as a product ("店里没有“六”这个商品"): the whole is one date, the day of that week.

Whatever was tagged inside the day (an amount, a quantity, a product) is dropped with it.
"""

from __future__ import annotations

import re
from typing import Any

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_ORDINAL = (r"(?:twenty[- ]?|thirty[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
            r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
            r"twentieth|thirtieth")
_DAY = rf"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])|(?:{_ORDINAL})\b"
# A count of goods or money after the number ("in march 20 bags arrived") is no day of the month.
_NO_MEASURE = (r"(?!\s*(?:bags?|bottles?|jugs?|packs?|box(?:es)?|cases?|jars?|jin|kg|kilos?|grams?|litres?|liters?|"
               r"pieces?|cartons?|cans?|tins?|sacks?|buckets?|yuan|kuai|rmb|bucks|dollars?)\b)")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?:the\s+)?(?:{_DAY}){_NO_MEASURE}|"
                        rf"\b(?:the\s+)?(?:{_DAY})\s+(?:of\s+)?{_MONTH}(?![a-z])", re.IGNORECASE)
# "may" is also a verb, and the short names are words of their own: only a tagged one is read as a month.
_SURE_MONTH = re.compile(r"january|february|march|april|june|july|august|september|october|november|december",
                         re.IGNORECASE)
# Kinds the model gives the pieces of a day it misread; a customer or goods name there is left alone.
_DAY_PIECES = frozenset({"amount", "quantity", "date", "period", "days"})

# The week word ending a tagged span ("上礼拜" of 上礼拜六) and the weekday number said right after it; not 一共
# (上周一共: last week in all), a length (这周三天) or a count (上周五袋).
_WEEK_WORD_END = re.compile(r"(?:礼拜|星期|周)$")
_WEEKDAY_AFTER = re.compile(r"^\s*(?:[一二三四五六日天]|[1-7](?![0-9.]))"
                            r"(?![共起下些直点个天袋桶瓶包盒箱斤块元号日月年次回两0-9十百千万])")
_WHOLE_WEEKDAY = re.compile(r"(?:上上|上|下|这|本)\s*(?:个\s*)?(?:礼拜|星期|周)\s*(?:[一二三四五六日天]|[1-7])")
# A weekday taken for a name or goods ("周六" of 上周六 as a customer 周六): a day when its week word is said
# before it, or when it is 礼拜X / 星期X (周 is a surname too, so 周六 alone is left as tagged).
_WEEKDAY_NAMED = re.compile(r"(?:礼拜|星期|周)\s*(?:[一二三四五六日天]|[1-7])")
_WEEK_BEFORE = re.compile(r"(?:上上|上|下|这|本)\s*(?:个\s*)?$")


def with_calendar_days(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Entities with an English month and day, and a week word with its weekday, each one date span."""
    return _with_weekdays(_with_month_days(entities, text), text)


def _with_month_days(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A month name and its day number made one date; the amounts or quantities tagged on them dropped."""
    for said in _MONTH_DAY.finditer(text):
        start, end = said.start(), said.end()
        inside = [e for e in entities if e["start"] < end and start < e["end"]]
        if any(e["entity"] not in _DAY_PIECES or e["start"] < start or e["end"] > end for e in inside):
            continue  # part of a name or of goods, or a longer span the month is only part of
        if not inside and not _SURE_MONTH.search(said.group(0)):
            continue
        if len(inside) == 1 and inside[0]["entity"] == "date" and (inside[0]["start"], inside[0]["end"]) == (start, end):
            continue
        entities = _replaced(entities, inside, _date(inside, start, end, text))
    return entities


def _with_weekdays(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A period or date ending in a week word extended over the weekday said after it, as one date; a period
    that is already a whole weekday ("上礼拜六") is a date too, and so is a weekday tagged as a name or goods."""
    entities = _weekdays_not_names(entities, text)
    for week in [e for e in entities if e["entity"] in {"period", "date"}]:
        span = text[week["start"]:week["end"]]
        if _WHOLE_WEEKDAY.fullmatch(span.strip()):
            entities = [dict(e, entity="date") if e is week else e for e in entities]
            continue
        weekday = _WEEKDAY_AFTER.match(text[week["end"]:]) if _WEEK_WORD_END.search(span) else None
        if weekday is None:
            continue
        end = week["end"] + weekday.end()
        inside = [e for e in entities if e is week or (e["start"] < end and week["start"] < e["end"])]
        if any(e["start"] < week["start"] or e["end"] > end for e in inside):
            continue
        entities = _replaced(entities, inside, _date([week], week["start"], end, text))
    return entities


def _weekdays_not_names(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A customer or product that is a weekday ("周六" of 上周六, "礼拜六") read as that day, with its week word."""
    for named in [e for e in entities if e["entity"] in {"customer", "product"}]:
        if not _WEEKDAY_NAMED.fullmatch(text[named["start"]:named["end"]].strip()):
            continue
        week = _WEEK_BEFORE.search(text[:named["start"]])
        if week is None and text[named["start"]:named["end"]].strip().startswith("周"):
            continue
        start = week.start() if week else named["start"]
        inside = [e for e in entities if e is named or (e["start"] < named["end"] and start < e["end"])]
        if any(e["start"] < start or e["end"] > named["end"] for e in inside):
            continue
        entities = _replaced(entities, inside, _date([named], start, named["end"], text))
    return entities


def _date(pieces: list[dict[str, Any]], start: int, end: int, text: str) -> dict[str, Any]:
    """One date entity over ``text[start:end]``, keeping the first piece's extractor and confidence."""
    first = dict(pieces[0]) if pieces else {"extractor": "CalendarSpans"}
    first.pop("processors", None)
    return {**first, "entity": "date", "start": start, "end": end, "value": text[start:end]}


def _replaced(entities: list[dict[str, Any]], pieces: list[dict[str, Any]], date: dict[str, Any]) -> list[dict[str, Any]]:
    """``entities`` with ``pieces`` taken out and ``date`` put in, in the order of the words."""
    kept = [e for e in entities if not any(e is piece for piece in pieces)]
    return sorted([*kept, date], key=lambda e: e["start"])
