"""Entity spans the model cut short, made whole (or dropped) after the overlaps are settled (``entities.resolve_overlaps``).

- an English product the shop does not know, tagged on its first word: "chow" of "bought chow mein", "high" of
  "two bags of high gluten flour" — the goods are the whole noun phrase, so a "we don't sell" names it whole and
  a catalogue alias ("high gluten flour") is found;
- a fact tagged only on its negated verb: "不吃" of "给小何记一下不吃葱蒜" — what she does not eat is in the words
  after it, so the tag goes and the action notes the fact as she said it ("不吃葱蒜");
- a year tagged with a piece of the words that say "the whole year": "去年1" of "去年1年呢" (去年一年) is last year.
"""

from __future__ import annotations

import re
from typing import Any

# Words that end the goods' noun phrase: time words, money words, courtesy, and any English function word.
_NOT_GOODS = frozenset({
    "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "week", "weeks", "month",
    "months", "year", "years", "day", "days", "ago", "yuan", "kuai", "rmb", "bucks", "dollar", "dollars", "cash",
    "please", "thanks", "thank", "ok", "okay", "paid", "pays", "owes", "owed", "tab", "credit", "total", "each",
    "right", "yes", "no", "too", "also", "just", "again", "now", "then", "sir", "madam",
    # verbs, which end the noun phrase ("how much oil did we sell", "northeast rice came in")
    "did", "does", "came", "come", "comes", "went", "go", "goes", "sold", "sell", "sells", "bought", "buy", "buys",
    "got", "get", "gets", "took", "take", "takes", "left", "owe", "pay", "want", "wants", "need", "needs",
    "arrive", "arrives", "deliver", "delivers", "cost", "costs", "has", "have", "had", "is", "are", "was", "were",
})
_LATIN_WORD = re.compile(r"\s+([a-z][a-z'’-]*)", re.IGNORECASE)
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "half"})


def _ends_goods(word: str) -> bool:
    """Whether ``word`` is no part of the goods' name (a time word, a number, "for", a function word...)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    word = word.lower()
    # a past tense ("arrived", "delivered", "ordered") is the sentence's verb, not a word of the goods
    return word in _NOT_GOODS or word in _NUMBER_WORDS or word in ENGLISH_STOP_WORDS or word.endswith("ed")


def with_whole_goods(entities: list[dict[str, Any]], text: str,
                     known: set[tuple[int, int]]) -> list[dict[str, Any]]:
    """An English product span the model guessed that is not a catalogue match (``known``: the catalogue's spans)
    runs on over the Latin words after it that still name goods; catalogue matches inside the longer span are
    its pieces and are dropped."""
    result = [dict(e) for e in entities]
    for goods in [e for e in result if e["entity"] == "product" and (e["start"], e["end"]) not in known
                  and re.fullmatch(r"[a-z][a-z '’-]*", text[e["start"]:e["end"]], re.IGNORECASE)]:
        end = goods["end"]
        while (word := _LATIN_WORD.match(text, end)) and not _ends_goods(word.group(1)):
            inside = [e for e in result if e["start"] < word.end() and word.start(1) < e["end"]]
            if any(e["entity"] != "product" or e["start"] < word.start(1) for e in inside):
                break  # another entity (a name, a count) starts here
            end = max([word.end(), *(e["end"] for e in inside)])
        if end == goods["end"]:
            continue
        result = [e for e in result if e is goods or not (goods["end"] <= e["start"] and e["end"] <= end)]
        goods.update(end=end, value=text[goods["start"]:end])
    return result


# A tag that is only a negated verb: 不吃 / 不能吃 / 不要 / 别碰 / 忌 / 忌口.
_NEGATED_VERB = re.compile(r"(?:不能|不可以|不爱|不|别|忌)(?:吃|喝|要|碰|沾)|忌口?")


def without_bare_negations(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """No tag that is only a negated verb ("不吃" of "给小何记一下不吃葱蒜"): what she avoids is in the words after
    it, which the model left out, so the fact is noted in her words (the action's note: "不吃葱蒜"), never as
    the tag "不吃". A whole fact the model tagged ("不吃辣") stays a tag."""
    return [e for e in entities
            if e["entity"] != "tag" or not _NEGATED_VERB.fullmatch(text[e["start"]:e["end"]].strip())]


# A year word and the words that say "all of it": 去年一年 (normalised 去年1年), 去年全年, 今年一整年.
_WHOLE_YEAR = re.compile(r"(去年|今年|前年|明年)\s*(?:1|一)?\s*(?:整|全)?\s*年(?!\d|[一二三四五六七八九十]|底|初|中)")


def with_whole_years(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A period tagged on a year word and part of "一年" / "全年" after it ("去年1" of "去年1年") is that year
    ("去年"); anything else tagged on the rest of the words is dropped."""
    result = list(entities)
    for period in [e for e in entities if e["entity"] == "period"]:
        whole = _WHOLE_YEAR.match(text, period["start"])
        if whole is None or period["end"] > whole.end() or period["end"] == whole.end(1):
            continue
        year = dict(period, end=whole.end(1), value=whole.group(1))
        result = [year if e is period else e for e in result
                  if e is period or e["end"] <= period["start"] or e["start"] >= whole.end()]
    return result
