"""A sale of a fraction of a 斤 said with no count of bags or bottles (red team 15, M8): "来了个客人买了半斤绿豆" is
heard as a restock question, "半斤红豆4块钱" as a delivery. Nobody asks who is due to buy half a 斤, and no
supplier delivers half a 斤: half a 斤 (or so many 两) told with a buying verb, or with a price and nothing
else, is goods sold — unless the message asks, or has a delivery's words."""

from __future__ import annotations

import re

from assistant.language.measures import spoken_decimals, spoken_figure_spans
from assistant.language.normalize import normalize

# Less than a whole 斤 once halves and 两 are decimals ("半斤" → "0.5斤", "三两" → "0.3斤"), or "half a jin".
_FRACTION_OF_JIN = re.compile(r"(?<![\d.])0\.\d+\s*斤|\bhalf (?:a |an )?(?:jin|catty|kg|kilo)\b")
_BOUGHT = re.compile(r"买了|拿了|要了|称了|买|\b(?:bought|took|picked up|walk[- ]?in|walked in)\b")
# "半斤红豆4块钱", "半斤红豆四块": goods and a price, nothing more said.
_GOODS_AND_PRICE = re.compile(r"^\s*0\.\d+\s*斤\s*[\u4e00-\u9fff]{1,6}?\s*\d+(?:\.\d+)?\s*(?:元|块钱?|块)?\s*$")
_ASKS = re.compile(r"[?？]|吗\s*$|呢\s*$|谁|哪|几|多少|什么|啥|有没有|\b(?:who|how|what|which|when|did|does|is)\b")
_DELIVERY = re.compile(r"进了|进货|到货|到了|送来|送到|供货|\b(?:delivered|delivery|arrived|came in|supplier)\b")


def tells_small_sale(text: str | None) -> bool:
    """Whether ``text`` tells a sale of a fraction of a 斤 ("来了个客人买了半斤绿豆", "半斤红豆4块钱",
    "walk in, half a jin of red beans"), asking nothing and with no delivery's words."""
    value = normalize(text or "").text.lower().strip(" .。!！,，")
    if not value or _ASKS.search(value) or _DELIVERY.search(value):
        return False
    if not any(kind == "quantity" for kind, _, _ in spoken_figure_spans(value)) and "half" not in value:
        return False
    said = spoken_decimals(value)
    if not (_FRACTION_OF_JIN.search(said) or _FRACTION_OF_JIN.search(value)):
        return False
    return bool(_BOUGHT.search(value) or _GOODS_AND_PRICE.match(said))
