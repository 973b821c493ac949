"""A plain yes to a read-back, however it is said: "嗯", "好的 发吧", "好,那笔记上吧", "yep go ahead".

The model hears some of these as other requests ("好的发吧" as the greetings list, "那笔记上吧" as an undo, a
lone "嗯" as nothing at all); while a read-back waits, they only mean "yes, write it".
"""

from __future__ import annotations

import re
import unicodedata

_ZH_YES = r"(?:嗯+|对+的?|好+的?|行+|是的?|可以|没错|没问题|ok|okay)"
_ZH_DO_IT = r"(?:那?(?:这|那)?笔?就?(?:记上|记下来?|记了|记吧|写上|发了?|发出去|发过去|存上|就这样|就这么办|这样吧))"
_ZH = re.compile(rf"^(?:{_ZH_YES}(?:啊|呀|吧)?)+(?:{_ZH_DO_IT}(?:吧|啊|呀)?)?$|^{_ZH_DO_IT}吧?$")
_EN = re.compile(r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay|right|correct|please)[ ,.!]*)+"
                 r"(?:(?:go ahead|do it|send it|record it|write it down|put it down|that's right|thanks?)[ .!]*)?$"
                 r"|^(?:go ahead|do it|send it|record it)[ .!]*(?:please)?[ .!]*$")
_DROP = re.compile(r"[\s,，。.!！?？、~～]+")


def says_yes(text: str | None) -> bool:
    """Whether ``text`` only says yes (and "write it" / "send it"), in Chinese or English."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return False
    if value.isascii():
        return bool(_EN.match(re.sub(r"\s+", " ", value)))
    return bool(_ZH.match(_DROP.sub("", value)))
