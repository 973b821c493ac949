"""What name snapping gains: ``snap_transcript`` on transcripts with SIMULATED recogniser errors.

Run: ``.venv/bin/python benchmarks/snapping.py [--customers N] [--per-form 2] [--seed 7] [--show 0]``.

No Chinese or English Vosk model can be downloaded here, so the recogniser's mistakes on names are
simulated, seeded, from every customer and product of the demo shop 禾香粮油 (``assistant/shop/demo/``,
loaded into a temporary SQLite database the way ``make run`` loads it; ``--customers N`` adds N generated
neighbours, the homophones a big shop has):

- Chinese, in Vosk's spaced form (王 秀英 / 王 秀 英): the right characters; a character replaced by
  another of the same pinyin and tone (王秀英 → 汪秀英, 王秀影), built from pypinyin over the 3,755
  GB2312 level-1 characters; the same syllable in another tone (王 → 网); a zh/z, ch/c, sh/s or -n/-ng
  confusion (陈 → 程); an l/n or f/h confusion (刘 → 牛), which the sound key does not merge; a form of
  address (王阿姨 → 汪 阿姨, 老罗 → 老 萝).
- English, as a recogniser writes it (lower case, words from its dictionary): the right words; a
  common romanisation of the surname (wang → wong, li → lee, chen → chan); a phonetic respelling a
  recogniser's English dictionary would produce (zhang → jang, xiuying → shoe ying); a given name
  split into syllables (binglan → bing lan); the honorific respelt (auntie → aunty, mrs → missus).

Each goes into one of a handful of request shapes per language. Also: names that are NOT in the shop
(they must not become a customer), and the dev set's sentences without a customer or product
(``tests/nlu/dev_*.yml``, never the blind held-out files; they must not change).

The name is then resolved through ``names.resolve_customer`` / ``resolve_product`` (what
``brain.resolution.lookup_*`` calls) with ``typed=False`` as for speech, once on the raw transcript
and once on the snapped one. The name's span is known from the generator (an oracle for the NLU's
entity extraction), so this measures snapping + resolution, not the NLU; ``--nlu`` takes the name from
the trained Rasa model's entities instead (``models/``, loaded once, ~15 ms a parse). Outcomes: ``right`` (the one
meant), ``asked`` ("which one?" with the one meant among the choices), ``wrong`` (another customer,
silently), ``missed`` (unknown, or a question without the one meant). For names not in the shop,
``right`` is unknown and ``wrong`` is any customer.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import random
import re
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

from assistant.db import make_engine, session_factory, upgrade
from assistant.language import phonetic
from assistant.language.names import NameIndex, Resolution, resolve_customer, resolve_product, snap_transcript
from assistant.shop.demo import build_demo, load_demo
from assistant.shop.demo.benchmark import generate_demo_csv
from assistant.shop.demo.data import GIVEN, SURNAMES
from assistant.shop.importer import import_csv
from assistant.shop.name_index import load_name_index
from assistant.shop.shops import default_shop_id

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
# The shop


def build_shop(folder: Path, extra_customers: int, seed: int) -> NameIndex:
    """The demo shop in a temporary SQLite database (plus ``extra_customers`` generated ones), indexed."""
    engine = make_engine(f"sqlite:///{folder / 'shop.db'}")
    upgrade(engine)
    load_demo(engine, seed=seed)
    if extra_customers:
        generated = folder / "generated"
        customers_csv, _, _ = generate_demo_csv(generated, customers=extra_customers, sale_items=0, seed=seed + 1)
        with session_factory(engine)() as session:
            demo_names = {f for f in load_name_index(session, shop_id=default_shop_id(session)).customers.forms}
        rows = list(csv.reader(customers_csv.open(encoding="utf-8")))
        kept = [rows[0]] + [r[:8] + [""] for r in rows[1:] if r[0] not in demo_names]  # the demo's people stay
        with customers_csv.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(kept)
        import_csv(engine, customers=customers_csv, rebuild_stats=False)
    with session_factory(engine)() as session:
        index = load_name_index(session, shop_id=default_shop_id(session))
    engine.dispose()
    return index


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


# --------------------------------------------------------------------------------------------------
# Scoring


def span_after_snap(case: Case, snapped: str) -> tuple[str, bool]:
    """The name's text in the snapped transcript, and whether snapping changed the words around it."""
    if snapped.startswith(case.prefix) and snapped.endswith(case.suffix) and (
            len(snapped) >= len(case.prefix) + len(case.suffix)):
        return snapped[len(case.prefix):len(snapped) - len(case.suffix)], False
    # The words around the name changed too: find the name's span by aligning the two texts.
    start, end = len(case.prefix), len(case.prefix) + len(case.heard)
    new_start, new_end = None, None
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, case.text, snapped, autojunk=False).get_opcodes():
        if new_start is None and i2 > start:
            new_start = j1 + (start - i1 if tag == "equal" else 0)
        if i2 >= end:
            new_end = j1 + (end - i1 if tag == "equal" else j2 - j1)
            break
    return snapped[new_start or 0:new_end if new_end is not None else len(snapped)], True


def outcome(resolution: Resolution, target: int | None) -> str:
    """right / asked / wrong / missed (see the module docstring)."""
    ids = [c.id for c in resolution.candidates]
    confident = resolution.status in {"exact", "match"} or (
        resolution.status == "category" and len(ids) == 1)
    if target is None:
        if confident:
            return "wrong"
        return "asked" if ids else "right"
    if confident:
        return "right" if ids == [target] else "wrong"
    return "asked" if target in ids else "missed"


def resolve(index: NameIndex, case: Case, name: str) -> Resolution:
    """The resolution the dialogue would make of ``name`` heard in speech."""
    if case.kind == "product":
        return resolve_product(index, name, typed=False)
    return resolve_customer(index, name, typed=False)


def nlu_outcome(index: NameIndex, case: Case, name: str | None) -> str:
    """``outcome`` of the name the NLU found; no name found is a miss (and right for absent names)."""
    if name is None:
        return "right" if case.target is None else "missed"
    return outcome(resolve(index, case, name), case.target)


@dataclass
class Row:
    """Counts for one table row."""

    n: int = 0
    raw: Counter | None = None
    snapped: Counter | None = None
    changed: int = 0  # snapping changed the transcript
    bad_snaps: int = 0  # snapping made a silent wrong answer (or changed a sentence without names)
    context_changed: int = 0  # snapping changed words outside the name

    def __post_init__(self) -> None:
        self.raw, self.snapped = Counter(), Counter()


class NluNames:
    """The name the trained Rasa model finds in a transcript (``--nlu``): what the dialogue would resolve."""

    def __init__(self) -> None:
        from assistant.brain.nlu import NluParser

        self.parser = NluParser()

    def name(self, text: str, kind: str) -> str | None:
        """The first entity of the kind asked for (absent names are looked for as customers)."""
        wanted = "product" if kind == "product" else "customer"
        found = [e for e in self.parser.parse(text).get("entities", []) if e["entity"] == wanted]
        return str(found[0]["value"]) if found else None


def measure(index: NameIndex, cases: list[Case], show: int, nlu: NluNames | None = None
            ) -> tuple[dict[tuple[str, str, str], Row], dict]:
    """Snap every case, resolve the name with and without snapping, and count."""
    rows: dict[tuple[str, str, str], Row] = defaultdict(Row)
    times: dict[str, list[float]] = defaultdict(list)
    examples: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        started = time.perf_counter()
        snapped = snap_transcript(index, case.text, case.language)
        times[case.language].append(time.perf_counter() - started)
        row = rows[(case.language, case.kind, case.error)]
        row.n += 1
        row.changed += snapped != case.text
        if case.kind == "no name":
            row.bad_snaps += snapped != case.text
            if snapped != case.text:
                examples["changed"].append(f"{case.text}  →  {snapped}")
            continue
        heard_after, context = span_after_snap(case, snapped)
        if nlu is not None:  # the name as the NLU cuts it out of each transcript, not the generator's span
            before = nlu_outcome(index, case, nlu.name(case.text, case.kind))
            after = nlu_outcome(index, case, nlu.name(snapped, case.kind))
        else:
            before = outcome(resolve(index, case, case.heard), case.target)
            after = outcome(resolve(index, case, heard_after), case.target)
        row.raw[before] += 1
        row.snapped[after] += 1
        row.context_changed += context
        if after == "wrong" and before != "wrong" or context:
            row.bad_snaps += 1
            examples["bad"].append(f"[{case.said}] {case.text}  →  {snapped}  ({before} → {after})")
        if before != after or (after != "right" and case.kind != "absent"):
            examples[f"{case.language} {case.error}: {before}→{after}"].append(f"[{case.said}] {case.text}  →  {snapped}")
    if show:
        for what, lines in sorted(examples.items()):
            print(f"\n{what} ({len(lines)}):")
            for line in lines[:show]:
                print("  ", line)
    return rows, times


def percent(count: int, total: int) -> str:
    """``count`` as a percentage of ``total``."""
    return f"{100 * count / total:.0f}%" if total else "–"


def table(rows: dict[tuple[str, str, str], Row]) -> str:
    """The Markdown table of outcomes without and with snapping."""
    lines = ["| lang | names | simulated error | n | right: raw → snapped | asked which | wrong | missed "
             "| snapped text changed | bad snaps |",
             "| --- | --- | --- | ---: | --- | --- | --- | --- | ---: | ---: |"]
    kinds = ["customer", "product", "absent", "no name"]
    for (language, kind, error), row in sorted(rows.items(), key=lambda kv: (kv[0][0] != "zh", kinds.index(
            kv[0][1]), kv[0][2] != "right characters" and kv[0][2] != "right words", kv[0][2])):
        if kind == "no name":
            lines.append(f"| {language} | none | {error} | {row.n} | – | – | – | – | {row.changed} | {row.bad_snaps} |")
            continue
        cells = [f"{percent(row.raw[o], row.n)} → {percent(row.snapped[o], row.n)}"
                 for o in ("right", "asked", "wrong", "missed")]
        label = "not in shop" if kind == "absent" else kind
        lines.append(f"| {language} | {label} | {error} | {row.n} | {' | '.join(cells)} | {row.changed} "
                     f"| {row.bad_snaps} |")
    return "\n".join(lines)


def main() -> None:
    """Build the shop, simulate, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=0, help="generated customers added to the demo's 80")
    parser.add_argument("--per-form", type=int, default=2, help="simulated mistakes per name form and error")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nlu", action="store_true",
                        help="take the name from the trained Rasa model's entities instead of the known span")
    parser.add_argument("--show", type=int, default=0, help="print this many examples of each change")
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    _PINYIN_SYLLABLES.update(_pinyin_syllables())
    with tempfile.TemporaryDirectory(prefix="zhanggui-snapping-") as folder:
        index = build_shop(Path(folder), args.customers, args.seed)
    demo_names = {c.name for c in build_demo(seed=args.seed).customers}
    demo_ids = {e.id for e in index.customers.entries if e.name in demo_names}
    cases = make_cases(index, demo_ids, random.Random(args.seed), args.per_form)
    for case in cases[:50]:  # warm up: jieba's dictionary, pypinyin, rapidfuzz
        snap_transcript(index, case.text, case.language)
    nlu = NluNames() if args.nlu else None
    load = os.getloadavg()
    rows, times = measure(index, cases, args.show, nlu)
    print(f"SIMULATED recogniser errors (not real speech). Shop: demo 禾香粮油, "
          f"{len(index.customers.entries):,} customers, {len(index.products.entries)} products; "
          f"{len(cases):,} transcripts, seed {args.seed}, {args.per_form} per name form and error.")
    print("Names found by " + (f"the trained NLU ({nlu.parser.model_path.name})" if nlu else
                               "the generator (known span: the NLU is not measured)") + ".")
    print("Cells: share of transcripts resolved that way without snapping → with snapping.\n")
    print(table(rows))
    print()
    for language, samples in sorted(times.items(), key=lambda kv: kv[0] != "zh"):
        cuts = statistics.quantiles(samples, n=100)
        print(f"snap_transcript {language}: p50 {cuts[49] * 1000:.2f} ms, p95 {cuts[94] * 1000:.2f} ms "
              f"per transcript ({len(samples)} transcripts)")
    print(f"load average before the timed run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def _pinyin_syllables() -> set[str]:
    """Every toneless pinyin syllable of the common characters."""
    return {lazy_pinyin(c)[0] for c in gb2312_level1()}


if __name__ == "__main__":
    main()
