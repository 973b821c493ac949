"""Setting a tab limit as the owner says it: "王阿姨的赊账上限改成三百", "店里的赊账额度改成八百",
"set Mrs Chen's credit limit to 200". Pure functions over the normalised text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.language.normalize import normalize
from assistant.language.quantities import first_number

_LIMIT_WORDS = re.compile(r"额度|上限|限额|最多(?:能)?(?:欠|赊)|credit limit|tab limit|\blimit\b|"
                          r"owe (?:up to|at most)", re.IGNORECASE)
# The shop's own default, not one customer's.
_SHOP_WIDE = re.compile(r"店里|默认|每个人|大家|所有人|统一|the shop'?s|default|everyone|every customer",
                        re.IGNORECASE)
# Her own limit goes, and the shop's applies to her again.
_SHOPS_AGAIN = re.compile(r"按店里|跟店里一样|和店里一样|用店里的|恢复默认|用默认|same as the shop|back to the (?:shop'?s|default)",
                          re.IGNORECASE)


@dataclass(frozen=True)
class LimitRequest:
    """A tab limit the owner asked for: ``amount`` (None: back to the shop's), for the shop or one customer."""

    amount: Decimal | None
    shop_wide: bool


def limit_request(text: str | None) -> LimitRequest | None:
    """The tab limit a message sets, or None when it does not talk about a limit (or says no amount)."""
    if not text:
        return None
    value = normalize(text).text
    found = _LIMIT_WORDS.search(value)
    if found is None:
        return None
    if _SHOPS_AGAIN.search(value):
        return LimitRequest(amount=None, shop_wide=False)
    shop_wide = bool(_SHOP_WIDE.search(value))
    amount = _amount(value[found.end():]) or _amount(value[:found.start()])
    if amount is None or amount < 0:
        return None
    return LimitRequest(amount=amount, shop_wide=shop_wide)


def _amount(text: str) -> Decimal | None:
    """The first number: digits (normalised), or a Chinese numeral the normaliser kept as words because no
    measure word followed it ("降到一百吧")."""
    number = first_number(text)
    if number is not None:
        return number
    numeral = re.search(r"[零一二两三四五六七八九十百千万]+", text)
    if numeral is None:
        return None
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(numeral.group(), "smart")))
    except ValueError:
        return None
