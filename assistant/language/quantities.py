"""Numbers in what the owner said ("2", "2袋", "120元", "两袋", "five and a half"), as decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.language.measures import CHINESE_MEASURES, ENGLISH_MEASURES, spoken_decimals
from assistant.language.normalize import normalize

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def first_number(text: str | None) -> Decimal | None:
    """The first number in ``text`` after normalisation (Chinese and English number words count)."""
    if not text:
        return None
    match = _NUMBER.search(spoken_decimals(normalize(str(text)).text))  # "3斤半" is 3.5, "3元7毛五" 3.75
    if match is None:
        return None
    try:
        return Decimal(match.group())
    except InvalidOperation:
        return None


# A price under a hundred said in English as yuan and fen, two numbers (text_to_num keeps them apart):
# "twelve fifty" (12 50) is 12.50, "nine eighty" (9 80) 9.80, "twelve oh five" (12 oh 5) 12.05. Only fen in tens
# or after "oh" / "zero": "twelve fifty five" is no price shape anyone says, and is left alone.
YUAN_AND_FEN = re.compile(r"([1-9][0-9]?) (?:([1-9]0)|(?:oh|o) ([1-9])|0([1-9]))(?![0-9])")


def yuan_and_fen(text: str | None) -> Decimal | None:
    """The amount a span of normalised text says as yuan and fen ("12 50" → 12.50, "9 80 yuan" → 9.80,
    "12 oh 5" → 12.05); None when the span is anything else."""
    stripped = re.sub(r"\s*(?:yuan|元)$", "", (text or "").strip().lower())
    match = YUAN_AND_FEN.fullmatch(stripped)
    if match is None:
        return None
    tens, single = match.group(2), match.group(3) or match.group(4)
    return Decimal(f"{match.group(1)}.{tens if tens else '0' + single}")


def amount_said(text: str | None) -> Decimal | None:
    """The amount of money a tagged span says: yuan and fen said as two numbers (``yuan_and_fen``), else its
    first number."""
    return yuan_and_fen(text) or first_number(text)


# A number said as one Chinese numeral the normaliser leaves alone ("改成五", "是两"): it writes a lone digit
# as a number only before a measure word.
_LONE_NUMERAL = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                 "十": 10}


def number_said(text: str | None) -> Decimal | None:
    """The first number in ``text`` (``first_number``), or the one a lone numeral says ("五" → 5)."""
    found = first_number(text)
    if found is not None or not text:
        return found
    value = normalize(str(text)).text.strip(" ,.!?，。！？")
    return Decimal(_LONE_NUMERAL[value]) if value in _LONE_NUMERAL else None


# The new figure a correction says last: "make it 5", "改成五", "不对,是五", "改成一百块" (a number, then maybe
# a currency word, and whatever follows it).
_CORRECTED_TO = re.compile(r"(?:改成|改为|应该是|换成|是|make (?:it|that)|change (?:it|that) to|put (?:it|that) down as|"
                           r"should be|it'?s|it was)\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十])\s*"
                           r"(元|块钱?|yuan|bucks?)?\s*([^\s,，.。!！?？]*)[\s,，.。!！?？]*$", re.IGNORECASE)


def bare_correction(text: str | None) -> Decimal | None:
    """The number a correction ends with when it says no unit and no currency ("make it 5", "改成五", "是五"):
    the quantity or the amount, whichever it is nearer (``sale_lines.nearer_figure``); None otherwise."""
    match = _CORRECTED_TO.search(normalize(text or "").text)
    if match is None or match.group(2) or match.group(3):
        return None
    return number_said(match.group(1))


def unit_after_number(text: str | None) -> str | None:
    """The unit word that follows the number ("2袋" → 袋, "3 bags" → bags), if any."""
    if not text:
        return None
    match = re.search(r"\d+(?:\.\d+)?\s*([^\d\s.,,。]{1,6})", normalize(str(text)).text)
    return match.group(1) if match else None


# The goods named right after a count and its measure word: "进了5箱可乐" → 可乐, "5 cases of coke" → coke.
_GOODS_AFTER_COUNT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:公斤|[" + CHINESE_MEASURES + "]|" + ENGLISH_MEASURES + r"(?:s|es)?)\s*(?:of\s+)?(?:的)?\s*([\u4e00-\u9fff]{1,6}|[a-z][a-z ]{1,20}[a-z])\s*$")


def goods_after_count(text: str | None) -> str | None:
    """The goods a sentence names after its count and measure word ("进了5箱可乐" → 可乐), if it ends with them."""
    match = _GOODS_AFTER_COUNT.search(normalize(text or "").text.lower().strip(" .,。!！"))
    return match.group(1).strip() if match else None


# "she paid 118 in cash", "付了118": the money handed over, said after the goods (the model may take it for a count)
_PAID = re.compile(r"\b(?:paid|pays|paying)\s+(?:me\s+|us\s+)?(?:rmb\s+)?(\d+(?:\.\d+)?)(?!\s*(?:bags?|bottles?|jugs?|"
                   r"boxe?s?|packs?|jin|kg|tubs?|cases?|jars?)\b)|付了(\d+(?:\.\d+)?)(?![袋包斤瓶桶箱盒个])")


def paid_amount(text: str | None) -> Decimal | None:
    """The amount the message says the customer paid ("she paid 118 in cash" → 118), if it says one."""
    match = _PAID.search(normalize(text).text) if text else None
    return Decimal(match.group(1) or match.group(2)) if match else None


# A rate said as a percentage, after normalisation: "百分之五" (a lone numeral the normaliser leaves alone),
# "百分之15", "百分之3.5", "5%", "5 percent", "5个点" (five points, as commissions are said).
_PERCENT = re.compile(r"百分之\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十])|(\d+(?:\.\d+)?)\s*(?:%|％|percent\b|per cent\b|个点)",
                      re.IGNORECASE)


def percent_said(text: str | None) -> Decimal | None:
    """The rate a percentage in ``text`` says, as a fraction ("百分之五" → 0.05, "8%" → 0.08), or None."""
    match = _PERCENT.search(normalize(text or "").text)
    if match is None:
        return None
    number = number_said(match.group(1) or match.group(2))
    return None if number is None or not 0 < number <= 100 else (number / 100).normalize()
