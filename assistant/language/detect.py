"""Which language to answer in: the owner's own, unless ``ASSISTANT_LANGUAGE`` fixes one."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def reply_language(text: str, setting: str = "auto") -> str:
    """``zh`` or ``en``: the setting when it is fixed, else Chinese if the text has any Chinese character."""
    if setting in {"zh", "en"}:
        return setting
    return "zh" if _CJK.search(text or "") else "en"
