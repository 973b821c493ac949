"""Words that make a ledger write a tab or a repayment, whatever the model chose (red team 18, W1-W3).

"…一共二十一块六 先记着" puts the goods on the tab (the model heard a paid sale because of 一共); "Uncle Li has
given 20 only" (Indian English) and "fixed up fifty bucks of his tab" (Australian) are money paid back, not a
note about him or a new charge. Each rule is (the requests the model chose, the request meant, the test on the
normalised, lower case text and whether a customer was named); intent_cues.py makes them cues.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# "先记着" / "先挂着" / "先赊着" after goods taken: on the tab, not paid ("记着她电话" is no tab: goods are the
# model's sale).
_KEPT_ON_TAB = re.compile(r"先(?:记|挂|赊)(?:着|上)|(?:记|挂)着先|先记(?:一下)?账")
# ... unless paid after all ("先记着,后来还是付了") or a limit is set.
_PAID_AFTER_ALL = re.compile(r"(?:没|不|不用|别)(?:赊|记账|挂)|(?:还是|最后|后来|直接|当场)(?:给|付)了|额度|上限")

_MONEY = r"\d+(?:\.\d+)?\s*(?:yuan|kuai|bucks|dollars?|rs|rupees)?"
# "has given 20 only", "gave me 50", "handed over 30", "passed me 20": money handed over and nothing else.
_MONEY_GIVEN = re.compile(
    rf"\b(?:(?:has|have|had|just) )?(?:given|gave|handed(?: over| me)?|passed(?: me)?)(?: me| over)?\s+{_MONEY}"
    r"(?:\s+(?:only|today|now|already|just now|back))*\s*[.!]?\s*$"
)
# "fixed up fifty bucks of his tab", "squared up 50 on her account", "cleared 30 off his slate".
TAB_PAID_DOWN = re.compile(
    rf"\b(?:fixed up|fixed|squared up|squared|settled|paid off|paid down|cleared|knocked off)\s+{_MONEY}\s+"
    r"(?:of|on|off|from|towards?)\s+(?:his|her|their|the|my)\s+(?:tab|account|slate|bill|book)\b"
)
# Goods named ("gave her 2 bags"): a sale or a tab, never a repayment.
_GOODS = re.compile(r"\b\d+\s*(?:bags?|bottles?|packs?|packets?|jin|kg|boxes|box|cases?|jars?|tins?|sacks?)\b")
# A question ("has he given 20?") asks, it does not tell.
_ASKED = re.compile(r"[?？]|^(?:has|have|did|does|who|how much|what)\b")


def keeps_on_tab(text: str, _has_customer: bool) -> bool:
    """Whether ``text`` puts goods taken on the tab with "先记着" and its like, and no word takes it back."""
    return bool(_KEPT_ON_TAB.search(text)) and not _PAID_AFTER_ALL.search(text)


def money_given(text: str, has_customer: bool) -> bool:
    """Whether a named customer "has given 20 only": money handed over, no goods, not asked."""
    return (has_customer and bool(_MONEY_GIVEN.search(text)) and not _GOODS.search(text)
            and not _ASKED.search(text))


def tab_paid_down(text: str, has_customer: bool) -> bool:
    """Whether a named customer "fixed up 50 of his tab": part of the tab paid, not asked."""
    return has_customer and bool(TAB_PAID_DOWN.search(text)) and not _ASKED.search(text)


# (requests the model chose, the request meant, the words that settle it)
LEDGER_RULES: tuple[tuple[tuple[str, ...], str, Callable[[str, bool], bool]], ...] = (
    (("log_sale",), "log_credit", keeps_on_tab),
    (("update_customer", "ask_customer_profile", "log_sale", "log_credit", "out_of_scope"), "log_payment",
     money_given),
    (("log_credit", "log_sale", "update_customer", "ask_balance"), "log_payment", tab_paid_down),
)
