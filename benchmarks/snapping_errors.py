"""The simulated transcripts of ``benchmarks/snapping.py``: recogniser errors on names, seeded.

Chinese errors (homophones of the same or another tone, zh/z ch/c sh/s n/ng and l/n f/h swaps, Vosk's
spacing) and English ones (romanisations, phonetic respellings, split syllables, respelt honorifics,
sound-alike product words), put into request shapes per language; plus names not in the shop and the dev
sets' sentences without a name. ``make_cases`` makes them all; ``snapping.py`` scores and prints them.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

from assistant.language import phonetic
from assistant.language.names import NameIndex
from assistant.shop.demo.data import GIVEN, SURNAMES

ROOT = Path(__file__).resolve().parents[1]

CUSTOMER_SHAPES = {
    "zh": ["{} 买 了 两 袋 米 一百 二", "{} 平时 买 什么", "{} 有 高血压", "给 {} 发 个 生日 祝福",
           "{} 多久 没 来 了", "{} 不想 收 消息 了", "{} 的 孩子 花生 过敏"],
    "en": ["{} bought two bags of rice for one hundred twenty yuan", "what does {} usually buy",
           "{} has high blood pressure", "when did {} last come in", "send a birthday greeting to {}",
           "{} doesn't want messages anymore"],
}
PRODUCT_SHAPES = {
    "zh": ["{} 还 剩 多少", "进 了 三十 袋 {}", "{} 到 了 该 告诉 谁", "这 周 卖 了 多少 {}"],
    "en": ["how much {} is left", "twenty bags of {} arrived", "the {} arrived who wants to know",
           "how much {} did we sell this week"],
}

# Pinyin initials a southern speaker (and a small recogniser) confuses that the sound key keeps apart.
OTHER_INITIALS = {"l": "n", "n": "l", "f": "h", "h": "f"}
# How the sound key's merged pairs are swapped to make a near sound.
NEAR_INITIALS = {"zh": "z", "z": "zh", "ch": "c", "c": "ch", "sh": "s", "s": "sh"}

# Common romanisations a recogniser's English dictionary holds for a pinyin surname (wang → wong).
ROMANISED = {
    "wang": ["wong"], "li": ["lee", "leigh"], "zhang": ["chang", "cheung"], "chen": ["chan", "chin"],
    "liu": ["lau", "lew"], "zhou": ["chow", "joe"], "zhao": ["chao", "chow"], "huang": ["wong"],
    "wu": ["woo", "ng"], "xu": ["hsu", "shu"], "sun": ["soon", "son"], "lin": ["lim", "lynn"],
    "he": ["ho", "her"], "luo": ["lo", "law"], "guo": ["kwok", "go"], "ma": ["mah"], "gao": ["gow", "kao"],
    "yang": ["young", "yeung"], "song": ["sung", "song"], "zheng": ["cheng", "jung"], "xie": ["shay", "tse"],
    "han": ["hahn"], "tang": ["tong"], "feng": ["fung"], "deng": ["dung", "tang"], "cao": ["tsao", "chow"],
    "zeng": ["tsang", "zang"], "peng": ["pang"], "xiao": ["shaw", "siu"], "yu": ["you", "yue"],
    "pan": ["poon", "pan"], "du": ["doo", "to"], "ye": ["yeh", "yip"], "su": ["sue", "soo"],
    "wei": ["way", "wai"], "ding": ["ting"], "jiang": ["chiang", "kong"], "yuan": ["yuen"],
}
# Honorifics as a recogniser's English dictionary spells them.
HONORIFIC_SPELLINGS = {"auntie": ["aunty", "anti"], "mrs": ["missus", "misses"], "ms": ["miss", "mizz"],
                       "sister": ["sista", "sister"], "master": ["mister", "master"]}
# Product words as an English recogniser may write them: split compounds, sound-alike words.
PRODUCT_SPELLINGS = {"peanut": ["pea nut", "penut"], "rapeseed": ["rape seed", "rap seed"],
                     "canola": ["can ola", "canola"], "jasmine": ["jazz mean", "jasmin"],
                     "oatmeal": ["oat meal"], "millet": ["mill it", "mallet"], "mung": ["moong", "mong"],
                     "wuchang": ["woo chang", "wu chang"], "northeast": ["north east"],
                     "sodium": ["sodi um", "so dium"], "vinegar": ["vinnegar", "vine gar"],
                     "noodles": ["noodle", "new dolls"]}


@dataclass(frozen=True)
class Case:
    """One simulated transcript: the text as heard, where the name is, and whom it means."""

    language: str
    kind: str  # customer | product | absent | no name
    error: str
    prefix: str
    heard: str  # the name as the recogniser wrote it ("" for sentences without a name)
    suffix: str
    target: int | None  # the customer or product id meant (None: nobody in the shop)
    said: str  # the name as the shop knows it, for --show

    @property
    def text(self) -> str:
        """The whole transcript."""
        return self.prefix + self.heard + self.suffix


# --------------------------------------------------------------------------------------------------
# Chinese errors


def gb2312_level1() -> list[str]:
    """The 3,755 common characters of GB2312 level 1 (rows 16–55)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            if row == 0xD7 and col > 0xF9:
                break
            chars.append(bytes([row, col]).decode("gb2312"))
    return chars


class Homophones:
    """Common characters by pinyin with tone and by toneless syllable (from pypinyin)."""

    def __init__(self) -> None:
        self.toned: dict[str, list[str]] = defaultdict(list)
        self.toneless: dict[str, list[str]] = defaultdict(list)
        self.tone_of: dict[str, str] = {}
        for char in gb2312_level1():
            toned = lazy_pinyin(char, style=Style.TONE3, neutral_tone_with_five=True)[0]
            self.tone_of[char] = toned
            self.toned[toned].append(char)
            self.toneless[toned.rstrip("12345")].append(char)

    def toned_pinyin(self, char: str) -> str:
        """Pinyin with tone number of any character (surname readings not applied)."""
        return self.tone_of.get(char) or lazy_pinyin(char, style=Style.TONE3, neutral_tone_with_five=True)[0]

    def same_tone(self, char: str) -> list[str]:
        """Other common characters said exactly like ``char``."""
        return [c for c in self.toned[self.toned_pinyin(char)] if c != char]

    def other_tone(self, char: str) -> list[str]:
        """Common characters of the same syllable in another tone."""
        toned = self.toned_pinyin(char)
        return [c for c in self.toneless[toned.rstrip("12345")] if self.toned_pinyin(c) != toned]

    def syllable_swap(self, char: str, swap: Callable[[str], str | None]) -> list[str]:
        """Common characters whose syllable is ``swap`` of ``char``'s (any tone)."""
        syllable = self.toned_pinyin(char).rstrip("12345")
        other = swap(syllable)
        return list(self.toneless.get(other, ())) if other and other != syllable else []


def near_sound(syllable: str) -> str | None:
    """A syllable the sound key merges with ``syllable``: chen ↔ cen, chen ↔ cheng (one change)."""
    for initial in ("zh", "ch", "sh", "z", "c", "s"):
        if syllable.startswith(initial):
            return NEAR_INITIALS[initial] + syllable[len(initial):]
    if syllable.endswith("ng") and len(syllable) > 3:
        return syllable[:-1]
    if syllable.endswith("n") and len(syllable) > 2:
        return syllable + "g"
    return None


def other_initial(syllable: str) -> str | None:
    """l ↔ n, f ↔ h: confusions the sound key keeps apart."""
    return OTHER_INITIALS[syllable[0]] + syllable[1:] if syllable[:1] in OTHER_INITIALS else None


def name_positions(form: str) -> list[int]:
    """Positions of the characters of a customer form that are the person's name, not the honorific."""
    person = phonetic.parse_person(form)
    if person is None or person.surname is None:
        return list(range(len(form)))
    start = form.find(person.full or person.surname)
    return list(range(start, start + len(person.full or person.surname)))


def vosk_spacing(form: str, rng: random.Random, *, is_customer: bool) -> str:
    """The form split into words as Vosk writes them (王 秀英, 王 秀 英, 汪 阿姨, 东北 大米)."""
    person = phonetic.parse_person(form) if is_customer else None
    if person is not None and person.surname is not None and person.full is None:
        start = form.find(person.surname)
        parts = [form[:start], person.surname, form[start + len(person.surname):]]
        return " ".join(p for p in parts if p)
    if is_customer:
        surname_length = 2 if form[:2] in phonetic.COMPOUND_SURNAMES else 1
        given = form[surname_length:]
        return rng.choice([f"{form[:surname_length]} {given}", " ".join(form)]) if given else form
    return " ".join(jieba.lcut(form, HMM=False))


def chinese_errors(form: str, homophones: Homophones, rng: random.Random, *,
                   is_customer: bool) -> Iterator[tuple[str, str]]:
    """(error class, the form as heard) for each simulated mistake that applies to ``form``."""
    positions = name_positions(form) if is_customer else list(range(len(form)))
    replacers: list[tuple[str, Callable[[str], list[str]]]] = [
        ("same pinyin+tone", homophones.same_tone),
        ("other tone", homophones.other_tone),
        ("zh/z ch/c sh/s n/ng", lambda c: homophones.syllable_swap(c, near_sound)),
        ("l/n f/h", lambda c: homophones.syllable_swap(c, other_initial)),
    ]
    yield "right characters", vosk_spacing(form, rng, is_customer=is_customer)
    for error, replacements in replacers:
        options = [(p, c) for p in positions for c in replacements(form[p])]
        if not options:
            continue
        position, char = rng.choice(options)
        heard = form[:position] + char + form[position + 1:]
        yield error, vosk_spacing(heard, rng, is_customer=is_customer)


# --------------------------------------------------------------------------------------------------
# English errors


def respell(syllable: str) -> str:
    """A pinyin syllable as an English speller (and an English recogniser's dictionary) writes it."""
    rules = [("zh", "j"), ("x", "sh"), ("q", "ch"), ("ui", "way"), ("iu", "yo"), ("ian", "yen"),
             ("ie", "yeh"), ("ao", "ow"), ("ou", "oh"), ("ying", "ing"), ("yi", "ee"), ("ei", "ay")]
    for pattern, replacement in rules:
        syllable = syllable.replace(pattern, replacement)
    if syllable.startswith("c") and not syllable.startswith("ch"):
        syllable = "ts" + syllable[1:]
    return syllable


def split_pinyin(word: str) -> list[str]:
    """A run of pinyin split into syllables (binglan → bing lan), greedily by pypinyin's syllable list."""
    syllables = _PINYIN_SYLLABLES
    out, i = [], 0
    while i < len(word):
        for size in range(min(6, len(word) - i), 0, -1):
            piece = word[i:i + size]
            rest = word[i + size:]
            # Prefer a split that leaves a valid start (xian → xian, not xi an) unless the rest needs it.
            if piece in syllables and (not rest or any(rest.startswith(s) for s in syllables)):
                out.append(piece)
                i += size
                break
        else:
            return [word]
    return out


_PINYIN_SYLLABLES: set[str] = set()


def english_errors(form: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """(error class, the form as heard) for an English (Latin) customer form."""
    words = form.split()
    yield "right words", form
    honorific = [i for i, w in enumerate(words) if w in HONORIFIC_SPELLINGS]
    name_words = [i for i, w in enumerate(words) if w not in phonetic.HONORIFIC_BY_NAME and i not in honorific
                  and w not in {"team", "leader"}]
    if not name_words:
        return
    surname_at = name_words[0]
    if words[surname_at] in ROMANISED:
        yield "common romanisation", " ".join(
            rng.choice(ROMANISED[w]) if i == surname_at else w for i, w in enumerate(words))
    respelt = [" ".join(respell(s) for s in split_pinyin(w)) if i in name_words else w for i, w in enumerate(words)]
    if respelt != words:
        yield "phonetic respelling", " ".join(respelt)
    multi = [i for i in name_words if len(split_pinyin(words[i])) > 1]
    if multi:
        yield "split syllables", " ".join(" ".join(split_pinyin(w)) if i in multi else w for i, w in enumerate(words))
    if honorific:
        yield "honorific respelt", " ".join(
            rng.choice(HONORIFIC_SPELLINGS[w]) if i in honorific else w for i, w in enumerate(words))


def english_product_errors(form: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """(error class, the form as heard) for an English product name."""
    yield "right words", form
    words = form.replace("-", " ").split()
    if any(w in PRODUCT_SPELLINGS for w in words):
        yield "sound-alike words", " ".join(rng.choice(PRODUCT_SPELLINGS[w]) if w in PRODUCT_SPELLINGS else w
                                            for w in words)


# --------------------------------------------------------------------------------------------------
# The cases


def entries(table) -> dict[int, list[str]]:  # noqa: ANN001 (the index's private table)
    """Entry id → its forms (name and aliases, cleaned), from a ``NameIndex`` table."""
    forms: dict[int, list[str]] = defaultdict(list)
    for f, e in enumerate(table.form_entry):
        forms[table.entries[e].id].append(table.forms[f])
    return forms


def make_cases(index: NameIndex, demo_ids: set[int], rng: random.Random, per_form: int) -> list[Case]:
    """Every simulated transcript: customers, products, absent names, sentences without names."""
    homophones = Homophones()
    cases: list[Case] = []

    def add(language: str, kind: str, error: str, shapes: list[str], heard: str, target: int | None,
            said: str) -> None:
        prefix, suffix = rng.choice(shapes).split("{}")
        cases.append(Case(language, kind, error, prefix, heard, suffix, target, said))

    for kind, table, shapes in (("customer", index.customers, CUSTOMER_SHAPES),
                                ("product", index.products, PRODUCT_SHAPES)):
        for entry_id, forms in entries(table).items():
            if kind == "customer" and entry_id not in demo_ids:
                continue  # the generated crowd is there to be confused with, not to be asked about
            for form in forms:
                for _ in range(per_form):
                    if phonetic.is_all_cjk(form):
                        for error, heard in chinese_errors(form, homophones, rng, is_customer=kind == "customer"):
                            add("zh", kind, error, shapes["zh"], heard, entry_id, form)
                    elif not phonetic.has_cjk(form):
                        errors = (english_errors(form, rng) if kind == "customer"
                                  else english_product_errors(form, rng))
                        for error, heard in errors:
                            add("en", kind, error, shapes["en"], heard, entry_id, form)
    known = set(index.customers.by_key)
    known_surnames = {f[0] for f in known if phonetic.is_all_cjk(f)}
    absent_zh: list[tuple[str, str]] = []
    while len(absent_zh) < 60 * per_form:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        if name not in known:
            absent_zh.append(("full name", name))
    for surname in [s for s in SURNAMES if s not in known_surnames][:20]:
        absent_zh.append(("surname not in the shop", surname + rng.choice(["阿姨", "叔", "大姐", "师傅"])))
    for surname in sorted(known_surnames)[:20]:
        absent_zh.append(("known surname, other gender", surname + "先生"))
    for error, name in absent_zh:
        add("zh", "absent", error, CUSTOMER_SHAPES["zh"], vosk_spacing(name, rng, is_customer=True), None, name)
    for _ in range(40 * per_form):
        name = " ".join(lazy_pinyin(rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))))
        name = name.split()[0] + " " + "".join(name.split()[1:])
        if name not in known:
            add("en", "absent", "full name", CUSTOMER_SHAPES["en"], name, None, name)
    for surname in ["ouyang", "gu", "mo", "qian", "kong", "shao", "lu", "hao"]:
        for honorific in ["auntie", "uncle", "mrs"]:
            if f"{honorific} {surname}" not in known:
                add("en", "absent", "surname not in the shop", CUSTOMER_SHAPES["en"], f"{honorific} {surname}",
                    None, f"{honorific} {surname}")
    for language, sentence in sentences_without_names():
        cases.append(Case(language, "no name", "dev set sentence", sentence, "", "", None, ""))
    return cases


_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|\{[^}]*\})")
_PUNCTUATION = re.compile(r"[^\w\s']+")


def sentences_without_names() -> Iterator[tuple[str, str]]:
    """The dev sets' examples naming no customer or product, in recogniser form (never the blind set)."""
    for language in ("zh", "en"):
        path = ROOT / "tests" / "nlu" / f"dev_{language}.yml"
        seen: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line.startswith("- ") or line.startswith("- intent"):
                continue
            example = line[2:]
            if any(m.group(2) in {"customer", "product"} or "customer" in m.group(0) or "product" in m.group(0)
                   for m in _ANNOTATION.finditer(example)):
                continue
            text = _PUNCTUATION.sub(" ", _ANNOTATION.sub(r"\1", example)).lower()
            if language == "zh" and " " not in text.strip():
                text = " ".join(jieba.lcut(text, HMM=False))
            text = " ".join(text.split())
            if text and text not in seen:
                seen.add(text)
                yield language, text


def _pinyin_syllables() -> set[str]:
    """Every toneless pinyin syllable of the common characters."""
    return {lazy_pinyin(c)[0] for c in gb2312_level1()}
