"""The goods a question means when it corrects itself: "今天米卖了多少哦不是面粉" asks about flour, "this week's
flour sales, sorry, I mean rice" about rice, "不是米是面粉卖了多少" about flour (owner trial 16, M6). The model tags
both goods; the first one tagged is the one taken back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.normalize import normalize

# Words that take back what was just said: not the 不是 of "是不是" (a yes-no question).
_CORRECTION = re.compile(r"(?<!是)不是|不对|说错|搞错|记错|讲错|口误|\bsorry\b|\bi mean\b|\bi meant\b|\bno wait\b|"
                         r"\boops\b|\bactually\b|\brather\b|\bnot\b|\bisn'?t\b|\bno\b")
# The goods right after one of these are the goods taken back ("不是面粉", "not flour"); not after "哦不是" (oh no,
# it is), which puts the goods instead.
_DENIED_BEFORE = re.compile(r"(?:(?<![是哦噢喔呃啊哎唉])不是|\bnot|\bisn'?t)\s*(?:the\s*)?$")


def goods_meant(text: str | None, goods: Sequence[str]) -> str | None:
    """The goods of ``goods`` (tagged in ``text``, in order) that a correction inside ``text`` means: the last one
    said after the correction and not denied ("今天米卖了多少哦不是面粉" with 米, 面粉 → 面粉); None when fewer than
    two goods are tagged or nothing is corrected ("米和面粉各卖了多少": both asked, the caller decides)."""
    if len(goods) < 2:
        return None
    value = normalize(text or "").text.lower()
    places: list[tuple[int, str]] = []
    start = 0
    for said in goods:
        at = value.find(said.lower(), start)
        if at < 0:
            at = value.find(said.lower())
        if at < 0:
            return None
        places.append((at, said))
        start = at + len(said)
    kept = [(at, said) for at, said in places if not _DENIED_BEFORE.search(value[:at])]
    # a correction follows what it takes back ("米卖了多少哦不是面粉"), unless it denies the first goods ("不是米是面粉")
    first_denied = len(kept) < len(places) and places[0] not in kept
    corrections = [m.start() for m in _CORRECTION.finditer(value) if m.start() > places[0][0] or first_denied]
    if not corrections or not kept:
        return None
    after = [said for at, said in kept if at > corrections[-1]]
    if after:
        return after[-1]
    return kept[0][1] if len(kept) < len(places) else None  # "面粉卖了多少,不是米": the goods not denied
