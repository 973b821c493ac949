"""Whether a sentence about a customer tells a fact rather than asks one: "李叔有糖尿病" tells (a fact to
note, read back first), "李叔有糖尿病吗" / "李叔血压高不高" / "孙阿姨有糖尿病吧" ask (answered from the record).

The model hears a stated health or diet fact as a profile question when the words are the same as the
question's minus the 吗; what settles it is the asking words, not the facts named.
"""

from __future__ import annotations

import re

from assistant.language.intent_cues import asks
from assistant.language.normalize import normalize

# "血压高不高", "有没有": A-not-A asks too (intent_cues.asks knows only 有没有 and X没X).
_A_NOT_A = re.compile(r"(\S)不\1")
# "李叔没有糖尿病", "she isn't vegetarian": a fact denied is nothing to add.
_DENIED = re.compile(r"没|无|不是|\bno\b|\bnot\b|n't\b|\bnever\b")


def tells_a_fact(text: str | None) -> bool:
    """Whether ``text`` is worded as a statement (no question word, final particle, mark or asking order, and
    no denial): "李叔有糖尿病", "auntie wang is vegetarian"."""
    value = normalize(text or "").text.lower().strip()
    return bool(value) and not asks(value) and not _A_NOT_A.search(value) and not _DENIED.search(value)
