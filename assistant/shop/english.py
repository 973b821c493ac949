"""English replies in English: the shop's Chinese names, words and dates said the English way.

The reports build their English summaries from the shop's own records, which are in Chinese (王秀英,
东北大米, 袋, 高血压, 2026-03-14). ``in_english`` rewrites a finished English reply: a customer or product
becomes its first English alias (a customer without one, her name in pinyin), a unit, tag, category or
promotion word its English word, an ISO date "Mar 14", and "1 days" "1 day". Names are looked up only
among the Chinese words of the reply, so a shop of 100,000 customers costs one indexed query.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product
from assistant.language.wording import UNITS_EN, shown_name

# The words a grain-and-oil shop's records use for categories, tags and promotions.
WORDS = {
    "米": "rice", "面粉": "flour", "油": "oil", "酱油": "soy sauce", "醋": "vinegar", "杂粮": "grains",
    "挂面": "noodles", "鸡蛋": "eggs", "调味": "seasoning",
    "高血压": "high blood pressure", "低钠": "low sodium", "花生过敏": "peanut allergy", "有小孩": "has children",
    "老人": "elderly", "烘焙": "baking", "团购": "group buying", "糖尿病": "diabetes", "素食": "vegetarian",
    "满减券": "the discount coupon", "试用装": "the trial pack", "生日": "birthday", "农历": "lunar",
}
_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]+")
_MAX_NAME = 6
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds any Chinese characters."""
    return bool(_HANZI_RUN.search(text))


def in_english(text: str, *, session: Session, shop_id: int) -> str:
    """``text`` (an English reply) with the shop's Chinese names and words in English."""
    if not _HANZI_RUN.search(text):
        return _dates_and_plurals(text)
    candidates = {run[i:j] for run in _HANZI_RUN.findall(text)
                  for i in range(len(run)) for j in range(i + 2, min(len(run), i + _MAX_NAME) + 1)}
    names: dict[str, str] = {}
    for name, aliases in session.execute(
            select(Product.name, Product.aliases).where(Product.shop_id == shop_id)):
        names[name] = shown_name(name, aliases, "en")
    if candidates:
        for name, aliases in session.execute(select(Customer.name, Customer.aliases).where(
                Customer.shop_id == shop_id, Customer.name.in_(sorted(candidates)))):
            shown = shown_name(name, aliases, "en")
            names[name] = shown if shown != name else " ".join(p.title() for p in _pinyin_name(name))
    words = {**UNITS_EN, **WORDS, **names}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    text = re.sub(r"(\d)\s*(" + "|".join(map(re.escape, UNITS_EN)) + ")",
                  lambda m: f"{m.group(1)} {UNITS_EN[m.group(2)]}", text)
    text = re.sub(r"(\d+)栋(\d+)单元", r"Bldg \1, Unit \2", text)
    text = pattern.sub(lambda m: words[m.group(0)], text)
    measures = "|".join(sorted(set(UNITS_EN.values())))
    text = re.sub(r"\b(\d+(?:\.\d+)? (?:" + measures + r")) (?=[a-z\u4e00-\u9fff])", r"\1 of ", text)
    return _dates_and_plurals(text.replace("、", ", "))


def _pinyin_name(name: str) -> list[str]:
    surname, *given = lazy_pinyin(name)
    return [surname, "".join(given)] if given else [surname]


def _dates_and_plurals(text: str) -> str:
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda m: f"{_MONTHS[int(m.group(2)) - 1]} {int(m.group(3))}", text)
    text = re.sub(r"\b(\d{4})-(\d{2})\b(?!-)", lambda m: f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}", text)
    text = re.sub(r"\b1 (day|birthday|sale|customer|regular|product|bag|bottle|pack|case|jar|bundle|piece)s\b",
                  r"1 \1", text)
    return re.sub(r"\b1 boxes\b", "1 box", text)
