"""Which language to answer in: the owner's own, unless ``ASSISTANT_LANGUAGE`` fixes one."""

from __future__ import annotations

import re

from assistant.language.keyboard_mash import is_keyboard_mash

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-zA-Z]")


def reply_language(text: str, setting: str = "auto", current: str | None = None) -> str:
    """``zh`` or ``en``: the setting when it is fixed, else Chinese if the text has any Chinese character;
    a message with no word in either ("118", "88", "🙂🙂🙂") keeps ``current``, or is answered in Chinese, the
    shop's own language, when nothing was said before (an English reply to "88" surprised the owner). Typed
    nonsense ("asdfgh jkl") is no English either: it keeps ``current`` too (red team 16, A1)."""
    if setting in {"zh", "en"}:
        return setting
    if not _CJK.search(text or "") and (not _LATIN.search(text or "") or is_keyboard_mash(text)):
        return current if current in {"zh", "en"} else "zh"
    return "zh" if _CJK.search(text or "") else "en"
