"""Round 18's model misread these requests; their words settle them (corpus regressions after training).

Each rule is (the requests the model chose, the request meant, whether the words apply to the normalised, lower
case text and whether a customer was named); assistant/language/intent_cues.py makes them cues and tries them
before its own, so a rule here settles a choice its older, wider cues would only confirm. This module imports
nothing of intent_cues (which imports it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.language.additions import announces_arrival
from assistant.language.measures import CHINESE_MEASURES

# A question, asked with a word or a mark ("孙阿姨有什么忌口", "她能吃海鲜吗").
_ASKED = re.compile(r"[?？]|什么|啥|吗\s*$|呢\s*$|么\s*$|有没有|能不能|是不是|哪|几|多少|\b(?:what|who|which|how|does|is)\b")

# A fact about a named customer put down as a note ("帮我给孙阿姨记一下 不能吃海鲜", "孙阿姨备注:不吃辣"): the note
# word, then the fact itself; with no figure or tab in it ("给她记一袋米" is goods on her tab).
_NOTE_THEN_FACT = re.compile(r"(?:记一下|记下来?|记上|记着|记住|备注(?:一下)?)\s*[:：,，]?\s*(?P<fact>[^\d]{2,})$")
# ... of someone already known: "新顾客王美华,记一下 不吃辣" adds her with the note.
_SOMEONE_NEW = re.compile(r"新(?:顾客|客户|客人)|新来的|又来了|\bnew (?:customer|regular)\b")
_GOODS_OR_TAB = re.compile(rf"\d|[一二两三四五六七八九十半]\s*(?:公斤|[{CHINESE_MEASURES}])|赊|账|欠|还钱")


def notes_a_fact(text: str, has_customer: bool) -> bool:
    """Whether ``text`` asks to note a fact about the customer it names ("帮我给孙阿姨记一下 不能吃海鲜")."""
    match = _NOTE_THEN_FACT.search(text)
    return has_customer and match is not None and not _GOODS_OR_TAB.search(match.group("fact")) \
        and not _ASKED.search(text) and not _SOMEONE_NEW.search(text)


# Word of goods come in, to pass on to the one customer named ("let uncle li know the low sodium soy sauce is in"):
# the arrival action writes him that message (actions/customer_lists.py); "let me know" is no one to tell.
_LET_KNOW = re.compile(r"\blet (?!me\b|us\b)\w+(?: \w+){0,2} know\b")


def tells_one_of_arrival(text: str, has_customer: bool) -> bool:
    """Whether ``text`` asks to let the customer it names know that goods came in."""
    return has_customer and bool(_LET_KNOW.search(text)) and announces_arrival(text)


# Someone nameless who walked in and bought a measure of goods ("来了个客人买了半斤绿豆", "有个顾客要了两瓶醋",
# "a walk-in bought 2 bags of rice"): a sale to nobody's name, not a customer to add.
_WALK_IN = re.compile(r"客人|顾客|有人|一位|\b(?:a customer|someone|walk-?in)\b")
_BOUGHT_MEASURED = re.compile(
    rf"(?:买了|要了|拿了|称了|买)\s*(?:\d+(?:\.\d+)?|半|[一二两三四五六七八九十百]+)\s*(?:公斤|[{CHINESE_MEASURES}])\s*\S|"
    r"\b(?:bought|took|got)\b (?:\d+(?:\.\d+)?|a|an|one|two|three|half a) \w+ of \w+"
)
_NEW_OR_NAMED = re.compile(r"新(?:顾客|客户|客人)|叫|名字|姓|\b(?:new|named|called)\b")
_DELIVERY = re.compile(r"进了|进货|到货|送来|送到|供货|\b(?:delivered|delivery|supplier)\b")


def walk_in_bought(text: str, has_customer: bool) -> bool:
    """Whether ``text`` tells a sale to someone unnamed who walked in ("来了个客人买了半斤绿豆")."""
    return not has_customer and bool(_WALK_IN.search(text)) and bool(_BOUGHT_MEASURED.search(text)) \
        and not _NEW_OR_NAMED.search(text) and not _ASKED.search(text) and not _DELIVERY.search(text)


ROUND18_RULES: tuple[tuple[str | tuple[str, ...], str, Callable[[str, bool], bool]], ...] = (
    # "帮我给孙阿姨记一下 不能吃海鲜" heard as her profile asked (ents17)
    (("ask_customer_profile", "ask_birthdays", "record_greeting", "add_customer"), "update_customer", notes_a_fact),
    # "let uncle li know the low sodium soy sauce is in" unsure between arrival, tab and stock (greetings)
    (("log_credit", "update_customer"), "ask_arrival_targets",  # (stock, profile: the message cue's)
     tells_one_of_arrival),
    # "来了个客人买了半斤绿豆" a sale too close to a new customer (red team 15)
    (("add_customer", "ask_restock_due", "log_stock_in", "ask_stock", "ask_customer_profile"), "log_sale",
     walk_in_bought),
)
