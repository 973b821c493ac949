"""The note itself, without the words that ask for it: "给小何记一下 不吃葱蒜" notes "不吃葱蒜"."""

from __future__ import annotations

import re

# "给小何记一下:", "帮我给李叔备注一下", "记下来", "make a note for mrs liu:", "note that …", "jot down …".
_ASKED_ZH = re.compile(r"^(?:帮我|麻烦|你)?(?:给|帮|替)?(?P<who>\S{0,6}?)(?:的?)(?:记一下|记下来|记下|记上|记个|记着|记住|备注一下|备注上|备注|写上|标一下)"
                       r"(?:一条|一笔|一下)?[:,,、\s]*")
_ASKED_EN = re.compile(r"^(?:please |can you |could you )?(?:make a note|note down|note|write down|jot down|put down|remember)"
                       r"(?: (?:for|about|on) [a-z' ]{2,30}?(?=[:,]| that\b))?(?: that)?[:,]?\s+", re.IGNORECASE)

# The same asked after the fact: "孙阿姨不吃辣,记一下", "…, 你帮我记着啊", "…, note that".
_ASKED_AFTER_ZH = re.compile(r"[,\uff0c、;\uff1b\s]*(?:你|帮我|麻烦)*(?:给我)?(?:记一下|记下来|记下|记上|记着|记住|记好|备注一下|备注上|备注|写上)"
                             r"(?:吧|啊|哈|呀|哦)?$")
_ASKED_AFTER_EN = re.compile(r"[,;\s]*(?:please )?(?:note (?:it|that)(?: down)?|make a note(?: of (?:it|that))?|"
                             r"write (?:it|that) down|jot (?:it|that) down)(?: please)?$", re.IGNORECASE)


def note_said(text: str | None) -> str:
    """The fact to note from the owner's sentence, the asking words before it left out; the whole sentence
    when nothing asks (a fact told plainly is its own note)."""
    value = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", (text or "").strip())  # as a recogniser spaces it
    value = re.sub(r"[。.!!\s]+$", "", value)
    for asked in (_ASKED_AFTER_ZH, _ASKED_AFTER_EN):
        if (found := asked.search(value)) is not None and value[:found.start()].strip():
            value = value[:found.start()].strip()
    for asked in (_ASKED_ZH, _ASKED_EN):
        found = asked.match(value)
        if found and value[found.end():].strip():
            return value[found.end():].strip()
    return value
