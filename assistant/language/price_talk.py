"""Talk about a product's price: asked ("五常大米多少钱一袋", "花生油现在卖多少") or changed ("东北大米涨到六十了",
"改成九十五一桶") — neither is its stock nor a delivery, though the model hears them so."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.language.normalize import normalize

# "卖多少" without "了" asks the price ("现在卖多少"); "卖了多少" asks the takings.
_ASKS = re.compile(r"多少钱|什么价|啥价|价格|价钱|单价|几块钱?|卖多少(?!了)|怎么卖|"
                   r"\bprice\b|\bcosts?\b|\bhow much (?:is|are|does|do|for)\b(?!.*\b(?:left|sold|stock)\b)", re.IGNORECASE)
_NOT_PRICE = re.compile(r"还有|还剩|剩|库存|卖了|进了|卖出|营业额|买|花了|收了|赚|left|sold|stock", re.IGNORECASE)
# A new price: a change word before the figure, said with a price word or per unit ("六十一袋").
_CHANGE = re.compile(r"(?:涨到|降到|跌到|调到|调成|涨成|改成|改为|变成|现在卖|卖到|(?:便宜|贵)(?:一)?[点些]卖)\s*"
                     r"([0-9零一二两三四五六七八九十百点.]+)\s*(?:(?:元|块钱?)([1-9一二三四五六七八九](?![袋桶瓶盒斤箱包个]))?)?")
_PRICE_WORD = re.compile(r"涨|降|跌|价|块|元")
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def asks_price(text: str | None) -> bool:
    """Whether ``text`` asks what a product sells for (not how much is left or was sold)."""
    said = normalize(text or "").text
    return bool(_ASKS.search(said)) and not _NOT_PRICE.search(said)


def chinese_number(said: str) -> Decimal | None:
    """"九十五" → 95, "六十" → 60, "一百二" → 120, "12.5" → 12.5; None for anything else."""
    if re.fullmatch(r"\d+(?:\.\d+)?", said):
        return Decimal(said)
    whole, _, tenths = said.partition("点")
    total, digit = 0, None
    for char in whole:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in "十百":
            total += (digit if digit is not None else 1) * (10 if char == "十" else 100)
            digit = None
        else:
            return None
    if digit is not None:  # "一百二" is 120 (the digit after 百 counts tens), "九十五" 95
        total += digit * (10 if len(whole) > 1 and whole[-2] == "百" else 1)
    value = Decimal(total)
    if tenths:
        if not all(c in _DIGITS for c in tenths):
            return None
        value += Decimal("0." + "".join(str(_DIGITS[c]) for c in tenths))
    return value if value > 0 else None


# An English price change: "raise the price of oats to twenty yuan", "change the price of salt to 3.5, no wait,
# make it 4" (the last figure said is the one meant), "set salt's price to 4", "oats now sell for 20".
_ENGLISH_CHANGE = re.compile(r"\b(?:raise|lower|change|set|put|cut|drop|increase|reduce|make)\b.{0,40}?\bprice\b|"
                             r"\bprice\b.{0,40}?\b(?:goes|went|is going) (?:up|down)\b|\bnow sells? for\b", re.IGNORECASE)
_ENGLISH_FIGURE = re.compile(r"\b(?:to|for|at|it)\s+(\d+(?:\.\d+)?)\b")


def _english_new_price(text: str) -> Decimal | None:
    """The price an English sentence changes a product to (normalised: numbers as digits); None otherwise."""
    if not _ENGLISH_CHANGE.search(text):
        return None
    figures = _ENGLISH_FIGURE.findall(text)
    return Decimal(figures[-1]) if figures else None


def new_price(text: str | None) -> Decimal | None:
    """The price ``text`` changes a product to ("涨到六十了" → 60, "改成九十五一桶" → 95, "改成六十块一袋" → 60);
    None when it changes no price (a count corrected: "改成十二盒")."""
    english = _english_new_price(normalize(text or "").text)
    if english is not None:
        return english
    raw = re.sub(r"\s+", "", text or "")
    if not _PRICE_WORD.search(raw) and not re.search(r"(?:改成|改为)[零一二两三四五六七八九十百]+一[^\d]", raw):
        return None
    match = _CHANGE.search(raw)
    if match is None:
        return None
    figure = match.group(1)
    if figure.endswith("一") and len(figure) > 1 and raw[match.end(1):match.end(1) + 1] not in "0123456789":
        figure = figure[:-1]  # "九十五一桶": the 一 is "a", not part of the figure
    value = chinese_number(figure.rstrip("点."))
    jiao = match.group(2)  # "十二块五": five 毛 after the 块
    if value is not None and jiao:
        value += Decimal(int(jiao) if jiao.isdigit() else _DIGITS[jiao]) / 10
    return value


# A new figure put in place of the one just read back: "不对 是 七十 三", "no, 73", "改成七十三".
_PUT_RIGHT = re.compile(r"^(?:嗯|哦|呃|啊|\s)*(?:不对|不是|错了|no|nope|wrong|改成|改为)[\s,，。.!！]*(?:是|it'?s|make it)?\s*"
                        r"(\d+(?:\.\d+)?)\s*(?:元|块钱?|yuan)?[\s。.!！]*$", re.IGNORECASE)


def price_put_right(text: str | None) -> Decimal | None:
    """The price a no with a figure puts in place of the waiting one ("不 对 是 七十 三" → 73); None otherwise."""
    match = _PUT_RIGHT.match(normalize(text or "").text)
    return Decimal(match.group(1)) if match else None
