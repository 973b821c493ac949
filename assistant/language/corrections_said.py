"""What a correction of a waiting read-back says in words the model tags wrongly or not at all: the figure after
its 是 ("不对 是 一百 七十 七 全 还 了" → 177), the money actually taken ("收了她五十五块便宜了四块" → 55), the goods
swapped ("不是高筋是中筋的": 高筋面粉 becomes 中筋面粉)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

from assistant.language.measures import CHINESE_MEASURES, ENGLISH_MEASURES
from assistant.language.normalize import normalize

# The figure after "是" / "改成": digits, or a Chinese numeral the normaliser left in words (it leaves
# "一百七十七全还了" alone, and the model may tag only "一百七十"). A lone numeral ("是两") is not taken here:
# the callers read one already, as a count or an amount.
_FIGURE_AFTER_IS = re.compile(r"(?:应该是|是|改成|改为)\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万]{2,}"
                              r"(?:点[零一二三四五六七八九]+)?)")


# The question put right with what it was about ("不对 我问的是油", "no, I meant oil"): asked again for that.
_ASKED_ABOUT = re.compile(r"我(?:是)?(?:问|说)的是|我是(?:问|说)|\bi (?:meant|mean)\b|\bi was (?:asking|talking) about\b|"
                          r"\bi asked (?:about|for)\b", re.IGNORECASE)


def puts_question_right(text: str | None) -> bool:
    """Whether ``text`` says what the last question was really about ("不对 我 问 的 是 油", "no, I meant oil")."""
    return bool(_ASKED_ABOUT.search(normalize(text or "").text))


# A day of the month said alone in a correction: "the twenty first" (the normaliser writes "20 first"), "the 21st",
# "21号", "二十一号" — the month stays the one read back.
_EN_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9}
_DAY_ALONE = re.compile(r"^(?:no|nope|not|wrong|不对|不是|错了|[\s,，.])*(?:the\s+|是\s*)?"
                        r"(?:(\d{1,2})(?:st|nd|rd|th)?(?:\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?"
                        r"|([一二三四五六七八九十]{1,3}))\s*(?:号|日)?\s*$", re.IGNORECASE)


def day_said_alone(text: str | None) -> int | None:
    """The day of the month a correction says without its month ("no the twenty first" → 21, "不对 是 九 号" → 9)."""
    match = _DAY_ALONE.match(normalize(text or "").text.strip().lower())
    if match is None:
        return None
    if match.group(3):
        try:
            day = int(cn2an.cn2an(match.group(3), "smart"))
        except ValueError:
            return None
    else:
        day = int(match.group(1)) + (_EN_ORDINAL[match.group(2)] if match.group(2) else 0)
    return day if 1 <= day <= 31 else None


# One span holding the name denied and the name meant ("auntie wang auntie wang guilan", as a recogniser runs them
# together after "not"): the form of address said again starts the name meant.
_TITLE_AGAIN = re.compile(r"^(?P<title>auntie|aunty|uncle|mrs|mr|ms|miss|master|sister|brother|granny|grandpa|teacher)"
                          r"\s+\S.*?\s(?P<meant>(?P=title)\s+\S.*)$", re.IGNORECASE)


def name_said_again(span: str | None) -> str | None:
    """The second name of a span that says a form of address twice ("auntie wang auntie wang guilan" → "auntie wang
    guilan"), or None."""
    again = _TITLE_AGAIN.match((span or "").strip())
    return again.group("meant") if again else None


def figure_after_is(text: str | None) -> Decimal | None:
    """The number a correction says after its "是" ("不对是一百七十七全还了" → 177, "不对,是150" → 150), or None."""
    match = _FIGURE_AFTER_IS.search(normalize(text or "").text)
    if match is None:
        return None
    figure = match.group(1)
    try:
        return Decimal(figure) if figure[0].isdigit() else Decimal(str(cn2an.cn2an(figure, "smart")))
    except (ValueError, InvalidOperation):  # cn2an refuses a run that is no number ("十万百")
        return None


# A count taken back inside the sentence that said it ("玉米油来了十桶哦不是十二桶", "twenty bags no wait twenty
# five"): a count, the words taking it back, then the count meant (red team 17, W1).
_COUNT_TAKEN_BACK = re.compile(r"\d(?:[^\d]{0,30}?)(?:不对|不是|错了|说错了|\bno wait\b|\bsorry\b|\bi mean\b|\bno\b)"
                               r"[\s,，]*(?:是|应该是|it'?s|make it)?\s*(\d+(?:\.\d+)?)(?=\s*(?:公斤|[" + CHINESE_MEASURES + "]|" + ENGLISH_MEASURES + r"|[,，.。!！]|$))",
                               re.IGNORECASE)


def count_put_right(text: str | None) -> Decimal | None:
    """The count a sentence says instead of the one it took back ("来了十桶哦不是十二桶" → 12), or None."""
    found = list(_COUNT_TAKEN_BACK.finditer(normalize(text or "").text))
    return Decimal(found[-1].group(1)) if found else None


# The money actually taken for the goods: "收了她55元" ("便宜了4元" after it is the discount, not the price),
# "实际收了他65元", "only charged her 55".
_TAKEN = re.compile(r"收了?\s*(?:她|他|人家|您|你)?\s*(\d+(?:\.\d+)?)\s*(?:元|块钱?)|"
                    r"\b(?:only\s+)?(?:charged|took)\s+(?:her|him|them)\s+(\d+(?:\.\d+)?)", re.IGNORECASE)


def price_taken(text: str | None) -> Decimal | None:
    """The amount the owner says she took for the goods ("收了她五十五块便宜了四块" → 55), or None."""
    match = _TAKEN.search(normalize(text or "").text)
    return Decimal(match.group(1) or match.group(2)) if match else None


# "不是高筋是中筋的", "不是低筋的,是高筋的", "不是花生油而是菜籽油": the word taken back, then the one meant.
_SWAP = re.compile(r"不是([\u4e00-\u9fff]{1,8}?)的?[\s,，]*(?:而是|要的是|是)([\u4e00-\u9fff]{1,8}?)的?[\s.。!！]*$")


def swapped_words(text: str | None) -> tuple[str, str] | None:
    """The word a correction takes back and the one it puts instead ("哦不是高筋是中筋的" → ("高筋", "中筋"))."""
    match = _SWAP.search(normalize(text or "").text)
    if match is None or match.group(1) == match.group(2):
        return None
    return match.group(1), match.group(2)


def name_swapped(name: str, text: str | None) -> str | None:
    """The name a correction makes of ``name`` by swapping the word it takes back ("高筋面粉" with "不是高筋是中筋的"
    → "中筋面粉"); None when the word taken back is not part of the name."""
    swap = swapped_words(text)
    if swap is None or swap[0] not in name:
        return None
    return name.replace(swap[0], swap[1], 1)


# The reply refusing a repayment larger than the tab ("陈美玲只欠177元,不是200元。", "… owes only 177 yuan, not 200.").
_REFUSED = re.compile(r"只欠[\d.]+元,不是(\d+(?:\.\d+)?)元|owes only [\d.]+ yuan, not (\d+(?:\.\d+)?)")


def refused_as_too_much(reply: str | None) -> bool:
    """Whether ``reply`` refused a repayment as more than the customer owes."""
    return bool(_REFUSED.search(reply or ""))


def refused_amount(reply: str | None) -> Decimal | None:
    """The repayment ``reply`` refused as more than the tab ("汪桂兰只欠89.9元,不是100元。" → 100), or None."""
    match = _REFUSED.search(reply or "")
    return Decimal(match.group(1) or match.group(2)) if match else None


# A word of second thoughts and then only a figure ("sorry, 12", "oops 12 bags", "等等 是12袋", "actually 30 yuan"): the
# figure meant instead of the one read back.
_LEAD_IN_FIGURE = re.compile(rf"^(?:(?:sorry|oops|oh|wait|no wait|hold on|actually|其实|等等|等一下|哦|哎呀)[,，.!！\s]*)+"
                             rf"(?:是|it'?s|it was|only|just)?\s*(\d+(?:\.\d+)?)\s*"
                             rf"(?:(?P<money>元|块钱?|yuan|kuai)|公斤|[{CHINESE_MEASURES}]|{ENGLISH_MEASURES}(?:s|es)?)?"
                             rf"\s*[.!。！]?\s*$", re.IGNORECASE)


def figure_instead(text: str | None, *, money: bool = False) -> Decimal | None:
    """The figure a word of second thoughts puts in place of the one read back ("sorry, 12" → 12), else None; a
    figure said as money ("actually 30 yuan") only when ``money`` (a delivery counts goods, a repayment is money)."""
    match = _LEAD_IN_FIGURE.match(normalize(text or "").text.strip())
    if match is None or (match.group("money") and not money):
        return None
    return Decimal(match.group(1))
