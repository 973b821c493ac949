"""A second lot of goods put on the same tab: "小赵又拿了一袋挂面,也记上" right after her tab was written is a tab
too, though "拿了一袋挂面" alone is a sale (kept-aside conversations #10)."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_ON_THE_TAB_TOO = re.compile(r"(?:也|一起|一块|一并|还是|照样|同样|都)\s*(?:记上|记账|记着|记她账|记他账|挂上|挂账|赊着?)|"
                             r"\b(?:same tab|on (?:the|her|his) tab too|add (?:it|that|this) to (?:the|her|his) tab)\b",
                             re.IGNORECASE)


def says_same_tab(text: str | None) -> bool:
    """Whether ``text`` puts goods on the tab just written as well ("也记上", "add it to her tab")."""
    return bool(_ON_THE_TAB_TOO.search(normalize(text or "").text))
