"""The name index: every customer and product name of one shop, keyed every way a query looks it up.

A ``NameIndex`` holds every customer name and alias (with the household, to tell two people apart) and
every product name, alias and category, keyed by exact text, by sound and by form of address. It is
built from plain records (``NameIndex.from_records``): reading them from the database is
``assistant.shop.name_index``'s job, which also keeps one index per shop up to date.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from assistant.language import phonetic
from assistant.language.names.scores import FUZZY_CUTOFF
from assistant.language.phonetic import Person, clean, has_cjk, parse_person, sound_key


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


class Entry(NamedTuple):
    """One customer or product as the index shows it (``label`` tells namesakes apart)."""

    id: int
    name: str
    label: str
    category: str = ""


@dataclass
class EnglishForms:
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


@dataclass
class NameTable:
    """The forms (names and aliases) of one kind of entry, keyed every way a query looks them up."""

    as_name: bool  # customers' forms start with a surname (曾 read zeng)
    entries: list[Entry] = field(default_factory=list)
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
        can still reach a ratio of ``FUZZY_CUTOFF``, so the fuzzy pass skips most of 150,000 keys."""
        pool_key = (sound[:1], len(sound))
        if pool_key not in self._fuzzy_pools:
            # ratio = 2·matches / (len1 + len2) ≤ 2·min / (len1 + len2): the lengths cannot differ much.
            low = len(sound) * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF)
            high = len(sound) * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF
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

    def extend(self, items: Iterable[tuple[Entry, Iterable[str]]]) -> None:
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
def collector_paused() -> Iterator[None]:
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

    def __init__(self, customers: NameTable, products: NameTable, categories: dict[str, list[int]],
                 version: object = None) -> None:
        self.customers = customers
        self.products = products
        self.categories = categories  # cleaned category → product entry indexes
        # What the records were read at (``assistant.shop.name_index.index_version``); None: unknown.
        self.version = version

    @classmethod
    def from_records(cls, customers: Iterable[CustomerRecord], products: Iterable[ProductRecord] = (),
                     *, version: object = None) -> NameIndex:
        """An index of these customers and products."""
        with collector_paused():
            return cls._build(customers, products, version)

    @classmethod
    def _build(cls, customers: Iterable[CustomerRecord], products: Iterable[ProductRecord],
               version: object) -> NameIndex:
        customer_table = NameTable(as_name=True)
        customer_table.extend(
            (Entry(c.id, c.name, f"{c.name} ({c.household})" if c.household else c.name),
             (c.name, *c.aliases))
            for c in customers
        )
        product_table = NameTable(as_name=False)
        products = list(products)
        product_table.extend(
            (Entry(p.id, p.name, p.name, p.category), (p.name, *p.aliases)) for p in products
        )
        customer_table.bucket_sounds()
        product_table.bucket_sounds()
        categories: dict[str, list[int]] = {}
        for i, p in enumerate(products):
            if p.category.strip():
                categories.setdefault(clean(p.category), []).append(i)
        return cls(customer_table, product_table, categories, version)

    @cached_property
    def longest_form(self) -> int:
        """The length of the longest name or alias, the widest window worth snapping."""
        return max((len(f) for t in (self.customers, self.products) for f in t.forms), default=0)

    @cached_property
    def english_forms(self) -> EnglishForms:
        """Latin-letter forms to snap English transcripts to: names and aliases written in Latin
        letters, and the English form of address of each Chinese one (王阿姨 → auntie wang)."""
        forms = EnglishForms()
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
