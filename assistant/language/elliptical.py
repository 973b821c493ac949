"""What an elliptical follow-up names: "泰国 的 呢" → 泰国, "那低筋的呢" → 低筋, "what about the thai one" → thai.

The model tags a product in such a message only when the words are a product's name or alias; a part of one
("泰国" of 泰国香米) is left untagged, and the caller looks the words up among the shop's products.
"""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_ZH = re.compile(r"^(?:那|那么|那个)?(?P<what>[\u4e00-\u9fff]{1,8}?)(?:的|那个|那种)?呢[?？]?$")
_EN = re.compile(r"^(?:and |so )?(?:what|how) about (?:the )?(?P<what>[a-z][a-z ]{1,30}?)(?: ones?)?\??$")
_SPACES = re.compile(r"\s+")


def thing_asked_about(text: str | None) -> str | None:
    """The words an elliptical "X呢" / "what about X?" asks about, None for any other message."""
    value = normalize(text or "").text.strip().lower()
    if not value:
        return None
    match = _EN.match(_SPACES.sub(" ", value)) if value.isascii() else _ZH.match(_SPACES.sub("", value))
    return match.group("what").strip() if match else None
