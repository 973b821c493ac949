"""English replies in English: the shop's Chinese names, words and dates said the English way.

The reports build their English summaries from the shop's own records, which are in Chinese (王秀英,
东北大米, 袋, 高血压, 2026-03-14). ``in_english`` rewrites a finished English reply: a customer or product
becomes its first English alias (a customer without one, her name in pinyin), a unit, tag, category or
promotion word its English word, an ISO date "March 14" (a month "March 2026"), 120元 "120 yuan" (as
``format_money`` writes English amounts), "1 days" "1 day", and a sentence starts with a capital. Names are looked up only
among the Chinese words of the reply, so a shop of 100,000 customers costs one indexed query.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, Shop
from assistant.language.dates import MONTH_NAMES
from assistant.language.money import format_money
from assistant.language.wording import UNITS_EN, person_name, shown_name

# The customer tags a grain-and-oil shop keeps, in English: how replies say them, and what an English
# sentence says to mean one ("sister zhang likes baking" is 烘焙, ``tags.tags_said``).
TAG_WORDS = {
    "高血压": "high blood pressure", "低钠": "low sodium", "花生过敏": "peanut allergy", "有小孩": "has children",
    "老人": "elderly", "烘焙": "baking", "团购": "group buying", "糖尿病": "diabetes", "素食": "vegetarian",
}
# The words a grain-and-oil shop's records use for categories, tags and promotions.
WORDS = {
    "米": "rice", "面粉": "flour", "油": "oil", "酱油": "soy sauce", "醋": "vinegar", "杂粮": "grains",
    "挂面": "noodles", "鸡蛋": "eggs", "调味": "seasoning", **TAG_WORDS,
    "满减券": "the discount coupon", "试用装": "the trial pack", "生日": "birthday", "农历": "lunar",
}
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A Chinese sentence quoted in an English reply (a greeting as the customer gets it: "王阿姨，…生日快乐！") is
# quoted as it is: only a quote holding Chinese sentence punctuation, never a quoted name or word.
_QUOTED_CHINESE = re.compile(r'"[^"\n]*[\u4e00-\u9fff][^"\n]*[，。！？][^"\n]*"|“[^”\n]*[，。！？][^”\n]*”')
_KEPT = "\ue000{}\ue001"
_MAX_NAME = 6
# Counted nouns the replies use: "1 days" is said "1 day".
_NOUNS = ("day", "week", "month", "birthday", "sale", "customer", "regular", "product", "greeting", "visit",
          "time", "bag", "bottle", "jug", "pack", "case", "jar", "bundle", "piece", "egg", "item", "other", "reminder",
          "task", "promotion", "leader")


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds any Chinese characters."""
    return bool(_HANZI_RUN.search(text))


def in_english(text: str, *, session: Session, shop_id: int, sentence: bool = True) -> str:
    """``text`` (an English reply) with the shop's Chinese names and words in English; ``sentence=False``
    for a piece of one (a label), whose first letter is left as it is. A quoted Chinese sentence is kept."""
    kept = _QUOTED_CHINESE.findall(text)
    if kept:
        for i, quote in enumerate(kept):
            text = text.replace(quote, _KEPT.format(i), 1)
        text = _in_english(text, session=session, shop_id=shop_id, sentence=sentence)
        return re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], text)
    return _in_english(text, session=session, shop_id=shop_id, sentence=sentence)


def _in_english(text: str, *, session: Session, shop_id: int, sentence: bool) -> str:
    if not _HANZI_RUN.search(text):
        return _dates_and_plurals(text, sentence=sentence)
    candidates = {run[i:j] for run in _HANZI_RUN.findall(text)
                  for i in range(len(run)) for j in range(i + 2, min(len(run), i + _MAX_NAME) + 1)}
    names: dict[str, str] = {}
    for name, aliases in session.execute(
            select(Product.name, Product.aliases).where(Product.shop_id == shop_id)):
        names[name] = shown_name(name, aliases, "en")
    if candidates:
        for name, aliases in session.execute(select(Customer.name, Customer.aliases).where(
                Customer.shop_id == shop_id, Customer.name.in_(sorted(candidates)))):
            names[name] = person_name(name, aliases, "en")
    words = {**UNITS_EN, **WORDS, **names}
    # The shop's own name is a name, said as it is (a greeting signs "— 禾香粮油", not "— 禾香粮oil").
    shop_name = session.get(Shop, shop_id).name
    words[shop_name] = shop_name
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    text = re.sub(r"(\d)\s*(" + "|".join(map(re.escape, UNITS_EN)) + ")",
                  lambda m: f"{m.group(1)} {UNITS_EN[m.group(2)]}", text)
    # "Building", never "Bldg": an English reply is also spoken (counter, phone), and a voice reads "Bldg" as
    # letters; the chat page has room for the whole word, so one spelling serves every channel.
    text = re.sub(r"(\d+)栋(\d+)单元", r"Building \1, Unit \2", text)
    text = re.sub(r"(\d+)栋", r"Building \1", text)
    text = pattern.sub(lambda m: words[m.group(0)], text)
    measures = "|".join(sorted(set(UNITS_EN.values())))
    # "20 boxes eggs" → "20 boxes of eggs"; one already said with "of" keeps its one "of".
    text = re.sub(r"\b(\d+(?:\.\d+)? (?:" + measures + r")) (?!of\b)(?=[a-z\u4e00-\u9fff])", r"\1 of ", text)
    return _dates_and_plurals(text.replace("、", ", "), sentence=sentence)


def tag_in_english(tag: str) -> str:
    """A customer tag in English where the shop's words have it (花生过敏 → peanut allergy), else as it is."""
    return WORDS.get(tag, tag)


def _dates_and_plurals(text: str, *, sentence: bool) -> str:
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda m: f"{MONTH_NAMES[int(m.group(2)) - 1]} {int(m.group(3))}", text)
    text = re.sub(r"\b(\d{4})-(\d{2})\b(?!-)", lambda m: f"{MONTH_NAMES[int(m.group(2)) - 1]} {m.group(1)}", text)
    text = re.sub(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*元", lambda m: format_money(m.group(1), "en"), text)
    # (not the 1 of "25.1 days": a decimal is plural)
    text = re.sub(r"(?<![\d.])1 (" + "|".join(_NOUNS) + r")s\b", r"1 \1", text)
    text = re.sub(r"(?<![\d.])1 (box|dozen)es\b", r"1 \1", text)
    text = re.sub(r"(?<![\d.])1 people\b", "1 person", text)
    # A sentence starts with a capital, also when it starts with a product's or promotion's English name.
    starts = r"(^|[.!?] )([a-z])" if sentence else r"([.!?] )([a-z])"
    return re.sub(starts, lambda m: m.group(1) + m.group(2).upper(), text)

