"""Spoken and typed names resolved against the shop's customers and products.

A ``NameIndex`` holds every customer name and alias (with the household, to tell two people apart) and
every product name, alias and category, keyed by exact text, by sound and by form of address. It is
built from the database (``NameIndex.load``) or from plain records (``NameIndex.from_records``);
``NameIndexCache`` rebuilds it when the names change (see there).

Scores (1 is certain). A name or alias that is:

- ``EXACT`` 1.00: the same text (after clean-up: case, punctuation, Vosk's spaces: "王 阿 姨" = 王阿姨);
- ``VARIANT`` 0.97: the same surname with another honorific of the same class (李叔 ≈ 李叔叔), or a
  full name said with an honorific (王秀英阿姨 → 王秀英);
- ``SOUND`` 0.95: said the same (toneless pinyin with zh/z, ch/c, sh/s and -ng/-n merged: 汪阿姨 ≈
  王阿姨, 程姐 ≈ 陈姐, "wang ayi" ≈ 王阿姨);
- ``PERSON`` 0.92: the same surname sound and honorific class across languages ("Auntie Wong" ≈ 王阿姨,
  "Mrs Wang" ≈ 王女士), times 0.9 for another honorific of the same gender ("Mrs Wang" ≈ 王阿姨: 0.83)
  and 0.88 when one side has no gender (老王 ≈ 王阿姨: 0.81); opposite genders never match, nor do a
  role and another honorific (赵老板 is not 赵叔; see ``phonetic.honorific_score``);
- ``CONTAINS`` 0.85 (products only): the words said are part of a product name (花生油 → 鲁花花生油);
- fuzzy: ``FUZZY`` 0.9 × the rapidfuzz ratio of the sound keys or of Latin spellings ("Auntie Wnag"
  ≈ "Auntie Wang": 0.82), so only a ratio of 89 or more reaches ``THRESHOLD``. Only tried when nothing
  above scored ``THRESHOLD``, and only against keys with the same first letter.

A customer is a candidate at ``THRESHOLD`` (0.80) or more. Candidates within ``MARGIN`` (0.06) of the
best are tied: one tied candidate is ``exact`` (score 1) or ``match``; several are ``ambiguous``, which
is how homophones are handled — a recogniser (and a pinyin keyboard) writes 王 for 汪, so by default an
exact 王阿姨 still ties with 汪阿姨. Pass ``typed=True`` when the characters were typed and can be
trusted: then a single exact name wins outright.
"""

from __future__ import annotations

import gc
import heapq
import json
import re
import struct
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product
from assistant.language import phonetic
from assistant.language.phonetic import Person, clean, has_cjk, parse_person, sound_key

EXACT = 1.0
VARIANT = 0.97
SOUND = 0.95
PERSON = 0.92
CONTAINS = 0.85
FUZZY = 0.9
THRESHOLD = 0.80
MARGIN = 0.06
# Fuzzy ratios below this cannot reach THRESHOLD once multiplied by FUZZY, so rapidfuzz skips them.
_FUZZY_CUTOFF = 100 * THRESHOLD / FUZZY
# The most candidates an ambiguous answer carries: a question with more options cannot be spoken.
MAX_CANDIDATES = 8
# A window of a transcript that is a word this common in jieba's dictionary (今天 16,000, 什么
# 59,000, 时候 32,000) is an ordinary word, never a misheard name.
COMMON_WORD_FREQ = 1000
# Frequency given to names in the jieba user dictionary: far above the words a name could be split
# into (阿姨 276, 叔叔 1,103, 大米 1,898), so "汪阿姨买了" keeps 汪阿姨 whole.
NAME_FREQ = 100_000

_ENGLISH_CATEGORY_WORDS = {
    "rice": ("米", "大米"), "oil": ("油", "食用油"), "cooking oil": ("油", "食用油"), "flour": ("面粉", "面"),
    "noodles": ("面条", "面"), "grain": ("杂粮", "粮"), "grains": ("杂粮", "粮"), "beans": ("豆", "豆类"),
    "seasoning": ("调料", "调味品"), "sauce": ("调料", "酱油"), "soy sauce": ("酱油",),
    "eggs": ("蛋", "鸡蛋"),
}
_CHINESE_CATEGORY_WORDS = {
    "大米": ("米",), "米": ("大米",), "食用油": ("油",), "油": ("食用油",), "面": ("面粉", "面条"),
    "粮食": ("米", "杂粮"), "杂粮": ("粮",), "调料": ("调味品",), "调味品": ("调料",),
}

# Words the owner says around names, for the recogniser's grammar (segmented like the model's words).
COMMAND_WORDS_ZH = [
    "买了", "买", "要", "拿了", "进了", "到了", "还剩", "剩", "多少", "多少钱", "一共", "卖了",
    "今天", "昨天", "这周", "这个月", "上个月", "谁", "哪些", "什么", "补货", "该补", "撤销",
    "取消", "刚才", "那笔", "对", "是的", "不是", "不对", "好的", "好", "谢谢", "你好", "再见",
    "新顾客", "电话", "生日", "过生日", "祝福", "录", "发", "没来", "过敏", "高血压", "糖尿病",
    "不想", "收消息", "告诉", "佣金", "团长", "满减券", "试用装", "袋", "斤", "公斤", "桶", "瓶",
    "箱", "包", "块", "元", "块钱", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
    "十", "百", "千", "半", "掌柜的",
]
COMMAND_WORDS_EN = [
    "bought", "buy", "sold", "arrived", "how", "much", "many", "left", "who", "needs", "this",
    "week", "today", "yesterday", "month", "undo", "cancel", "that", "yes", "no", "okay", "thanks",
    "hello", "bye", "new", "customer", "phone", "birthday", "greeting", "send", "record",
    "allergy", "reorder", "stock", "bags", "bag", "bottles", "bottle", "kilos", "kg", "yuan",
    "for", "of", "and", "the", "a", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "twenty", "thirty", "fifty", "hundred", "hey", "shop",
]

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
# Romanised surnames that are everyday English words: "to feng" in a sentence is not Du Feng.
_ENGLISH_WORD_ROMANISATIONS = frozenset({"to", "so", "law", "young", "lo", "ho", "tan", "chin", "ko"})
# Words a recogniser writes around names, never the first or last word of one.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "to", "of", "for", "and", "or", "at", "in", "on", "by", "with", "from", "is", "was",
    "are", "has", "have", "had", "did", "does", "do", "what", "when", "who", "how", "much", "many", "that",
    "this"})
# One-character command words (买, 要, 袋, 两, ...): snapping never rewrites them into part of a name.
_COMMAND_CHARS = frozenset(w for w in COMMAND_WORDS_ZH if len(w) == 1)


class CustomerRecord(NamedTuple):
    """What the index needs of a customer."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    household: str | None = None


class ProductRecord(NamedTuple):
    """What the index needs of a product."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    category: str = ""


@dataclass(frozen=True)
class Candidate:
    """One customer or product a name may mean, with how it matched."""

    id: int
    name: str
    label: str
    score: float
    matched: str  # the name, alias or category that matched
    how: str  # exact | variant | sound | person | contains | fuzzy | category

    def to_json(self) -> dict[str, Any]:
        """A plain dict (for slots and ``--json``)."""
        return {"id": self.id, "name": self.name, "label": self.label, "score": round(self.score, 3),
                "matched": self.matched, "how": self.how}


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to.

    ``status``: ``exact`` / ``match`` (one candidate; exact when its name or alias was said as
    written), ``ambiguous`` (ask which: ``options()``), ``category`` (products: every product of the
    category named), ``unknown`` (offer to add it; ``candidates`` is empty). ``more`` counts tied
    candidates left out beyond ``MAX_CANDIDATES``.
    """

    status: str
    query: str
    candidates: tuple[Candidate, ...] = ()
    more: int = 0

    @property
    def best(self) -> Candidate | None:
        """The one candidate meant, when there is exactly one."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    def options(self) -> list[dict[str, str]]:
        """The candidates as ``{"value": name, "label": label}`` for ``brain.clarify.choice``."""
        return [{"value": c.name, "label": c.label} for c in self.candidates]

    def to_json(self) -> dict[str, Any]:
        """A plain dict (for slots and ``--json``)."""
        return {"status": self.status, "query": self.query, "more": self.more,
                "candidates": [c.to_json() for c in self.candidates]}


@dataclass
class _EnglishForms:
    """Latin-letter names, in order, and keyed by (surname sound, honorific class)."""

    forms: dict[str, None] = field(default_factory=dict)
    by_person: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)  # ``forms`` as a list, for rapidfuzz

    def add(self, form: str, person: Person | None) -> None:
        """Keep ``form``, and under its surname sound and honorific when it is a form of address."""
        self.forms[form] = None
        if person is not None:
            for sound in person.sounds:
                self.by_person.setdefault((sound, person.honorific), set()).add(form)


class _Entry(NamedTuple):
    id: int
    name: str
    label: str
    category: str = ""


@dataclass
class _Table:
    """The forms (names and aliases) of one kind of entry, keyed every way a query looks them up."""

    as_name: bool  # customers' forms start with a surname (曾 read zeng)
    entries: list[_Entry] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # cleaned text of each form
    form_entry: list[int] = field(default_factory=list)
    sounds: list[str] = field(default_factory=list)
    by_key: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_sound: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # surname sound → honorific class → (form index, person) of every form of address
    by_surname: dict[str, dict[str, list[tuple[int, Person]]]] = field(default_factory=dict)
    _sound_buckets: dict[tuple[str, int], tuple[list[str], list[int]]] = field(default_factory=dict)
    _fuzzy_pools: dict[tuple[str, int], tuple[list[str], list[int]]] = field(default_factory=dict)
    _latin_forms: tuple[list[str], list[int]] | None = None

    def bucket_sounds(self) -> None:
        """Group the sound keys by first letter and length, for ``fuzzy_pool`` (done once, at build)."""
        buckets = self._sound_buckets
        for f, sound in enumerate(self.sounds):
            keys, forms = buckets.setdefault((sound[:1], len(sound)), ([], []))
            keys.append(sound)
            forms.append(f)

    def fuzzy_pool(self, sound: str) -> tuple[list[str], list[int]]:
        """The sound keys (and their form indexes) worth a fuzzy comparison with ``sound``: the same
        first letter (a name misheard past its first sound is not worth guessing) and a length that
        can still reach a ratio of ``_FUZZY_CUTOFF``, so the fuzzy pass skips most of 150,000 keys."""
        pool_key = (sound[:1], len(sound))
        if pool_key not in self._fuzzy_pools:
            # ratio = 2·matches / (len1 + len2) ≤ 2·min / (len1 + len2): the lengths cannot differ much.
            low = len(sound) * _FUZZY_CUTOFF / (200 - _FUZZY_CUTOFF)
            high = len(sound) * (200 - _FUZZY_CUTOFF) / _FUZZY_CUTOFF
            keys: list[str] = []
            forms: list[int] = []
            for (first, size), (bucket_keys, bucket_forms) in self._sound_buckets.items():
                if first == sound[:1] and low <= size <= high:
                    keys += bucket_keys
                    forms += bucket_forms
            self._fuzzy_pools[pool_key] = (keys, forms)
        return self._fuzzy_pools[pool_key]

    def people(self) -> Iterator[tuple[int, Person]]:
        """(form index, person) of every form of address, once each (Wong is under wang and huang)."""
        seen: set[int] = set()
        for by_honorific in self.by_surname.values():
            for entries in by_honorific.values():
                for f, person in entries:
                    if f not in seen:
                        seen.add(f)
                        yield f, person

    def latin_forms(self) -> tuple[list[str], list[int]]:
        """The forms written in Latin letters (Auntie Wang, peanut oil) and their indexes."""
        if self._latin_forms is None:
            pairs = [(form, f) for f, form in enumerate(self.forms) if not has_cjk(form)]
            self._latin_forms = ([p[0] for p in pairs], [p[1] for p in pairs])
        return self._latin_forms

    def extend(self, items: Iterable[tuple[_Entry, Iterable[str]]]) -> None:
        """Index each entry under each of its names (one loop with local names: this is the cost of
        building the index for 100,000 customers)."""
        entries, forms, form_entry, sounds = self.entries, self.forms, self.form_entry, self.sounds
        by_key, by_sound, by_surname, as_name = self.by_key, self.by_sound, self.by_surname, self.as_name
        all_cjk, cjk_sound = phonetic.all_cjk_match, phonetic.cjk_sound_key
        may_be_person = phonetic.may_be_person
        for entry, names in items:
            index = len(entries)
            entries.append(entry)
            start = len(forms)
            for raw in names:
                if all_cjk(raw):
                    form, sound = raw, cjk_sound(raw, as_name)
                else:
                    form = clean(raw)
                    if not form:
                        continue
                    sound = sound_key(form, as_name=as_name)
                if len(forms) > start and form in forms[start:]:  # an alias written like the name
                    continue
                f = len(forms)
                forms.append(form)
                form_entry.append(index)
                sounds.append(sound)
                by_key[form].append(f)
                by_sound[sound].append(f)
                if as_name and may_be_person(form):
                    person = parse_person(form)
                    if person is not None:
                        for s in person.sounds:
                            by_surname.setdefault(s, {}).setdefault(person.honorific, []).append((f, person))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building an index makes hundreds of thousands of small
    objects, none of them garbage, and the collector's passes over them cost 40 % of the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class NameIndex:
    """Every customer and product name of one shop, ready for ``resolve_*`` and ``snap_transcript``."""

    def __init__(self, customers: _Table, products: _Table, categories: dict[str, list[int]],
                 version: object = None) -> None:
        self.customers = customers
        self.products = products
        self.categories = categories  # cleaned category → product entry indexes
        self.version = version  # ``index_version`` of the data it was built from (None: from records)

    @classmethod
    def from_records(cls, customers: Iterable[CustomerRecord], products: Iterable[ProductRecord] = (),
                     *, version: object = None) -> NameIndex:
        """An index of these customers and products."""
        with _collector_paused():
            return cls._build(customers, products, version)

    @classmethod
    def _build(cls, customers: Iterable[CustomerRecord], products: Iterable[ProductRecord],
               version: object) -> NameIndex:
        customer_table = _Table(as_name=True)
        customer_table.extend(
            (_Entry(c.id, c.name, f"{c.name} ({c.household})" if c.household else c.name),
             (c.name, *c.aliases))
            for c in customers
        )
        product_table = _Table(as_name=False)
        products = list(products)
        product_table.extend(
            (_Entry(p.id, p.name, p.name, p.category), (p.name, *p.aliases)) for p in products
        )
        customer_table.bucket_sounds()
        product_table.bucket_sounds()
        categories: dict[str, list[int]] = {}
        for i, p in enumerate(products):
            if p.category.strip():
                categories.setdefault(clean(p.category), []).append(i)
        return cls(customer_table, product_table, categories, version)

    @classmethod
    def load(cls, session: Session, *, shop_id: int) -> NameIndex:
        """An index of the shop's customers and products as they are in the database now."""
        with _collector_paused():
            return cls._load(session, shop_id)

    @classmethod
    def _load(cls, session: Session, shop_id: int) -> NameIndex:
        version = index_version(session, shop_id=shop_id)
        # Aliases are read as raw JSON text: most customers have none, and decoding 100,000 empty
        # lists through the JSON column type costs more than building the index.
        # Through the connection (Core), not the ORM session: plain rows, a third of the read time.
        customers = (
            CustomerRecord(id=i, name=n, aliases=_aliases(a), household=h)
            for i, n, a, h in session.connection().execute(
                select(Customer.id, Customer.name, type_coerce(Customer.aliases, String), Customer.household)
                .where(Customer.shop_id == shop_id).order_by(Customer.id)
            )
        )
        products = [
            ProductRecord(id=i, name=n, aliases=tuple(a or ()), category=c or "")
            for i, n, a, c in session.execute(
                select(Product.id, Product.name, Product.aliases, Product.category)
                .where(Product.shop_id == shop_id).order_by(Product.id)
            )
        ]
        return cls.from_records(customers, products, version=version)

    @cached_property
    def longest_form(self) -> int:
        """The length of the longest name or alias, the widest window worth snapping."""
        return max((len(f) for t in (self.customers, self.products) for f in t.forms), default=0)

    @cached_property
    def english_forms(self) -> _EnglishForms:
        """Latin-letter forms to snap English transcripts to: names and aliases written in Latin
        letters, and the English form of address of each Chinese one (王阿姨 → auntie wang)."""
        forms = _EnglishForms()
        for table in (self.customers, self.products):
            for form in table.forms:
                if not has_cjk(form):
                    forms.add(form, parse_person(form) if table.as_name else None)
        for _, person in self.customers.people():
            for variant in phonetic.english_variants(person):
                forms.add(variant, parse_person(variant))
        forms.choices = list(forms.forms)
        return forms

    def chinese_phrases(self) -> list[str]:
        """Every Chinese name, alias, category and same-class form of address (李叔 → 李叔叔)."""
        phrases: dict[str, None] = {}
        for table in (self.customers, self.products):
            phrases.update((f, None) for f in table.forms if has_cjk(f) and " " not in f)
        for _, person in self.customers.people():
            phrases.update((v, None) for v in phonetic.chinese_variants(person))
        phrases.update((c, None) for c in self.categories if has_cjk(c))
        return list(phrases)


def _aliases(raw: str | list[str] | None) -> tuple[str, ...]:
    """Aliases from the raw column: JSON text on SQLite, already a list where the driver decodes JSON
    itself (psycopg2 on PostgreSQL)."""
    if not raw or raw == "[]":
        return ()
    decoded = json.loads(raw) if isinstance(raw, str) else raw
    return tuple(a for a in decoded if isinstance(a, str))


def index_version(session: Session, *, shop_id: int) -> tuple[object, ...]:
    """A cheap fingerprint of the shop's names: it changes whenever a customer is added, removed or
    edited (``updated_at``) and whenever a product's name, alias or category changes."""
    count, last_id, last_update = session.execute(
        select(func.count(Customer.id), func.max(Customer.id), func.max(Customer.updated_at))
        .where(Customer.shop_id == shop_id)
    ).one()
    # Products carry no updated_at and are few (hundreds): fingerprint what the index reads.
    products = session.execute(
        select(Product.id, Product.name, Product.aliases, Product.category).where(Product.shop_id == shop_id)
        .order_by(Product.id)
    ).all()
    return count, last_id, str(last_update), hash(repr([tuple(map(str, row)) for row in products]))


class NameIndexCache:
    """One ``NameIndex`` per shop, shared by every conversation, rebuilt when names change.

    ``get`` compares ``index_version`` with the index's at most every ``check_every`` seconds (the
    fingerprint costs a query over the customers, too much for every message at 100,000 customers);
    call ``invalidate`` after this process changes a name so the next ``get`` rebuilds at once.
    """

    def __init__(self, *, check_every: float = 5.0) -> None:
        self.check_every = check_every
        self._indexes: dict[int, NameIndex] = {}
        self._checked: dict[int, float] = {}
        self._tokens: dict[int, int | None] = {}

    def get(self, session: Session, *, shop_id: int) -> NameIndex:
        """The shop's index, rebuilt first if the names changed since it was built."""
        from assistant.db import data_version

        index = self._indexes.get(shop_id)
        now = time.monotonic()
        if index is not None and now - self._checked.get(shop_id, 0.0) < self.check_every:
            return index
        # Every committed write to customers or products changes the database's data version: while it
        # stands, nothing was renamed, and the fingerprint (a pass over all customers) is not needed.
        token = data_version.read_token(session)
        if index is not None and token is not None and token == self._tokens.get(shop_id):
            self._checked[shop_id] = now
            return index
        if index is None or index.version != index_version(session, shop_id=shop_id):
            index = self._indexes[shop_id] = NameIndex.load(session, shop_id=shop_id)
        self._checked[shop_id] = now
        self._tokens[shop_id] = token
        return index

    def invalidate(self, shop_id: int | None = None) -> None:
        """Forget the index of one shop (or all): the next ``get`` rebuilds it."""
        if shop_id is None:
            self._indexes.clear()
            self._checked.clear()
            self._tokens.clear()
        else:
            self._indexes.pop(shop_id, None)
            self._checked.pop(shop_id, None)
            self._tokens.pop(shop_id, None)


# ---------------------------------------------------------------------------------------------------
# Resolution


def resolve_customer(index: NameIndex, text: str, *, typed: bool = False) -> Resolution:
    """Which customer ``text`` (a name, alias or form of address, typed or spoken) means."""
    query = clean(text)
    if not query:
        return Resolution("unknown", text)
    table = index.customers
    scores = _score_forms(table, query)
    for reading in phonetic.pinyin_readings(query):  # "wong xiuying" is how Wang Xiuying may be written
        for f in table.by_sound.get(sound_key(reading, as_name=True), ()):
            _keep(scores, table.form_entry[f], SOUND, f, "sound")
    person = parse_person(query)
    if person is not None:
        _score_person(table, person, scores)
    if not scores or max(s for s, _, _ in scores.values()) < THRESHOLD:
        _score_fuzzy(table, query, scores)
    return _decide(table, text, scores, typed=typed)


def resolve_product(index: NameIndex, text: str, *, typed: bool = False) -> Resolution:
    """Which product ``text`` means: by name or alias (any language), sound, category or part of a name."""
    query = clean(text)
    if not query:
        return Resolution("unknown", text)
    table = index.products
    scores = _score_forms(table, query)
    if not any(s == EXACT for s, _, _ in scores.values()):
        category = _category(index, query)
        if category is not None:
            name, members = category
            found = tuple(sorted(
                (Candidate(e.id, e.name, e.label, EXACT, name, "category")
                 for e in (table.entries[i] for i in members)), key=lambda c: c.name))
            return Resolution("category", text, found)
    if not scores or max(s for s, _, _ in scores.values()) < THRESHOLD:
        for f, form in enumerate(table.forms):
            if len(query) >= 2 and query in form:
                _keep(scores, table.form_entry[f], CONTAINS, f, "contains")
    if not scores or max(s for s, _, _ in scores.values()) < THRESHOLD:
        _score_fuzzy(table, query, scores)
    return _decide(table, text, scores, typed=typed)


def _keep(scores: dict[int, tuple[float, int, str]], entry: int, score: float, form: int, how: str) -> None:
    if entry not in scores or scores[entry][0] < score:
        scores[entry] = (score, form, how)


def _score_forms(table: _Table, query: str) -> dict[int, tuple[float, int, str]]:
    """Exact and same-sound matches of the whole query: entry index → (score, form index, how)."""
    scores: dict[int, tuple[float, int, str]] = {}
    for f in table.by_key.get(query, ()):
        _keep(scores, table.form_entry[f], EXACT, f, "exact")
    for f in table.by_sound.get(sound_key(query, as_name=table.as_name), ()):
        _keep(scores, table.form_entry[f], SOUND, f, "sound")
    return scores


def _score_person(table: _Table, asked: Person, scores: dict[int, tuple[float, int, str]]) -> None:
    """Forms of address with the same surname sound and a compatible honorific."""
    if asked.full is not None:
        # 王秀英阿姨: the full name said with an honorific.
        for f in table.by_key.get(asked.full, ()):
            _keep(scores, table.form_entry[f], VARIANT, f, "variant")
        for f in table.by_sound.get(sound_key(asked.full, as_name=True), ()):
            _keep(scores, table.form_entry[f], SOUND, f, "sound")
    for surname in asked.sounds:
        for honorific, entries in table.by_surname.get(surname, {}).items():
            fit = phonetic.honorific_score(asked.honorific, honorific)
            if fit == 0.0:
                continue
            for f, known in entries:
                if asked.full is not None and (
                    known.full is None
                    or sound_key(known.full, as_name=True) != sound_key(asked.full, as_name=True)
                ):
                    continue  # 王秀英阿姨 is not 王桂兰阿姨
                if fit == 1.0 and asked.surname is not None and asked.surname == known.surname:
                    _keep(scores, table.form_entry[f], VARIANT, f, "variant")
                else:
                    _keep(scores, table.form_entry[f], PERSON * fit, f, "person")


def _score_fuzzy(table: _Table, query: str, scores: dict[int, tuple[float, int, str]]) -> None:
    """Near spellings and near sounds (typos, a syllable misheard), scored ``FUZZY`` × ratio."""
    sound = sound_key(query, as_name=table.as_name)
    pools = [(sound, table.fuzzy_pool(sound))]
    if not has_cjk(query):
        pools.append((query, table.latin_forms()))
    for text, (choices, forms) in pools:
        for _, ratio, i in process.extract(text, choices, scorer=fuzz.ratio, limit=MAX_CANDIDATES * 4,
                                           score_cutoff=_FUZZY_CUTOFF):
            _keep(scores, table.form_entry[forms[i]], FUZZY * ratio / 100, forms[i], "fuzzy")


def _category(index: NameIndex, query: str) -> tuple[str, list[int]] | None:
    """The category ``query`` names (米, rice, 大米 for a shop whose category is 米), if any."""
    names = [query, *_ENGLISH_CATEGORY_WORDS.get(query, ()), *_CHINESE_CATEGORY_WORDS.get(query, ())]
    for name in names:
        if name in index.categories:
            return name, index.categories[name]
    return None


def _decide(table: _Table, text: str, scores: dict[int, tuple[float, int, str]], *,
            typed: bool) -> Resolution:
    """Turn scores into a status: see the module docstring for the rule."""
    rows = [(score, e, f, how) for e, (score, f, how) in scores.items() if score >= THRESHOLD]
    if not rows:
        return Resolution("unknown", text)

    def candidate(row: tuple[float, int, int, str]) -> Candidate:
        score, e, f, how = row
        entry = table.entries[e]
        return Candidate(entry.id, entry.name, entry.label, score, table.forms[f], how)

    if typed:
        exact = [row for row in rows if row[0] == EXACT]
        if len(exact) == 1:
            return Resolution("exact", text, (candidate(exact[0]),))
    top = max(row[0] for row in rows)
    tied = [row for row in rows if row[0] >= top - MARGIN]
    if len(tied) == 1:
        return Resolution("exact" if top == EXACT else "match", text, (candidate(tied[0]),))
    # 老王 in a shop of 100,000 ties with a thousand people: only the few shown become candidates.
    shown = heapq.nsmallest(MAX_CANDIDATES, tied, key=lambda row: (-row[0], table.entries[row[1]].name))
    return Resolution("ambiguous", text, tuple(map(candidate, shown)), more=len(tied) - len(shown))


# ---------------------------------------------------------------------------------------------------
# Snapping a recogniser's transcript to known names


def snap_transcript(index: NameIndex, text: str, language: str) -> str:
    """``text`` with misheard names replaced by the one known name they sound like; else unchanged.

    Chinese (``language`` "zh"): every window of 2 or more characters (spaces between them allowed,
    as Vosk writes) whose sound equals a known name of the same length is rewritten character by
    character, keeping the spacing. Two-character windows need the exact toneless pinyin, longer ones
    the merged sound (see ``phonetic.sound_key``). A window is left alone when it already is a known
    name; when it starts or ends inside a word (the recogniser's spaces mark them; jieba cuts unspaced
    text), or is or cuts through an ordinary word (jieba frequency ≥ ``COMMON_WORD_FREQ``): 生 过敏 of
    "花生 过敏" is not 沈国敏, nor 时间没 of "好长时间没来" 石建美; when it sounds like two different
    names; or when snapping would rewrite a one-character command word (赵燕买了 is not 赵燕麦了: 买,
    要, 袋, 两 are what the owner says around names, and the recogniser knows them well).
    English ("en"): windows of 1–4 words are replaced by a known Latin form (a Latin alias, or an
    English form of address of a Chinese one: auntie wang) with the same surname sound and honorific,
    the same name with its surname romanised (wong xiuying), or a spelling with a rapidfuzz ratio ≥ 88
    to which both edge words of the window contribute; again only when exactly one fits and
    ``resolve_customer`` / ``resolve_product`` would not ask which one the words mean.
    """
    if language.startswith("zh"):
        return _snap_chinese(index, text)
    if language.startswith("en"):
        return _snap_english(index, text)
    return _snap_english(index, _snap_chinese(index, text))


def _cjk_runs(text: str) -> Iterator[list[int]]:
    """Positions of the Chinese characters of ``text``, in runs separated by anything but spaces."""
    run: list[int] = []
    for i, ch in enumerate(text):
        if phonetic.is_cjk(ch):
            run.append(i)
        elif not ch.isspace() and run:
            yield run
            run = []
    if run:
        yield run


def is_common_word(word: str) -> bool:
    """Whether jieba's dictionary counts ``word`` as an everyday word (高山: a name, and a mountain)."""
    import jieba  # jieba's own shared dictionary, loaded on first use (the NLU loads it too)

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) >= COMMON_WORD_FREQ


def _snap_chinese(index: NameIndex, text: str) -> str:
    chars = list(text)
    longest = index.longest_form
    for run in _cjk_runs(text):
        run_text = "".join(text[p] for p in run)
        boundaries = _word_boundaries(run, run_text)
        i = 0
        while i < len(run):
            step = 1
            sizes = [n for n in range(min(longest, len(run) - i), 1, -1) if {i, i + n} <= boundaries]
            known = next((n for n in sizes if any(run_text[i:i + n] in t.by_key
                                                  for t in (index.customers, index.products))), 0)
            if known:  # a known name as said (食盐) is kept whole, never read into a longer sound-alike
                i += known
                continue
            for size in sizes:
                window = run_text[i:i + size]
                replacements = _sounds_like(index, window)
                if not replacements:
                    continue
                step = size
                replacement = next(iter(replacements))
                if (len(replacements) == 1 and not is_common_word(window)
                        and not _cuts_a_word(run_text, i, i + size)
                        and not any(a != b and a in _COMMAND_CHARS
                                    for a, b in zip(window, replacement, strict=True))):
                    for position, char in zip(run[i:i + size], replacement, strict=True):
                        chars[position] = char
                break
            i += step
    return "".join(chars)


def _word_boundaries(run: list[int], run_text: str) -> set[int]:
    """Where words start and end in a run of Chinese characters: a name starts and ends on one (生过敏
    in "花生 过敏" is not the customer 沈国敏). The recogniser's spaces mark them; unspaced text is cut
    by jieba's dictionary (without its guesses at unknown words, which a misheard name is)."""
    import jieba

    spaces = {k for k in range(1, len(run)) if run[k] - run[k - 1] > 1}
    if not spaces:
        lengths = [len(word) for word in jieba.lcut(run_text, HMM=False)]
        spaces = {sum(lengths[:n]) for n in range(1, len(lengths))}
    return spaces | {0, len(run)}


def _cuts_a_word(run_text: str, start: int, end: int) -> bool:
    """Whether a window's first character ends, or its last one starts, an ordinary word (时|间没)."""
    return (start > 0 and is_common_word(run_text[start - 1:start + 1])) or (
        end < len(run_text) and is_common_word(run_text[end - 1:end + 1]))


def _sounds_like(index: NameIndex, window: str) -> set[str]:
    """The known names of ``window``'s length and sound (exact pinyin for two characters)."""
    found: set[str] = set()
    for table in (index.customers, index.products):
        for f in table.by_sound.get(sound_key(window, as_name=table.as_name), ()):
            form = table.forms[f]
            if len(form) != len(window) or not phonetic.is_all_cjk(form):
                continue
            if len(window) == 2 and (phonetic.syllables(form, as_name=table.as_name)
                                     != phonetic.syllables(window, as_name=table.as_name)):
                continue
            found.add(form)
    return found


def _snap_english(index: NameIndex, text: str) -> str:
    words = list(_LATIN_WORD.finditer(text))
    english = index.english_forms
    if not words or not english.forms:
        return text
    pieces: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        step = 1
        for size in range(min(4, len(words) - i), 0, -1):
            window = " ".join(w.group().lower() for w in words[i:i + size])
            if window in english.forms:
                step = size
                break
            if len(window.replace(" ", "")) < 4:
                continue
            said = [w.group().lower() for w in words[i:i + size]]
            if said[0] in _FUNCTION_WORDS or said[-1] in _FUNCTION_WORDS:
                continue  # "to liang" is not Tao Ligang: a name neither starts nor ends with "to"
            fits = _english_fits(said, english)
            if fits:
                step = size
                # Never decide by spelling what resolution would ask about ("which Guo Lanjing?").
                if len(fits) == 1 and "ambiguous" not in (resolve_customer(index, window).status,
                                                          resolve_product(index, window).status):
                    pieces.append((words[i].start(), words[i + size - 1].end(), fits.pop()))
                break
        i += step
    for start, end, form in reversed(pieces):
        text = text[:start] + form + text[end:]
    return text


def _english_fits(words: list[str], english: _EnglishForms) -> set[str]:
    """Known Latin forms the ``words`` may be: same surname sound and honorific, or a near spelling."""
    window = " ".join(words)
    fits: set[str] = set()
    asked = parse_person(window)
    if asked is not None:
        for sound in asked.sounds:
            fits |= english.by_person.get((sound, asked.honorific), set())
        # "mrs wong" → "mrs wang" rather than "ms wang": keep the honorific word that was said.
        same_word = {f for f in fits if f.split()[0] == window.split()[0]}
        fits = same_word or fits
        # "missus liu" fits "mrs liu" and "ms liu": one name with two words for one honorific, so
        # take the class's first word rather than call it a tie.
        if len(fits) > 1 and len({f.split(" ", 1)[-1] for f in fits}) == 1:
            words = phonetic.HONORIFIC_BY_NAME[asked.honorific].english
            fits = {min(fits, key=lambda f: words.index(f.split()[0]) if f.split()[0] in words else len(words))}
    if words[0] not in _ENGLISH_WORD_ROMANISATIONS:
        fits.update(r for r in phonetic.pinyin_readings(window) if r in english.forms)  # wong xiuying
    for form, ratio, _ in process.extract(window, english.choices, scorer=fuzz.ratio, limit=4, score_cutoff=88):
        # "to auntie wang guilan" is near "auntie wang guilan" only because the name is in it: a word at
        # the window's edge that does not make the match closer belongs to the sentence, not the name.
        if len(words) > 1 and any(fuzz.ratio(" ".join(part), form) >= ratio for part in (words[1:], words[:-1])):
            continue
        fits.add(form)
    return fits


# ---------------------------------------------------------------------------------------------------
# Vocabulary for the recogniser and the NLU tokenizer


def grammar_phrases(index: NameIndex, model_words: set[str] | None = None, *,
                    language: str | None = None) -> list[str]:
    """Phrases for a Vosk grammar: names, forms of address and command words, split into the model's
    words. ``language`` "zh…" or "en…" keeps one language (None or anything else: both). With
    ``model_words`` (see ``read_model_words``) a Chinese phrase is split by longest match over the
    model's vocabulary (王秀英 → 王 秀英 or 王 秀 英) and a phrase with a word the model lacks is
    dropped; without it, jieba splits. The caller adds ``"[unk]"`` if the grammar should let other
    words through."""
    phrases: dict[str, None] = {}
    language = (language or "").lower()
    if not language.startswith("en"):
        for phrase in [*index.chinese_phrases(), *COMMAND_WORDS_ZH]:
            segmented = _segment(phrase, model_words)
            if segmented:
                phrases[segmented] = None
    if not language.startswith("zh"):
        for phrase in [*index.english_forms.forms, *COMMAND_WORDS_EN]:
            words = phrase.lower().split()
            if model_words is None or all(w in model_words for w in words):
                phrases[" ".join(words)] = None
    return list(phrases)


def _segment(phrase: str, model_words: set[str] | None) -> str | None:
    if model_words is None:
        import jieba

        return " ".join(w for w in jieba.lcut(phrase, HMM=False) if w.strip())
    words: list[str] = []
    i = 0
    while i < len(phrase):
        for size in range(min(6, len(phrase) - i), 0, -1):
            if phrase[i:i + size] in model_words:
                words.append(phrase[i:i + size])
                i += size
                break
        else:
            return None
    return " ".join(words)


def read_model_words(model_dir: str | Path) -> set[str] | None:
    """The vocabulary of a Vosk model folder: ``graph/words.txt``, or the word symbol table stored in
    ``graph/Gr.fst`` / ``graph/HCLG.fst`` (the small models keep it there). None when neither has one."""
    graph = Path(model_dir) / "graph"
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with words_txt.open(encoding="utf-8") as lines:
            return {line.split()[0] for line in lines if line.strip()}
    for name in ("Gr.fst", "HCLG.fst"):
        if (graph / name).is_file():
            words = _fst_output_symbols(graph / name)
            if words is not None:
                return words
    return None


def _fst_output_symbols(path: Path) -> set[str] | None:
    """The output symbol table of an OpenFst binary file (header, then the symbol tables)."""
    data = path.read_bytes()  # tens of MB; parsing from memory is ten times faster than small reads
    offset = 0

    def number(fmt: str) -> Any:
        nonlocal offset
        value = struct.unpack_from(fmt, data, offset)[0]
        offset += struct.calcsize(fmt)
        return value

    def string() -> str:
        nonlocal offset
        size = number("<i")
        offset += size
        return data[offset - size:offset].decode("utf-8", errors="replace")

    if len(data) < 4 or number("<i") != 2125659606:  # OpenFst's magic number
        return None
    string(), string()  # fst type, arc type
    number("<i")  # version
    flags = number("<i")
    offset += 8 * 4  # properties, start state, number of states, number of arcs
    tables: list[set[str]] = []
    for flag in (1, 2):  # input symbols, output symbols
        if not flags & flag:
            continue
        if number("<i") != 2125658996:  # SymbolTable's magic number
            return None
        string()  # table name
        number("<q")  # available key
        table = set()
        size_at = struct.Struct("<i").unpack_from
        for _ in range(number("<q")):  # half a million words: kept to plain local operations
            (size,) = size_at(data, offset)
            table.add(data[offset + 4:offset + 4 + size].decode("utf-8", errors="replace"))
            offset += 4 + size + 8  # length, text, the symbol's key
        tables.append(table)
    return tables[-1] if tables else None


def jieba_user_dict(index: NameIndex) -> str:
    """A jieba user dictionary (``word freq pos`` lines) that keeps every Chinese customer name,
    alias and form of address (``nr``) and product name and category (``n``) in one token."""
    lines: dict[str, str] = {}
    product_words = [f for f in index.products.forms if has_cjk(f) and " " not in f] + [
        c for c in index.categories if has_cjk(c) and " " not in c]
    for word in product_words:
        if len(word) < 2:
            # A one-character category (米, 油) is already a jieba word; a high count would split 酱油.
            continue
        lines.setdefault(word, f"{word} {NAME_FREQ} n")
    for word in index.chinese_phrases():
        if len(word) < 2:
            continue
        lines.setdefault(word, f"{word} {NAME_FREQ} nr")
    return "".join(line + "\n" for line in sorted(lines.values()))


def write_jieba_dict(index: NameIndex, path: str | Path) -> Path:
    """Write ``jieba_user_dict`` to ``path`` (atomically: a tokenizer never reads half a file)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(jieba_user_dict(index), encoding="utf-8")
    partial.replace(target)
    return target
