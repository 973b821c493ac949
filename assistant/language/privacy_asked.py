"""A customer's data asked about in chat: erase her, export it, drop one of her fields, who takes no messages.

These are not her profile questions ("邓海说他的资料都要删掉" is no "what do we know of 邓海") and not an undo
of the last entry ("删掉" there is about her records, not the sale just written).
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

# Her data as a whole; not 记录 or 东西, which "删掉刚才那条记录" (an undo) says too.
_DATA_ZH = r"(?:资料|个人信息|的信息|数据|档案)"
_ERASE_ZH = re.compile(rf"{_DATA_ZH}.{{0,6}}(?:删|清除|清掉|抹掉|销毁)|(?:删|清除|清掉|抹掉)(?:掉|除)?.{{0,6}}{_DATA_ZH}")
_ERASE_EN = re.compile(r"\b(?:delete|erase|remove|wipe|forget)\b.{0,30}\b(?:info|information|data|details|records?|"
                       r"everything|profile)\b|\bright to be forgotten\b")
_EXPORT = re.compile(r"导出|记了(?:他|她|我)的?(?:哪些|什么)|拷一份|\bexport\b|copy of (?:her|his|their|my) (?:data|info)|"
                     r"what (?:data|info(?:rmation)?) we (?:have|keep)")
# One field taken off: "把小赵的电话删掉", "remove her phone number".
_FIELD_ZH = re.compile(r"(电话|手机号?|号码).{0,3}(?:删掉|删了|删除|去掉|清空|不要了|不用记了|拿掉)")
_FIELD_EN = re.compile(r"\b(?:delete|remove|clear|drop)\b.{0,20}\bphone\b")
_OPTED_OUT = re.compile(r"谁.{0,3}(?:不收|不要|不想收|不想要|拒收|退订|退了|拒绝).{0,3}(?:消息|短信|信息|通知)?|"
                        r"(?:不收|不要|拒收|退订|不想收).{0,3}(?:消息|短信|信息|通知)?的?(?:有)?(?:谁|哪些|哪几|几个|几位)|"
                        r"谁退订|\bwho\b.{0,20}(?:opted out|unsubscribed|no messages|doesn'?t want (?:any )?messages|"
                        r"don'?t want (?:any )?messages|refused)")


def privacy_asked(text: str | None) -> str | None:
    """What a message asks of a customer's data: "erase", "export", "remove_phone" or "opted_out" (who takes
    no messages), or None when it asks none of these."""
    value = normalize(text or "").text.lower()
    compact = value.replace(" ", "")
    if _OPTED_OUT.search(compact) or _OPTED_OUT.search(value):
        return "opted_out"
    if _EXPORT.search(compact) or _EXPORT.search(value):
        return "export"
    if _FIELD_ZH.search(compact) or _FIELD_EN.search(value):
        return "remove_phone"
    if _ERASE_ZH.search(compact) or _ERASE_EN.search(value):
        return "erase"
    return None
