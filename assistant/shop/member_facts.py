"""A fact about someone in a customer's household, not the customer herself.

"小吴她老公有糖尿病", "王阿姨家孙子对花生过敏", "李叔老伴高血压", "her husband is diabetic": the owner tells
a fact of the customer's husband, grandson or wife. It is kept the way the shop keeps "张姐的孩子花生过敏"
(the demo's 张丽): the tag (糖尿病, 花生过敏) marks the customer's household, which is what the shop acts on
(what to offer, what to warn about), and the note says whom it concerns ("老公有糖尿病"), so nobody later
reads it as the customer's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.normalize import normalize
from assistant.language.questions import is_question

# Who in the household, as the owner says it. Not 先生 / 太太 / 老太太: those are how customers are called
# ("王先生有糖尿病" is about 王先生). Longest first, so 外孙女 is not read as 孙女.
_MEMBERS_ZH = sorted(("老公", "丈夫", "老伴", "爱人", "老婆", "媳妇", "妻子", "孙子", "孙女", "外孙", "外孙女",
                      "儿子", "女儿", "儿媳", "儿媳妇", "女婿", "孩子", "小孩", "宝宝", "婆婆", "公公", "妈妈",
                      "母亲", "老母亲", "爸爸", "父亲", "老父亲", "家里老人", "老人"), key=len, reverse=True)
_MEMBERS_EN = ("husband", "wife", "partner", "son", "daughter", "grandson", "granddaughter", "grandchild",
               "grandchildren", "kid", "kids", "child", "children", "baby", "mother", "mom", "mum", "father", "dad",
               "mother-in-law", "father-in-law", "grandma", "grandmother", "grandpa", "grandfather")
# "(她)家有孩子" tells that there is a child (the 有小孩 tag), not a fact about the child; "给孙子买奶粉" is
# about what she buys.
_MEMBER_ZH = re.compile(r"(?<![有个给帮替为跟和])(" + "|".join(_MEMBERS_ZH) + r")(?!们)")
_MEMBER_EN = re.compile(r"\b(?:her|his|their|\w+'?s)\s+(" + "|".join(
    sorted(_MEMBERS_EN, key=len, reverse=True)) + r")\b")
# Where the fact ends: a new clause, or the owner asking to note it ("你记一下", "please note").
_END = re.compile(r"[,，。.!！?？;；]|你?(?:帮我)?记(?:一下|着|下来|住|上)|麻烦|please|make a note|note (?:it|that)")
_LEADING_ZH = re.compile(r"^[的是\s]+")
# A question about a member ("张姐家孩子对什么过敏", "does her husband have diabetes") tells nothing.
_ASKS = re.compile(r"什么|啥|哪|吗|多少|多大|多久|多高|怎么样|咋样|几|有没有|是不是|是否|呢\s*$|[?？]|^(?:does|do|is|are|has|have|what|which|who|how)\b")


@dataclass(frozen=True)
class MemberFact:
    """Who the fact concerns (老公, grandson) and the note that says it (老公有糖尿病, grandson is diabetic)."""

    member: str
    note: str


def member_fact(text: str | None) -> MemberFact | None:
    """The household member a told fact is about and the note to keep ("小吴她老公有糖尿病" → 老公,
    "老公有糖尿病"; "her husband is diabetic" → husband, "husband is diabetic"), or None when the sentence
    tells nothing about another member (or asks a question)."""
    if not text or is_question(text):
        return None
    value = normalize(text).text
    if _ASKS.search(value.lower()):
        return None
    if value.isascii():
        found = _MEMBER_EN.search(value.lower())
        if found is None:
            return None
        fact = _END.split(value[found.end():].strip(), maxsplit=1)[0].strip()
        member = found.group(1)
        return MemberFact(member=member, note=f"{member} {fact}") if fact else None
    compact = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", value)  # 她 老公 有 糖尿病 (speech)
    found = _MEMBER_ZH.search(compact)
    if found is None:
        return None
    fact = _LEADING_ZH.sub("", _END.split(compact[found.end():], maxsplit=1)[0]).strip()
    member = found.group(1).removeprefix("家里")
    return MemberFact(member=member, note=f"{member}{fact}") if fact else None


def member_named(text: str) -> str | None:
    """The household member a note clause names ("孩子对鸡蛋也过敏" → 孩子, "kid is allergic to eggs" → kid),
    or None when it names none (the customer's own)."""
    lowered = text.lower()
    if text.isascii():
        found = re.search(r"\b(" + "|".join(sorted(_MEMBERS_EN, key=len, reverse=True)) + r")\b", lowered)
    else:
        found = _MEMBER_ZH.search(re.sub(r"\s+", "", text))
    return found.group(1).removeprefix("家里") if found else None
