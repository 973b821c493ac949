"""Text normalisation in front of the NLU: typed text and speech-recogniser text end up alike.

``normalize(text)`` returns a ``Normalized`` with the new ``.text`` and, for every character of it, the
span of the original text it came from, so an entity annotated on the original text can be moved onto
the normalised text (and back). The steps, in order:

1. NFKC per character: full-width letters, digits and punctuation become half-width (``，`` → ``,``).
2. Whitespace collapsed; spaces between two CJK characters, and between CJK and digits, removed
   (Vosk writes ``王 阿姨 买 了 两 袋 米``); single spaces between Latin words kept.
3. Latin letters lower-cased.
4. Net slang and texting shorthand read as plain words (``木有`` → ``没有``, ``ty`` → ``thank you``; see
   ``slang.py``).
5. Fillers dropped: 嗯 / 呃 / 额 anywhere, 那个 / 就是 / 啊 at the start, um / uh / er / erm / hmm.
6. Chinese numerals to digits, only where they are numbers: a run of numeral characters followed by a
   measure word or unit (两袋 → 2袋, 三十斤 → 30斤, 十五号 → 15号), or a standalone amount of two or more
   characters (…,一百二 → …,120), also before 的 when it has a place value (一百五的东西 → 150的东西);
   三十多天 → 30多天; 一周 / 周一 stay (周一 is Monday). A single
   numeral character that is not followed by a measure word stays text, so names (张三, 王五, 小二,
   老三, 万师傅) and idioms (一点, 一下, 一起, 一直) are untouched.
   Money: ``五块五`` means 5.5 yuan and becomes ``5.5元``; ``块`` / ``块钱`` after a number become ``元``;
   a number after 块 that counts goods (``118块两袋``, ``五块一斤``) is the count, not the jiao.
7. English number words to digits with text2num (``two bags`` → ``2 bags``, ``a hundred and twenty`` →
   ``120``), except ``one`` used as a pronoun (``this one``, ``no one``); ``a couple of`` / ``a pair of`` /
   ``half a dozen`` / ``a dozen`` are 2 / 2 / 6 / 12; ``kuai`` / ``rmb`` / ``bucks`` / ``quid`` become ``yuan``;
   a spoken phone number (``one three eight …``) becomes one digit string; after a count, a price said the short way is one
   number (``two bags one fifty`` → ``2 bags 150``).

``normalize`` is idempotent: ``normalize(normalize(x).text).text == normalize(x).text``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from assistant.language.slang import SLANG, plain_word

# Character classes used by several steps.
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGITS + "十百千万亿"

# Measure words and units after which a numeral is a number (longest first so 块钱 wins over 块).
_MEASURES = sorted(
    [
        "袋", "包", "斤", "公斤", "千克", "克", "两", "瓶", "桶", "箱", "盒", "罐",
        "提", "件", "个", "只", "条", "根", "把", "扎", "捆", "升", "毫升", "块钱",
        "块", "元", "毛", "角", "分钱", "天", "号", "日", "月", "年", "星期",
        "礼拜", "岁", "次", "回", "位", "人", "户", "笔", "单", "张", "本", "粒",
        "斗", "袋子", "瓶子", "桶装", "袋装", "小时", "分钟", "折", "成", "倍", "遍",
        "kg", "g", "l", "ml",
    ],
    key=len,
    reverse=True,
)
_MEASURE_RE = "|".join(re.escape(m) for m in _MEASURES)

# 额 is a filler ("额……王阿姨") except inside a word: 额度, 额外, 限额, 金额, 余额, 名额, 总额, 数额, 差额, 份额,
# and the takings words 营业额, 销售额, 流水额, 成交额.
_FILLERS_ANYWHERE = re.compile(r"(?:[嗯呃]|(?<![限金余名总数差份业售水交])额(?![度外]))+")
_FILLERS_AT_START = re.compile(r"^(?:\s|[,，、.。!！?？]|那个|就是|啊|哎|呀|嘛)+")
_FILLERS_EN = re.compile(r"\b(?:um+|uh+|uhm|er|erm|hmm+|mm+)\b[,.]?\s*")

# Measure words of goods: a number before one is a count, so 块 before it closes the amount (118块两袋 is
# 118 yuan for 2 bags, 五块一斤 5 yuan a jin), while 五块五 is 5.5 yuan and 一块五两袋 1.5 yuan for 2 bags.
_GOODS_MEASURE = "|".join(re.escape(m) for m in sorted(
    ["袋", "包", "斤", "公斤", "千克", "克", "瓶", "桶", "箱", "盒", "罐", "提", "件", "个", "只", "条",
     "根", "把", "扎", "捆", "升", "毫升", "袋子", "瓶子", "kg", "g", "l", "ml"], key=len, reverse=True))
_MONEY = re.compile(
    rf"(?P<yuan>[{_CN_NUMERAL}0-9]+)(?:块钱|块|元)(?P<jiao>[{_CN_DIGITS}0-9])(?:毛钱|毛|角)?"
    rf"(?![毛角]|{_GOODS_MEASURE})(?![{_CN_NUMERAL}0-9](?![{_CN_NUMERAL}0-9]*(?:{_GOODS_MEASURE})))"
)
_DIGIT_VALUE = dict(zip(_CN_DIGITS, "001223456789", strict=True))
_NUMERAL_RUN = re.compile(rf"[{_CN_NUMERAL}](?:[{_CN_NUMERAL}]|点(?=[{_CN_DIGITS}]))*")
_YUAN_WORD = re.compile(r"(?<=[0-9])(?:块钱|块)")

_EN_NUMBER_WORDS = [
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion",
]
_EN_WORD = r"(?:" + "|".join(sorted(_EN_NUMBER_WORDS, key=len, reverse=True)) + r")"
_EN_RUN = re.compile(
    rf"\b(?:a\s+(?=hundred|thousand|billion|trillion))?{_EN_WORD}(?:(?:\s+and\s+|\s+point\s+|[\s-]+){_EN_WORD})*\b"
    r"(?:\s+and\s+a\s+half\b)?"
)
_ONE_AS_PRONOUN = re.compile(r"\b(?:no|this|that|which|the|each|every|any|some|last|only|another)\s+$")
_EN_MONEY_WORD = re.compile(r"\b(?:kuai|rmb|bucks|quid|yuans)\b")
# Counts said as words that text2num does not know: "a couple of bottles" is 2 bottles, "half a dozen eggs" 6.
_EN_COUNT_PHRASES = {"a couple of": "2", "a pair of": "2", "half a dozen": "6", "a dozen": "12"}
_EN_COUNT_PHRASE = re.compile(r"\b(?:" + "|".join(_EN_COUNT_PHRASES) + r")\b")
# "one fifty", "one twenty five", "nine ninety nine" (text_to_num: "1 50"): hundreds and the rest, said as
# prices are said, once the sentence has counted something ("two bags", "a bottle") before it.
_SAID_AS_HUNDREDS = re.compile(r"([1-9]) ([1-9][0-9])")
_COUNT_BEFORE = re.compile(rf"(?:\b{_EN_WORD}|\d|\ban?)\s+(?:[a-z]+\s+){{0,1}}(?:bags?|bottles?|jugs?|packs?|boxe?s?|"
                           r"cases?|jars?|jin|kg|kilos?|pieces?|cartons?|cans?|tins?|sacks?|buckets?|drums?|tubs?)\b")


# What a step returns for one match: new text, (new text, added unit word), or None to keep the match.
_Replacement = str | tuple[str, str] | None


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the span of the original it came from."""

    original: str
    text: str
    origins: tuple[tuple[int, int], ...]

    def to_normalized_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the normalised text that covers original ``[start, end)``; None if it was dropped."""
        hits = [i for i, (o_start, o_end) in enumerate(self.origins) if o_start < end and o_end > start]
        if not hits:
            return None
        return hits[0], hits[-1] + 1

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised ``[start, end)`` came from."""
        if start >= end:
            anchor = self.origins[start][0] if start < len(self.origins) else len(self.original)
            return anchor, anchor
        return self.origins[start][0], self.origins[end - 1][1]


class _Draft:
    """Text under construction, each character remembering its original span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.origins = [(i, i + 1) for i in range(len(text))]

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], _Replacement]) -> None:
        """Replace every match of ``pattern`` by ``replace(match)`` (None keeps the match)."""
        pieces: list[str] = []
        origins: list[tuple[int, int]] = []
        last = 0
        for match in pattern.finditer(self.text):
            new = replace(match)
            if new is None or new == match.group():
                continue
            # A replacement may add a unit word that was not said (五块五 → 5.5 + 元); it gets an empty
            # origin at the match's end so an annotation of the spoken amount maps to the number only.
            added = ""
            if isinstance(new, tuple):
                new, added = new
            pieces.append(self.text[last:match.start()])
            origins.extend(self.origins[last:match.start()])
            pieces.append(new + added)
            origins.extend(self._span_origins(match.start(), match.end(), new))
            end_anchor = self.origins[match.end() - 1][1]
            origins.extend([(end_anchor, end_anchor)] * len(added))
            last = match.end()
        pieces.append(self.text[last:])
        origins.extend(self.origins[last:])
        self.text = "".join(pieces)
        self.origins = origins

    def _span_origins(self, start: int, end: int, new: str) -> list[tuple[int, int]]:
        # Characters kept at the edges of a replacement keep their own origin, so an entity that ends
        # at a kept character (袋 in 两袋) maps exactly; the changed middle shares the whole span.
        old = self.text[start:end]
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
            tail += 1
        middle_old = self.origins[start + head:end - tail]
        if middle_old:
            shared = (middle_old[0][0], middle_old[-1][1])
        else:
            anchor = self.origins[start + head][0] if start + head < end else self.origins[end - 1][1]
            shared = (anchor, anchor)
        return (
            self.origins[start:start + head]
            + [shared] * (len(new) - head - tail)
            + self.origins[end - tail:end]
        )


def normalize(text: str) -> Normalized:
    """Normalise one message (see the module docstring for the steps) and keep the offset map."""
    draft = _Draft(text)
    draft.sub(re.compile(r"."), _nfkc_char)
    draft.sub(re.compile(r"\s+"), lambda m: " ")
    draft.sub(re.compile(rf"(?<=[{_CJK}0-9]) (?=[{_CJK}])|(?<=[{_CJK}]) (?=[0-9])"), lambda m: "")
    draft.sub(re.compile(r"[A-Z]+"), lambda m: m.group().lower())
    draft.sub(SLANG, plain_word)
    draft.sub(_FILLERS_ANYWHERE, lambda m: "")
    draft.sub(_FILLERS_EN, lambda m: "")
    draft.sub(_FILLERS_AT_START, lambda m: "")
    draft.sub(_MONEY, _money)
    draft.sub(_NUMERAL_RUN, _chinese_number)
    draft.sub(_YUAN_WORD, lambda m: "元")
    draft.sub(_EN_COUNT_PHRASE, lambda m: _EN_COUNT_PHRASES[m.group()])
    draft.sub(_EN_RUN, _english_number)
    draft.sub(re.compile(r"\b[0-9](?: [0-9]+){5,}\b"), lambda m: m.group().replace(" ", ""))
    draft.sub(_EN_MONEY_WORD, lambda m: "yuan")
    # Steps above can leave doubled or edge spaces (a dropped filler between two words).
    draft.sub(re.compile(r" {2,}"), lambda m: " ")
    draft.sub(re.compile(r"^ +| +$"), lambda m: "")
    draft.sub(re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}0-9])|(?<=[0-9]) (?=[{_CJK}])"), lambda m: "")
    return Normalized(original=text, text=draft.text, origins=tuple(draft.origins))


def _nfkc_char(match: re.Match[str]) -> str:
    char = match.group()
    folded = unicodedata.normalize("NFKC", char)
    # The ideographic full stop and comma have no NFKC form; make them ASCII like their full-width kin.
    return {"。": ".", "、": ","}.get(folded, folded)


def _money(match: re.Match[str]) -> _Replacement:
    yuan = _to_number(match.group("yuan"))
    jiao = _to_number(match.group("jiao"))
    if yuan is None or jiao is None:
        return None
    return f"{yuan}.{jiao}", "元"


def _chinese_number(match: re.Match[str]) -> str | None:
    run = match.group()
    rest = match.string[match.end():]
    # 三十多天: "more than thirty days" keeps its number.
    followed_by_measure = re.match(rf"多?(?:{_MEASURE_RE})", rest) is not None
    # 两 alone before 两 (二两 = 100 g) is rare in speech; a bare 两 followed by nothing is "two" only
    # when a measure follows, which the rule below already requires of every single character.
    standalone = not rest or re.match(rf"[^{_CJK}]", rest) is not None
    # 赊了一百五的东西: an amount with a place value before 的 is a number too (十一的 is the holiday).
    amount_of = rest.startswith("的") and re.search("[十百千万]", run) is not None and run != "十一"
    if not followed_by_measure and not ((standalone or amount_of) and len(run) >= 2):
        return None
    number = _to_number(run)
    if number is None:
        return None
    # 进价52一桶: the new digits must not run into digits before them (52 1桶, not 521桶).
    return " " + number if match.start() and match.string[match.start() - 1].isdigit() else number


def _to_number(run: str) -> str | None:
    """Digits for a Chinese numeral run (一百二 → 120, 一三八 → 138); None when it is not a number."""
    if run.isdigit() and run.isascii():
        return run
    if len(run) == 2 and all(c in _CN_DIGITS for c in run):
        return None  # 两三袋, 三五天: a rough range, not the number 23
    if len(run) >= 3 and all(c in _CN_DIGITS for c in run):
        # A digit string read out one digit at a time (phone numbers): no place values to compute.
        return "".join(_DIGIT_VALUE[c] for c in run)
    import cn2an

    try:
        value = cn2an.cn2an(run, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _english_number(match: re.Match[str]) -> str | None:
    from text_to_num import alpha2digit

    words = match.group()
    # "one" alone is a number only before a word (one bag); "this one", "wrong one" are pronouns.
    if words == "one" and (_ONE_AS_PRONOUN.search(match.string[:match.start()])
                           or not re.match(r" ?[a-z]", match.string[match.end():])):
        return None
    if words in {"oh"}:
        return None
    half = words.endswith(" and a half")
    core = words[: -len(" and a half")] if half else words
    if core.startswith("a "):
        core = "one " + core[2:]
    converted = alpha2digit(core, "en", threshold=0)
    trillions = re.fullmatch(r"(\d+) trillion", converted)
    if trillions:  # text_to_num stops at billions; "a trillion bags" is a mishearing to refuse, said as heard
        converted = str(int(trillions.group(1)) * 10**12)
    if converted == core:
        return None
    if half and converted.isdigit():
        converted = f"{converted}.5"
    hundreds = _SAID_AS_HUNDREDS.fullmatch(converted)
    if hundreds and _COUNT_BEFORE.search(match.string[:match.start()]):
        # "two bags one fifty": after a count, "one fifty" is a price said the short way (150), not 1 and 50
        converted = hundreds.group(1) + hundreds.group(2)
    return converted
