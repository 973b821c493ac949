"""The full name a new customer is given in passing: "又来了个王阿姨,叫王美华,住8栋1单元" → 王美华.

A form of address (王阿姨) may belong to a customer already; the name said after 叫 is the one that tells
them apart, so it wins over the form of address.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_CALLED_ZH = re.compile(r"(?:名字叫|名叫|叫做|名字是|叫)([\u4e00-\u9fff]{2,3}?)(?=$|[^\u4e00-\u9fff]|住|电话|手机|生日|家|的)")
_CALLED_EN = re.compile(r"\b(?:called|named|name is|name's)\s+([a-z]+(?: [a-z]+){0,2}?)(?=$|[,.;]| and | who | lives )")


def called_name(text: str | None) -> str | None:
    """The name said after 叫 / "called" ("叫王美华" → "王美华"), or None when none is said."""
    value = normalize(text or "").text
    found = _CALLED_ZH.search(value.replace(" ", ""))
    if found is not None:
        return found.group(1)
    english = _CALLED_EN.search(value.lower())
    return english.group(1).title() if english else None
