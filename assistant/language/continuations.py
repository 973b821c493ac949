"""A message that goes on with the last entry: "还有十桶花生油" right after "进了二十袋东北大米" adds goods to
the delivery; it tells no new kind of entry (no sale: nobody bought anything)."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

# "还有…", "另外…", "再加…", "and …", "also …", "plus …" at the start of the message.
_GOES_ON = re.compile(r"^(?:还有|另外|再加上?|再来|再进了?|又进了?|以及|外加|(?:and|also|plus)\b)(?![呢吗么])")
# Words of another entry: someone buying, paying or taking goods on her tab, or a question.
_ANOTHER_ENTRY = re.compile(r"买|卖|拿了|赊|付了|还了|欠|谁|多少|几|什么|吗|呢|bought|buys?\b|sold|took|paid|owes?|"
                            r"\btab\b|\bwho\b|how|what|\?")


def goes_on(text: str | None) -> bool:
    """Whether ``text`` only adds to the last entry ("还有十桶花生油", "and ten jugs of peanut oil"), not a
    new sale, payment or question ("还有王阿姨买了两袋米", "还有呢")."""
    value = normalize(text or "").text.lower().strip()
    return bool(_GOES_ON.match(value)) and not _ANOTHER_ENTRY.search(value)
