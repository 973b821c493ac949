"""A read-back put right by naming someone else: "是汪桂兰", "不是王阿姨,是汪阿姨", "不对 是 汪 阿姨", "I meant Wang
Guilan" — said after an opt-out or a customer's fact is read back for the wrong one of two homophones."""

from __future__ import annotations

import re
import unicodedata

_FILLERS = r"(?:哦|噢|喔|啊|呃|嗯|哎呀|哎|唉)*"
# The message opens with the correction's words; the name it says is the customer entity, checked by the caller.
_ZH = re.compile(rf"^{_FILLERS}(?:不对|不是|错了|搞错了|说错了)?[,，。]*(?:不是[^,，是]{{1,6}}[,，]?)?"
                 r"(?:是|应该是|我说的是|说的是)(?![的吗么])")
_EN = re.compile(r"^(?:oh |oops |sorry |no,? |wait,? )*(?:i meant|i mean|it'?s|it was|no,? it'?s)\b")
_SPACES = re.compile(r"\s+")


def names_someone_instead(text: str | None) -> bool:
    """Whether ``text`` is worded as naming the right person instead ("是汪桂兰", "不是王阿姨,是汪阿姨")."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return False
    if re.search(r"[吗么?？]$", value):  # "是汪阿姨吗" asks
        return False
    if value.isascii():
        return bool(_EN.match(_SPACES.sub(" ", value)))
    return bool(_ZH.match(_SPACES.sub("", value)))


def only_a_name(text: str | None, name: str) -> bool:
    """Whether ``text`` says nothing but ``name`` ("王 秀英" while her fact is read back), fillers aside."""
    def bare(value: str | None) -> str:
        value = unicodedata.normalize("NFKC", value or "").lower()
        return re.sub(r"[\s,，。.!！?？、]+|^(?:哦|嗯|啊|呃)+", "", value)

    return bool(name) and bare(text) == bare(name)
