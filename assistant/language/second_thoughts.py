"""A correction of a read-back said in words the model was not taught: a slip owned up to first ("手滑了 改成七袋",
"打错了,是五袋", "my bad, 3 bags"), Wu 弗 for 不 ("弗对弗对,是四斤"), and the figure meant after the one denied
("不 是 六 袋 是 九 袋": nine bags, not six).

``put_plainly`` rewrites the first two into the plain "不对 …" / "no, …" the model knows (only while a read-back
waits: the caller checks); ``figure_meant`` reads the third.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from assistant.language.measures import CHINESE_MEASURES, ENGLISH_MEASURES
from assistant.language.normalize import normalize

# Fillers that may come before the slip word ("哎呀 手滑了", "oops my bad").
_FILLER = r"(?:哎呀|哎哟|哎|唉|哦|噢|呃|嗯|啊|oops|oh|sorry|ah|ugh)"
# The slip owned up to: the figure read back is not the one meant.
_ZH_SLIP = r"(?:我)?(?:手滑了?|手抖了?|打错了?|按错了?|看错了?|说错了?|写错了?|输错了?|口误了?)"
_EN_SLIP = r"(?:my bad|typo|my mistake|fat[- ]?fingered( it)?|mis-?typed|wrong key)"
_SLIP_FIRST = re.compile(rf"^\s*(?:{_FILLER}[\s,，.。!！~～]*)*(?:{_ZH_SLIP}|{_EN_SLIP})(?:[\s,，.。!！~～]*(?:{_ZH_SLIP}|"
                         rf"{_EN_SLIP}|{_FILLER}))*[\s,，.。!！~～:：-]*", re.IGNORECASE)
# Wu (Hangzhou, Shanghai) 弗 is Mandarin 不: "弗对" (wrong), "弗是" (not), "弗要" (don't want), "弗记" (don't write).
_WU_NOT = re.compile(r"弗(?=\s*(?:对|是|要|记|用|买|行|好))")


def put_plainly(text: str | None) -> str | None:
    """``text`` with a leading slip word said as "不对" / "no" and Wu 弗 as 不 ("手滑了 改成七袋" → "不对 改成七袋",
    "弗对弗对,是四斤" → "不对不对,是四斤"), or None when it says neither."""
    value = unicodedata.normalize("NFKC", text or "")
    plain = _WU_NOT.sub("不", value)
    slip = _SLIP_FIRST.match(plain)
    if slip is not None:
        rest = plain[slip.end():].strip()
        english = rest.isascii() if rest else value.isascii()
        plain = ("no, " if english else "不对 ") + rest if rest else ("no" if english else "不对")
    return plain.strip() if plain != value else None


_MEASURE = rf"(?:公斤|[{CHINESE_MEASURES}]|{ENGLISH_MEASURES}(?:s|es)?\b)"
_MONEY = r"(?:元|块钱?|\byuan\b|\bkuai\b)"
_FIGURE = r"\d+(?:\.\d+)?"
# "不是6袋是9袋", "不是6袋,而是9袋", "不是6是9" (as the normaliser writes the figures); "not 6 bags, 9 bags", "not 6 but 9".
_DENIED_THEN_MEANT = re.compile(
    rf"(?:不是|\bnot)\s*(?P<denied>{_FIGURE})\s*(?P<denied_unit>{_MEASURE}|{_MONEY})?\s*的?[\s,，]*"
    rf"(?:而是|应该是|就是|是|but\s+|it'?s\s+)?\s*(?P<meant>{_FIGURE})\s*(?P<unit>{_MEASURE}|{_MONEY})?", re.IGNORECASE)
# "是9袋不是6袋", "9 bags not 6": the one meant first.
_MEANT_THEN_DENIED = re.compile(
    rf"(?:(?<!不)是|^)\s*(?P<meant>{_FIGURE})\s*(?P<unit>{_MEASURE}|{_MONEY})?[\s,，]*(?:不是|\bnot)\s*"
    rf"(?P<denied>{_FIGURE})\s*(?P<denied_unit>{_MEASURE}|{_MONEY})?\s*[.。!！]?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FigureMeant:
    """The figure a correction puts instead of the one it denies, with its measure word (None: none said) and
    whether it is money."""

    figure: Decimal
    unit: str | None
    money: bool


def figure_meant(text: str | None) -> FigureMeant | None:
    """The figure said after the one denied ("不是6袋是9袋" → 9 袋, "不是132是198" → 198), or before it ("是9袋不是6袋");
    None when the message denies no figure for another."""
    said = normalize(text or "").text
    match = _DENIED_THEN_MEANT.search(said) or _MEANT_THEN_DENIED.search(said)
    if match is None or match.group("meant") == match.group("denied"):
        return None
    unit = match.group("unit") or match.group("denied_unit")
    money = bool(unit and re.fullmatch(_MONEY, unit, re.IGNORECASE))
    return FigureMeant(figure=Decimal(match.group("meant")), unit=None if money else unit, money=money)
