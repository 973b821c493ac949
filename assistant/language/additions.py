"""What the owner adds to a greeting she asks for: "给邓海发个生日祝福,说香醋打八折" adds "香醋打八折".

A greeting names goods only when she says so; this finds the words she wants passed on, after the
greeting word and a verb of saying (说 / 顺便说 / 告诉她 / tell her / say / mention), and puts them the way
the greeting says them to the customer (她 → 您).
"""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_ZH = re.compile(
    r"(?:祝福|问候|祝贺)[^,.!?;:]*?[,.;\s]*"
    r"(?:顺便|顺带|另外|再|并且|还)?(?:跟|和|给)?(?:她|他)?"
    r"(?:说|讲|提|告诉|加)(?:一下|一声|一句|上)?(?:她|他)?(?:说)?[:,]?\s*(?P<note>.+)$"
)
_EN = re.compile(
    r"\b(?:greeting|greetings|wishes|message|card)\b[^,.;]*?[,.;]?\s*(?:and\s+)?(?:also\s+)?"
    r"(?:tell (?:her|him|them)|let (?:her|him|them) know|say|mention|add)(?: that)?\s+(?P<note>.+)$",
    re.IGNORECASE,
)
_ENDS = "。.!！,，;；、 "
_NOT_A_NOTE = {"一下", "一声", "一句", "吧", "啊", "呗"}


def greeting_addition(text: str | None) -> str | None:
    """The words the owner asked to add to a greeting, as said to the customer, or None."""
    if not text:
        return None
    plain = unicodedata.normalize("NFKC", text).replace("。", ".").replace("、", ",")
    plain = re.sub(rf"(?<=[{_CJK}]) +(?=[{_CJK}0-9])|(?<=[0-9]) +(?=[{_CJK}])", "", plain.strip())
    found = _ZH.search(plain)
    if found:
        note = found.group("note").strip(_ENDS)
        return re.sub(r"[她他](?!们)", "您", note) if note and note not in _NOT_A_NOTE else None
    found = _EN.search(plain)
    return (found.group("note").strip(_ENDS) or None) if found else None


# "告诉李叔低钠酱油到了", "let uncle li know the soy sauce is in": goods arrived, told to one customer.
_ARRIVED = re.compile(r"到了|到货|来货|来了|到店|arrived|\bis in\b|\bare in\b|\bis here\b|\bare here\b|came in|come in|"
                      r"in stock|back in|\bgot here\b")
_ASKS_WHO = re.compile(r"谁|哪些|哪几|哪位|\bwho(?:m)?\b|which customers")


def announces_arrival(text: str | None) -> bool:
    """Whether the owner asks to tell someone that goods arrived (not to ask who should be told)."""
    value = unicodedata.normalize("NFKC", text or "").lower()
    return bool(_ARRIVED.search(value)) and not _ASKS_WHO.search(value)
