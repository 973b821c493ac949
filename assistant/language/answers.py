"""A plain yes to a read-back, however it is said: "嗯", "好的 发吧", "好,那笔记上吧", "yep go ahead".

The model hears some of these as other requests ("好的发吧" as the greetings list, "那笔记上吧" as an undo, a
lone "嗯" as nothing at all); while a read-back waits, they only mean "yes, write it".
"""

from __future__ import annotations

import re
import unicodedata

_ZH_YES = r"(?:嗯+|对+的?|好+的?|行+|是的?|可以|没错|没问题|ok|okay)"
# ("行,入库吧" while a delivery waits: put in stock is its write)
_ZH_DO_IT = r"(?:那?(?:这|那)?笔?就?(?:记上|记下来?|记了|记吧|写上|发了?|发出去|发过去|存上|入库|入库了|就这样|就这么办|这样吧))"
_ZH = re.compile(rf"^(?:{_ZH_YES}(?:啊|呀|吧)?)+(?:{_ZH_DO_IT}(?:吧|啊|呀)?)?$|^{_ZH_DO_IT}吧?$")
_EN = re.compile(r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay|right|correct|please)[ ,.!]*)+"
                 r"(?:(?:go ahead|do it|send it|record it|write it down|put it down|that's right|thanks?)[ .!]*)?$"
                 r"|^(?:go ahead|do it|send it|record it)[ .!]*(?:please)?[ .!]*$")
_DROP = re.compile(r"[\s,，。.!！?？、~～]+")


def _whole_answer(text: str | None, english: re.Pattern[str], chinese: re.Pattern[str]) -> bool:
    """Whether ``text`` is all one answer: ``english`` on Latin text (spaces made single), ``chinese`` on the rest
    (spaces and punctuation dropped, as a recogniser writes it "对 撤 掉")."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return False
    if value.isascii():
        return bool(english.match(re.sub(r"\s+", " ", value)))
    return bool(chinese.match(_DROP.sub("", value)))


def says_yes(text: str | None) -> bool:
    """Whether ``text`` only says yes (and "write it" / "send it"), in Chinese or English."""
    return _whole_answer(text, _EN, _ZH)


# "好,李叔那笔记上吧" after a question asked meanwhile: a yes that names whose read-back it answers.
_ZH_NAMED_YES = re.compile(rf"^(?:{_ZH_YES}(?:啊|呀|吧)?)*(?:那就|就)?(?P<who>[\u4e00-\u9fff]{{1,5}}?)的?"
                           r"(?:那|这)笔(?:就)?(?:记上|记下来?|记了|记吧|写上|存上)(?:吧|啊|呀)?$")


def yes_naming(text: str | None) -> str | None:
    """The name a yes to a read-back says it answers ("好,李叔那笔记上吧" → "李叔"), None for any other words
    (the caller checks that the name is the read-back's customer)."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    match = _ZH_NAMED_YES.match(_DROP.sub("", value)) if value and not value.isascii() else None
    return match.group("who") if match else None


# "对 撤 掉", "对,撤吧", "嗯 删了", "yes undo it": a yes that names the undo it answers (said while an undo is read
# back; the model hears the verb and asks the same undo again).
# A bare "撤销" said again is the undo asked again (read back again), not yet a yes: a yes word or a 吧 says yes.
_ZH_UNDO = r"(?:撤|撤掉|撤了|撤销|撤回|删|删掉|删了)"
_ZH_UNDO_YES = re.compile(rf"^(?:{_ZH_YES}(?:啊|呀|吧)?)+{_ZH_UNDO}(?:吧|啊|了)?$|^{_ZH_UNDO}吧$")
_EN_UNDO_YES = re.compile(r"^(?:(?:yes|yeah|yep|sure|ok|okay|right)[ ,.!]*)+"
                          r"(?:undo it|undo that|undo|take it back|scratch it|delete it|remove it)[ .!]*(?:please)?[ .!]*$")


def says_yes_to_undo(text: str | None) -> bool:
    """Whether ``text`` says yes to an undo read back, naming it ("对 撤 掉", "撤吧", "yes undo it")."""
    return _whole_answer(text, _EN_UNDO_YES, _ZH_UNDO_YES)


_TAKE_BACK = re.compile(
    r"撤销|撤回|撤掉|删掉|删了|删除|作废|退掉|取消(?:刚才|上一|那|这)|记错了|记错人|"
    r"\bundo\b|\btake (?:it|that|this) back\b|\bcancel (?:that|the|this|my)\b|\bscratch that\b|\bdelete\b|"
    r"\b(?:the )?last one (?:isn't|is not|wasn't|was not) right\b|\bgo back\b|\bwrong person\b|\bremove (?:it|that)\b"
)


def asks_to_take_back(text: str | None) -> bool:
    """Whether a "no" asks to take back what was already recorded ("cancel that order", "刚才那笔撤销"), which
    with nothing waiting for her yes means an undo, not "don't write it"."""
    return bool(_TAKE_BACK.search(unicodedata.normalize("NFKC", text or "").lower()))


_WITHDRAW = re.compile(
    r"不要了|算了|不记了|先不记|别记|不用记|先别记|等一下|等等|等会|退回来了?|又退了|不买了|"
    r"\bhold on\b|\bwait\b|\bnever ?mind\b|\bdon'?t (?:record|write|put)\b|\bchanged (?:her|his|my) mind\b"
)


def withdraws(text: str | None) -> bool:
    """Whether ``text`` holds back or drops what is waiting for a yes ("等一下,先不记", "不要了,她又退回来了"),
    rather than taking back something already written."""
    return bool(_WITHDRAW.search(unicodedata.normalize("NFKC", text or "").lower()))


# Indian English "revert" is "reply" ("revert with last month also" = tell me last month too), never an undo
# when it asks for something ("with", "back with", a period, "also").
_REVERT_REPLY = re.compile(r"\brevert(?:ing)? (?:back )?(?:with|on|for|about)\b|\brevert\b.*\b(?:also|too|please)\b")


def revert_means_reply(text: str | None) -> bool:
    """Whether "revert" in ``text`` asks for an answer (Indian English: reply with), not to undo."""
    return bool(_REVERT_REPLY.search(unicodedata.normalize("NFKC", text or "").lower()))


# "对,她说是给别人买的", "对 她 说 是 送 人 的", "yes, she says it's for someone else": a yes, then why it stands
# (said to a warning in the read-back: an allergy, a habit). Only a reason: no figure, no "but", no other goods.
_ZH_YES_FIRST = re.compile(r"^(?:对+(?:\s*的)?|是\s*的|嗯+|好+(?:\s*的)?|没\s*错|行|可以)(?:\s*(?:啊|呀|吧))?[,，、\s]+(?P<why>.+)$")
_ZH_REASON = re.compile(r"她说|他说|人家说|说是|是给|给别人|给人|送人|帮别人|帮人|替别人|替人|带的|代买|不是她自己|不是他自己|"
                        r"她知道|他知道|没关系|没事|不要紧|因为")
_ZH_NOT_ONLY_YES = re.compile(r"不过|但是|但|可是|只是|就是要|改|换|不对|错|少|多|\d|[一二两三四五六七八九十百]\s*[桶袋瓶盒斤包个箱块元]|"
                              r"不要|别记|算了|等")
_EN_YES_FIRST = re.compile(r"^(?:yes|yeah|yep|right|correct|ok|okay|that's right)[ ,.!;:-]+(?P<why>.+)$")
_EN_REASON = re.compile(r"\b(?:she|he|they) (?:says?|said|knows?)\b|\bit'?s (?:for|a gift)\b|\bfor (?:someone|somebody|"
                        r"a friend|her|his|a neighbou?r|another)\b|\bgift\b|\bpresent\b|\bbecause\b|\bit'?s fine\b|"
                        r"\bnot for (?:her|him|herself|himself)\b")
_EN_NOT_ONLY_YES = re.compile(r"\bbut\b|\bexcept\b|\binstead\b|\bmake it\b|\bchange\b|\bactually\b|\bonly\b|\bjust\b|"
                              r"\bwait\b|\bhold on\b|\bdon'?t\b|\bno\b|\bnot (?:right|that)\b|\d|\b(?:one|two|three|four|"
                              r"five|six|seven|eight|nine|ten)\b")


def says_yes_with_reason(text: str | None) -> bool:
    """Whether ``text`` is a yes followed only by why it stands ("对,她说是给别人买的", "yes, she says it's for
    someone else"); a yes with a change ("对,不过是两桶") or anything unclear is not."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return False
    if value.isascii():
        match = _EN_YES_FIRST.match(re.sub(r"\s+", " ", value))
        return bool(match and _EN_REASON.search(match.group("why")) and not _EN_NOT_ONLY_YES.search(match.group("why")))
    match = _ZH_YES_FIRST.match(value)
    if match is None:
        return False
    why = re.sub(r"\s+", "", match.group("why"))
    return bool(_ZH_REASON.search(why)) and not _ZH_NOT_ONLY_YES.search(why)
