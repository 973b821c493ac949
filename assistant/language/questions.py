"""What exactly a question asks, beyond its intent: one fact of a customer, or a ranking of products.

The intent says "about a customer" or "about sales"; the owner's words say which part she wants:
"李叔的电话多少" wants the phone number, not the profile; "这个月卖得最好的是什么" wants a product, not the
month's takings.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

# Checked in order: the first that matches names the fact (an allergy question mentions the child, a
# last-purchase question may mention what she usually buys).
_FACTS: tuple[tuple[str, str], ...] = (
    ("phone", r"电话|手机|号码|联系方式|phone|number|contact"),
    ("birthday", r"生日|生辰|birthday|born"),
    ("allergies", r"过敏|忌口|allerg"),
    ("last_purchase", r"上次|上回|上一次|最近一次|last time|last bought|bought last|last purchase|last buy|"
                      r"last visit|last came|buy last"),
    # what she spent over a period ("李叔这个月花了多少钱", "how much did Uncle Li spend this month")
    # and how much of a product she bought ("王阿姨今年买了多少米"), but not what a leader's people bought
    ("spent", r"花了多少|花多少|消费了?多少|多少钱的东西|^(?!.*(?:带来|介绍|拉来)).*买了多少|\bspen[dt]\b"),
    ("health", r"身体|病|血压|血糖|健康|health|blood|diabet|medical"),
    ("household", r"住哪|住在|地址|哪栋|家住|家里|几口|干什么的|做什么的|where .*live|address|household|family"),
    ("usual", r"平时|一般|常买|经常|老买|爱买|usually|normally|regularly|always buy"),
)
_BEST = re.compile(r"最好|最多|最火|最畅销|畅销|卖得好|热销|best|top|most popular|sold most|sells most|biggest seller")
_SLOW = re.compile(r"卖不动|卖不出|最差|最少|滞销|不好卖|卖得慢|卖得差|slow|worst|least|not selling|isn't selling|"
                   r"isnt selling|aren't selling|arent selling|doesn't sell|nobody buys|no one buys")

# "哪些熟客不来了" asks for the win-back list (those who stopped coming), not a duration.
_WIN_BACK = re.compile(r"不来了|不再来|不怎么来|流失|挽回|回访|拉回来|win.?back|lapsed|lost customers|stopped coming|"
                       r"stopped shopping|quit coming|no longer come|don'?t come any ?more|not coming any ?more")
# "全部列出来" wants the whole list, "还有呢" just the next few.
_EVERYTHING = re.compile(r"全部|所有|全都|都列|都说|都念|都读|完整|整个|一个一个|\ball\b|every|whole|full list|entire")


# "Zhang's kid", "王家孩子": the question is about a household's child (the family that has one).
_CHILD = re.compile(r"\b(?:kids?|child|children|son|daughter|baby|grandson|granddaughter)\b|孩子|小孩|儿子|女儿|宝宝|"
                    r"孙子|孙女")


def asks_about_a_child(text: str | None) -> bool:
    """Whether ``text`` asks about someone's child ("Does Zhang's kid have allergies?", "张家孩子")."""
    return bool(_CHILD.search(normalize(text or "").text.lower()))


def asked_fact(text: str | None) -> str | None:
    """Which fact of a customer ``text`` asks for (phone, birthday, allergies, last_purchase, spent, health,
    household, usual), or None for the whole profile."""
    value = normalize(text or "").text.lower()
    for fact, pattern in _FACTS:
        if re.search(pattern, value):
            return fact
    return None


def asked_ranking(text: str | None) -> str | None:
    """"best" (best sellers), "slow" (slow movers) or None (plain takings) for a sales question."""
    value = normalize(text or "").text.lower()
    if _SLOW.search(value):
        return "slow"
    if _BEST.search(value):
        return "best"
    return None


def is_question(text: str | None) -> bool:
    """Whether ``text`` asks rather than tells ("刘女士生日是几号" vs "刘女士生日是3月3号")."""
    value = normalize(text or "").text.lower().strip()
    return bool(re.search(r"[?？]$|几号|哪天|什么时候|多少|吗$|是什么|when|what|which|how|\bis it\b", value))


def asked_win_back(text: str | None) -> bool:
    """Whether an inactive question asks who stopped coming (the win-back list) rather than for how long."""
    return bool(_WIN_BACK.search(normalize(text or "").text.lower()))


def asked_everything(text: str | None) -> bool:
    """Whether "go on with the list" asks for all of it ("全部列出来", "list them all")."""
    return bool(_EVERYTHING.search(normalize(text or "").text.lower()))


# Words that ask to take an entry back, in the owner's words; a question without them only asks what it was.
_TAKE_BACK = re.compile(r"撤|删|取消|不算|退回|作废|算了|记错|undo|cancel|delete|remove|take (?:it |that )?back|scrap|wrong")


def asks_what_was_recorded(text: str | None) -> bool:
    """Whether an "undo" message only asks what was just recorded ("刚才记的是什么") without asking to take it back."""
    value = normalize(text or "").text.lower()
    compact = value.replace(" ", "")
    return not _TAKE_BACK.search(value) and bool(
        re.search(r"记的(?:是)?(?:什么|啥)|记了(?:什么|啥|哪些)", compact) or re.search(r"\bwhat did (?:i|we|you) (?:just )?(?:record|write|log|put down)", value))
