"""The name a new customer is given right after the words that bring her in: "新顾客 大嘴 电话…" → 大嘴,
"新来的二丫住5栋" → 二丫, "新顾客叫老板娘" → 老板娘, "open an account for Fatty Lim, phone…" → fatty lim.

A nickname (大嘴, 二丫, 胖婶) is no name the model was trained on, and has no surname or form of address to
be known by; what tells it is a name is where it stands: straight after 新顾客 / 新客人 / 新来的 / 叫, with
nothing after it but the end of the clause or what follows a name (电话, 住, 生日…). In English the name runs
from "new customer" / "an account for" / "called" to the comma or the phone.

Works on the normalised text (lower case, spoken hanzi joined); returns spans into it.
"""

from __future__ import annotations

import re

# The words that bring a new customer in, then an optional 是 / 叫 before her name; a 叫 further on names her
# too ("新来的那位,叫二丫"), but only after them: "那个牌子叫金龙鱼" names no one.
_NEW_ZH = re.compile(r"(?:新(?:顾客|客人|客户)|新来的(?:[一1]位|[一1]个|个|位)?(?:顾客|客人|客户)?|"
                     r"又来了?(?:个|[一1]个|[一1]位|位)(?:新)?(?:顾客|客人|客户)?|来了(?:个|[一1]个|[一1]位)新(?:顾客|客人|客户)?)"
                     r"[\s,，:：]*(?:是|叫|名叫|叫做)?[\s,，:：]*")
_CALLED_ZH = re.compile(r"(?:名字叫|名字是|名叫|叫做|叫)[\s,，:：]*")
# A name of two to four hanzi, then the end of the clause or what follows a name.
_NAME_ZH = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?=$|[\s,，。.;；!！、\d]|电话|手机|号码|住|生日|家住|的电话|叫|,)")
# Characters a name never has in an owner's sentence: questions, function words, verbs of the shop's
# requests, measure words, goods (新来的面粉: goods, not a person).
_NOT_IN_A_NICKNAME = frozenset("什么谁啥哪吗呢吧么怎几的了着过是在不没有要个位些这那你我他她它们姓"
                               "添加记录登存建开买拿卖赊欠还付进到货"
                               "袋瓶桶包箱盒斤罐块元"
                               "米面油糖盐醋酱豆茶酒蛋粉菜肉果")
# Words after the new-customer words that are no name: what is said about her instead.
_NOT_NAMES = frozenset({"顾客", "客人", "客户", "名字", "电话", "手机", "号码", "生日", "一个", "一位"})

_NEW_EN = re.compile(r"\b(?:new (?:customer|regular|client)|(?:an?|new) account for|called|named|name is)[\s:,]+")
_NAME_EN = re.compile(r"([a-z][a-z'’\-]*(?: [a-z][a-z'’\-]*){0,3}?)"
                      r"(?=$|\s*[,.;!?]| phone\b| number\b| tel\b| mobile\b| who\b| lives?\b| at\b| and\b| with\b|"
                      r" birthday\b| born\b| \d)")
_NOT_IN_AN_ENGLISH_NAME = frozenset(
    "a an the her his him she he they them this that it new customer account please pls today now who which is was "
    "just came here there phone number tel mobile".split())


def new_customer_name_span(text: str) -> tuple[int, int] | None:
    """The span of the name said right after the new-customer words of ``text`` (normalised), or None."""
    brought_in = _NEW_ZH.search(text)
    if brought_in is not None:
        called = [match.end() for match in _CALLED_ZH.finditer(text, brought_in.end())]
        for at in (brought_in.end(), *called):
            found = _NAME_ZH.match(text, at)
            if found is not None and found.group(1) not in _NOT_NAMES and not set(found.group(1)) & _NOT_IN_A_NICKNAME:
                return found.start(1), found.end(1)
    for brought_in in _NEW_EN.finditer(text):
        found = _NAME_EN.match(text, brought_in.end())
        if found is not None and not set(found.group(1).split()) & _NOT_IN_AN_ENGLISH_NAME:
            return found.start(1), found.end(1)
    return None
