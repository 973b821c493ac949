"""Net slang and texting shorthand, read as the plain words they stand for before the NLU sees them.

The owner's niece types 木有, 蟹蟹, 康康 and "ty", "bday", "msgs"; a regular's son texts "pls" and "rn". The
model learns the plain words from thousands of examples and the shorthand from a handful, so blind set #17
missed most of them. Each entry here is a spelling that only ever means its plain word in a grain-and-oil
shop's chat; a shorthand that could also be goods or a name (鸭 in 咸鸭蛋, 表 in 表格, 88 as a price) is read
only where it cannot be either.
"""

from __future__ import annotations

import re

# Chinese net slang: the characters sound like the plain words typed on a pinyin keyboard.
_CHINESE = {
    "有木有": "有没有",
    "木有": "没有",
    "蟹蟹": "谢谢",
    "3q": "谢谢",
    "酱紫": "这样",
    "神马": "什么",
    "康康": "看看",
    "咋整": "怎么办",
    "肿么": "怎么",
    "灰常": "非常",
    "好滴": "好的",
    "是滴": "是的",
    "对滴": "对的",
    "好哒": "好的",
    "对哒": "对的",
    "是哒": "是的",
    "么么哒": "",
}
# 鸭 for 呀 ends a clause ("你好鸭", "有没有鸭"); after 烤 / 咸 / 板 … or before 蛋 / 子 it is the bird.
_DUCK_FOR_YA = r"(?<![烤板腊老咸卤酱盐鸡水野填麻只])鸭(?=$|[\s,.!?~…])"
# 表 for 不要 only where 表 (a watch, a form) cannot be meant: "表啦", "表再发了", or the whole message.
_BIAO_FOR_BUYAO = r"表(?=啦|再)|^表(?=[\s,.!?~]*$)"
# 伐 ends a Wu (Hangzhou, Shanghai) question as 吗 does: "还有伐", "在伐".
_FA_FOR_MA = r"伐(?=$|[\s,.!?~…])"
# Laughter typed as letters carries nothing: "在嘛hhh".
_LAUGHTER = r"(?<![a-z])h{3,}(?![a-z])"
# Whole-message shorthand: 886 / 88 is goodbye and 嗯嗯 a typed yes only when nothing else is said (88 in a
# sentence is a price; a single 嗯 from the recogniser is often a noise, never taken as a yes).
_WHOLE = {"886": "拜拜", "88": "拜拜", "嗯嗯": "好的", "k": "ok", "kk": "ok"}

# English texting shorthand, whole words only.
_ENGLISH = {
    "ty": "thank you",
    "tysm": "thank you so much",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tks": "thanks",
    "bday": "birthday",
    "bdays": "birthdays",
    "b-day": "birthday",
    "b-days": "birthdays",
    "msg": "message",
    "msgs": "messages",
    "pls": "please",
    "plz": "please",
    "rn": "right now",
    "tmr": "tomorrow",
    "tmrw": "tomorrow",
    "2moro": "tomorrow",
    "u": "you",
    "ur": "your",
    "idk": "i don't know",
    "nvm": "never mind",
    "cya": "see you",
    "gtg": "got to go",
    "g2g": "got to go",
    "brb": "be right back",
    "ppl": "people",
    "abt": "about",
    "smth": "something",
    "ofc": "of course",
    "cuz": "because",
    "coz": "because",
}


def _alternation(words: dict[str, str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


SLANG = re.compile(
    rf"(?P<chinese>{_alternation(_CHINESE)})"
    rf"|(?P<duck>{_DUCK_FOR_YA})"
    rf"|(?P<biao>{_BIAO_FOR_BUYAO})"
    rf"|(?P<fa>{_FA_FOR_MA})"
    rf"|(?P<laughter>{_LAUGHTER})"
    rf"|^(?P<whole>{_alternation(_WHOLE)})(?=[\s,.!?~…]*$)"
    rf"|(?<![\w-])(?P<english>{_alternation(_ENGLISH)})(?![\w-])"
)


def plain_word(match: re.Match[str]) -> str:
    """The plain word a slang match stands for (normalize's step; the match comes from ``SLANG``)."""
    kind = match.lastgroup
    said = match.group()
    if kind == "chinese":
        return _CHINESE[said]
    if kind == "whole":
        return _WHOLE[said]
    if kind == "english":
        return _ENGLISH[said]
    return {"duck": "呀", "biao": "不要", "fa": "吗", "laughter": ""}[kind or ""]
