"""The goods a stock question or a sale names when the model tagged none ("榴莲还有多少", "how many durians are
left", "Uncle Li bought a pack of cigarettes", "李叔买了一包烟"), and the goods a price question or a question
whether the shop sells them names ("一袋牛肉多少钱", "有没有牛肉", "how much is a bag of beef").

A product the shop has never sold is one no model was trained on, so the question came with no product,
and the owner was asked "哪个商品?" about the very thing she had just named. The words around the goods in
a stock question are few and fixed; what stands where the goods stand is what she asked about, so the
reply can say the shop does not sell it. Nothing is found for "这个还有多少" / "how many are left": a word
that points (这个, that) or names nothing (东西, stuff) is not goods.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_ZH = re.compile(r"^(?:请问|问一下|看看|查一下|查查)?(?:店里|我们|咱们)?(?:的)?([\u4e00-\u9fff]{1,6}?)(?:的)?(?:库存)?"
                 r"(?:还有多少|还剩多少|还有几|还剩几|有多少|剩多少|剩几|还有没有|还有吗|还剩吗|还够吗|够不够|够吗|快没了)")
_EN = re.compile(r"^(?:how (?:many|much) ([a-z][a-z \-]{1,30}?) (?:are|is|do we have|have we got|we have)(?: left| "
                 r"in stock| still)?|(?:do we have|have we got|is there|are there) (?:any )?([a-z][a-z \-]{1,30}?) "
                 r"(?:left|in stock)|any ([a-z][a-z \-]{1,30}?) left)\b")
_NOT_GOODS = frozenset({"这个", "那个", "这", "那", "它", "这些", "那些", "东西", "货", "库存", "还", "我们", "店里",
                        "哪个", "什么", "啥", "多少", "那款", "这款", "哪些", "一共", "总共", "all", "it", "them",
                        "that", "this", "those", "these", "stuff", "things", "goods", "stock", "of it",
                        "of that", "of them", "we", "left",
                        # a time word where the goods would stand ("现在还有几桶?") names no goods (kept-aside #13)
                        "现在", "目前", "眼下", "如今", "这会儿", "今天", "now", "right now"})
_NOT_A_NAME = re.compile(r"[的要买给拿她他我你]")
# A sale: a buying verb, a count (and a measure), then the goods, up to the end or a word that follows goods.
_SOLD_EN = re.compile(r"\b(?:bought|took|got|picked up|ordered)\s+(?:a|an|one|some|\d+(?:\.\d+)?)\s+(?:(?:pack|packet|"
                      r"bottle|bag|box|carton|can|jar|case|tin|kilo|jin)s?\s+of\s+)?([a-z][a-z\-]*(?: [a-z][a-z\-]*)?)"
                      r"(?=\s+(?:for|and|on|with|today|yesterday|just|again|this|last)\b|\s*[.,!?]|\s*$)")
_SOLD_ZH = re.compile(r"(?:买了|拿了|要了|买|拿)(?:\d+(?:\.\d+)?)(?:包|瓶|袋|盒|条|箱|斤|桶|罐|个|支)"
                      r"([\u4e00-\u9fff]{1,4}?)(?=[,，。!！]|$|给|记|一共|共|花)")
_ARTICLE = re.compile(r"^(?:the|our|of the|of) ")
# "bought two bags": the count and its measure, the goods not said (the sale asks what was bought).
_MEASURES = frozenset(f"{word}{plural}" for word in ("pack", "packet", "bottle", "bag", "carton", "can", "jar", "tin",
                                                     "kilo", "jin", "jug", "bucket", "piece") for plural in ("", "s")) \
    | {"box", "boxes", "case", "cases"}


def goods_asked_about(text: str | None) -> str | None:
    """The goods a stock question names ("榴莲还有多少" → 榴莲, "how many durians are left" → durians), or None."""
    value = normalize(text or "").text.lower().strip(" ?？!！.。,，")
    match = _ZH.match(value) or _EN.match(value)
    if match is None:
        return None
    goods = _ARTICLE.sub("", next(group for group in match.groups() if group)).strip()
    # "王阿姨要的油还有多少": a phrase about someone's goods, not the name of goods.
    return None if goods in _NOT_GOODS or not goods or _NOT_A_NAME.search(goods) else goods


def goods_sold(text: str | None) -> str | None:
    """The goods a sale names after a count ("Uncle Li bought a pack of cigarettes" → cigarettes, "李叔买了一包烟"
    → 烟), or None."""
    value = normalize(text or "").text.lower().strip()
    match = _SOLD_EN.search(value) or _SOLD_ZH.search(value)
    if match is None:
        return None
    goods = match.group(1).strip()
    return None if goods in _NOT_GOODS or goods in _MEASURES or _NOT_A_NAME.search(goods) else goods


_MEASURE_ZH = r"(?:\d+(?:\.\d+)?(?:包|瓶|袋|盒|条|箱|斤|桶|罐|个|支|块))?"
_MEASURE_EN = r"(?:(?:a|an|one|\d+(?:\.\d+)?) )?(?:(?:pack|packet|bottle|bag|box|carton|can|jar|case|tin|kilo|jin)s? of )?"
_PRICE_ZH = re.compile(rf"^(?:请问|问一下|问下)?(?:店里|咱们|我们|你们)?(?:的)?{_MEASURE_ZH}([\u4e00-\u9fff]{{1,6}}?)(?:的)?"
                       rf"{_MEASURE_ZH}(?:的)?(?:价格|价钱|现在|要|卖)?(?:多少钱|几块钱|几块|什么价|啥价|怎么卖|多少1)")
_PRICE_EN = re.compile(rf"^(?:how much (?:is|are|does|do|for)|what(?:'s| is) the price of|what do (?:we|you) "
                       rf"charge for) {_MEASURE_EN}(?:the )?([a-z][a-z \-]{{1,30}}?)(?: cost| go for| now| today)?$")
_CARRIED_ZH = re.compile(r"^(?:请问|问一下)?(?:店里|咱们|我们|你们)?(?:有没有|卖不卖|有)(?:卖)?([\u4e00-\u9fff]{1,4}?)"
                         r"(?:卖的?|的)?(?:吗|呀|啊|么)?$")
_CARRIED_EN = re.compile(r"^(?:do (?:we|you) (?:have|sell|carry|stock)|have (?:we|you) got) (?:any )?"
                         r"([a-z][a-z \-]{1,30}?)$")
# Not goods in "有人来过吗", "有没有谁来": who came is asked, not what is sold.
_NOT_CARRIED = re.compile(r"[人谁来过去]")
# Not goods in "今天卖了多少钱", "王阿姨欠多少钱", "加起来多少钱": takings, a tab or a total are asked.
_NOT_PRICED = re.compile(r"[卖欠赚收进还赊挣付给买拿账共天周月年了]|加起|一起")


def goods_priced(text: str | None) -> str | None:
    """The goods a price question names ("一袋牛肉多少钱" → 牛肉, "how much is a bag of beef" → beef), or None."""
    value = normalize(text or "").text.lower().strip(" ?？!！.。,，")
    match = _PRICE_ZH.match(value) or _PRICE_EN.match(value)
    goods = _goods(match.group(1)) if match else None
    return None if goods is None or _NOT_PRICED.search(goods) else goods


def goods_carried(text: str | None) -> str | None:
    """The goods a question whether the shop sells them names ("有没有牛肉", "do you sell beef" → beef), or None."""
    value = normalize(text or "").text.lower().strip(" ?？!！.。,，")
    match = _CARRIED_ZH.match(value) or _CARRIED_EN.match(value)
    goods = _goods(match.group(1)) if match else None
    return None if goods is None or _NOT_CARRIED.search(goods) else goods


def asks_about_goods(text: str | None) -> bool:
    """Whether ``text`` asks about goods (their price, whether the shop sells them, how many are left) rather
    than telling something."""
    return any(found(text) is not None for found in (goods_priced, goods_carried, goods_asked_about))


def _goods(said: str) -> str | None:
    goods = _ARTICLE.sub("", said).strip()
    return None if not goods or goods in _NOT_GOODS or _NOT_A_NAME.search(goods) else goods
