"""The words that make a message a correction of what is read back, whatever intent the model gave it: "不对,
是两桶", "改成一百", "是汪阿姨不是王阿姨"; shared by the corrections of sales, tabs, deliveries and repayments."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from assistant.language.corrections_said import name_said_again

# A message that only corrects ("是汪阿姨", "不是王阿姨,是汪阿姨", "I meant Wang Guilan"), whatever intent the
# model gave it: a profile question ("汪阿姨平时买什么") is not one.
CORRECTS = re.compile(r"^\s*(?:(?:哦|噢|喔|啊|呃|嗯|哎呀|哎|唉|oh|oops|sorry|wait|no wait)[\s,，.!！]*)*"
                      r"(?:电话|手机号?|号码|名字|价钱)?\s*(?:我?(?:说|搞|弄|记)错了|only\b|just\b|不对|不是|是|应该是|改成|改为|no\b|not\b|i meant\b|it'?s\b|it was\b|make (?:it|that)\b|"
                      r"change (?:it|that)\b|actually\b)", re.IGNORECASE)
# "改成100", "应该是120块", "还是两袋" (back to the figure before): a new amount (or, with a unit, a new quantity), as the normaliser writes numbers.
CHANGE_TO = re.compile(r"(?:改成|改为|应该是|换成|还是|change (?:it|that) to|make (?:it|that)|put (?:it|that) down as|"
                       r"should be)\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十](?![一二两三四五六七八九十]))\s*(元|块|块钱|yuan)?",
                       re.IGNORECASE)

_NOT_BEFORE = re.compile(r"(?:不\s*是|不|not|isn'?t|wasn'?t)\s*$", re.IGNORECASE)



def name_meant(tracker: Tracker) -> str | None:
    """The customer a correction means: the last name said that is not denied ("不 是 王 阿姨")."""
    text = tracker.latest_message.get("text") or ""
    named = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "customer"]
    meant = [e for e in named if "start" not in e or not _NOT_BEFORE.search(text[:e["start"]])]
    if not named:
        return None
    value = str((meant or named)[-1]["value"])
    # "not auntie wang auntie wang guilan" as one span: the name said again after the denied one
    return (None if meant else name_said_again(value)) or value
