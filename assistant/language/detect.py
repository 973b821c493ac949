"""Which language to answer in: the owner's own, unless ``ASSISTANT_LANGUAGE`` fixes one."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-zA-Z]")


def reply_language(text: str, setting: str = "auto", current: str | None = None) -> str:
    """``zh`` or ``en``: the setting when it is fixed, else Chinese if the text has any Chinese character;
    a message with no word in either ("118", the normaliser's digits for "一百一十八") keeps ``current``."""
    if setting in {"zh", "en"}:
        return setting
    if current in {"zh", "en"} and not _CJK.search(text or "") and not _LATIN.search(text or ""):
        return current
    return "zh" if _CJK.search(text or "") else "en"
