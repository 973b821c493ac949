"""Goods a customer brings back ("王阿姨退了一袋东北大米", "Auntie Wang brought back a bag of northeast rice").

The model knows no return: it reads one as the sale it looks like (a customer, a count, the goods), and a
hurried yes then books money never taken. The shop records no returns (a wrong entry is taken back with
"undo"), so a message that tells one is found by its verb and answered, and nothing is written.
"""

from __future__ import annotations

import re

# 退 with what follows a return (退了, 退货, 退回, 退掉, 退钱) or what leads to one (要退, 来退); never 退休,
# 退出 or 退订 (taking her off the messages).
_ZH = re.compile(r"退(?:了|货|回|掉|给|钱|款|还|换)|[要来想去拿]退(?!订|休|出|群)")
_EN = re.compile(
    r"\b(?:brought|brings?|bringing)\b(?:\s+[\w']+){0,6}?\s+back\b"
    # "returned two bags", not "returned and bought", "returned home", "returned today"
    r"|\breturn(?:ed|ing|s)?\b(?!\s+(?:and|to|from|home|today|yesterday|again|later|this|last|for|in|with)\b)"
    r"(?!\s*(?:[,.;!?]|$))"
    r"|\brefund(?:ed|ing|s)?\b"
)


def tells_a_return(text: str | None) -> bool:
    """Whether the message tells of goods brought back or money refunded, not of a sale."""
    if not text:
        return False
    return _ZH.search(re.sub(r"\s+", "", text)) is not None or _EN.search(text.lower()) is not None
