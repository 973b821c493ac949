"""Which customer or product a typed or spoken name means: exact text, aliases, pinyin homophones,
forms of address across languages, categories and fuzzy spellings, scored as ``scores`` describes."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from assistant.language import phonetic
from assistant.language.names.guesses import widen_kinship_guess
from assistant.language.names.index import NameIndex, NameTable
from assistant.language.names.scores import (
    CONTAINS,
    EXACT,
    FUZZY,
    FUZZY_CUTOFF,
    MARGIN,
    MAX_CANDIDATES,
    PERSON,
    SOUND,
    SURNAME_ALONE,
    THRESHOLD,
    VARIANT,
)
from assistant.language.names.titles import courtesy_title, score_courtesy
from assistant.language.phonetic import Person, clean, has_cjk, parse_person, sound_key
from assistant.language.pronouns import refers_back

_ENGLISH_CATEGORY_WORDS = {
    "rice": ("米", "大米"), "oil": ("油", "食用油"), "cooking oil": ("油", "食用油"), "flour": ("面粉", "面"),
    "noodles": ("面条", "面"), "grain": ("杂粮", "粮"), "grains": ("杂粮", "粮"), "beans": ("豆", "豆类"),
    "seasoning": ("调料", "调味品"), "sauce": ("调料", "酱油"), "soy sauce": ("酱油",),
    "eggs": ("蛋", "鸡蛋"),
}
def english_category_words(category: str) -> list[str]:
    """The English words that name a shop's category (油 → "oil", "cooking oil"; 米 → "rice")."""
    return [word for word, chinese in _ENGLISH_CATEGORY_WORDS.items() if category in chinese]


_CHINESE_CATEGORY_WORDS = {
    "大米": ("米",), "米": ("大米",), "食用油": ("油",), "油": ("食用油",), "面": ("面粉", "面条"),
    "粮食": ("米", "杂粮"), "杂粮": ("粮",), "调料": ("调味品",), "调味品": ("调料",),
}


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
    titled = courtesy_title(query)  # "sir zhou": 周师傅 as a Filipino helper says him, not a 先生
    person = parse_person(query) if titled is None else None
    if titled is not None:
        score_courtesy(table, *titled, scores)
    if person is not None:
        _score_person(table, person, scores)
        widen_kinship_guess(table, person, scores)
    alone = parse_person(f"lao {query}") if not scores and _one_latin_word(query) else None
    if alone is not None:
        # "Zhang's kid": a surname alone, as English speakers name someone, fits anyone called Zhang
        # equally, whatever they are called (老张, 张姐, 张师傅): several make a "which one?".
        found: dict[int, tuple[float, int, str]] = {}
        _score_person(table, alone, found)
        for entry, (score, form, _) in found.items():
            _keep(scores, entry, min(score, SURNAME_ALONE), form, "surname")
    if not scores or max(s for s, _, _ in scores.values()) < THRESHOLD:
        _score_fuzzy(table, query, scores)
    return _decide(table, text, scores, typed=typed)


def _one_latin_word(query: str) -> bool:
    """Whether ``query`` is one word in Latin letters ("zhang"), not a pronoun ("he" is not 何)."""
    return query.isascii() and query.isalpha() and len(query) >= 2 and not refers_back(query)


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
            if len(query) >= 2 and (query in form or _shortened(query, form)):
                _keep(scores, table.form_entry[f], CONTAINS, f, "contains")
    if not scores or max(s for s, _, _ in scores.values()) < THRESHOLD:
        _score_fuzzy(table, query, scores)
    return _decide(table, text, scores, typed=typed)


def _shortened(query: str, form: str) -> bool:
    """Whether ``query`` is ``form`` said short, a character or two left out inside it ("五常米" for 五常大米)."""
    if len(query) < 3 or not 0 < len(form) - len(query) <= 2 or query[0] != form[0] or query[-1] != form[-1]:
        return False
    rest = iter(form)
    return all(char in rest for char in query)


def _keep(scores: dict[int, tuple[float, int, str]], entry: int, score: float, form: int, how: str) -> None:
    if entry not in scores or scores[entry][0] < score:
        scores[entry] = (score, form, how)


def _score_forms(table: NameTable, query: str) -> dict[int, tuple[float, int, str]]:
    """Exact and same-sound matches of the whole query: entry index → (score, form index, how)."""
    scores: dict[int, tuple[float, int, str]] = {}
    for f in table.by_key.get(query, ()):
        _keep(scores, table.form_entry[f], EXACT, f, "exact")
    for f in table.by_sound.get(sound_key(query, as_name=table.as_name), ()):
        _keep(scores, table.form_entry[f], SOUND, f, "sound")
    return scores


def _score_person(table: NameTable, asked: Person, scores: dict[int, tuple[float, int, str]]) -> None:
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


def _score_fuzzy(table: NameTable, query: str, scores: dict[int, tuple[float, int, str]]) -> None:
    """Near spellings and near sounds (typos, a syllable misheard), scored ``FUZZY`` × ratio."""
    sound = sound_key(query, as_name=table.as_name)
    pools = [(sound, table.fuzzy_pool(sound))]
    if not has_cjk(query):
        pools.append((query, table.latin_forms()))
    for text, (choices, forms) in pools:
        for _, ratio, i in process.extract(text, choices, scorer=fuzz.ratio, limit=MAX_CANDIDATES * 4,
                                           score_cutoff=FUZZY_CUTOFF):
            _keep(scores, table.form_entry[forms[i]], FUZZY * ratio / 100, forms[i], "fuzzy")


def _category(index: NameIndex, query: str) -> tuple[str, list[int]] | None:
    """The category ``query`` names (米, rice, 大米 for a shop whose category is 米), if any."""
    names = [query, *_ENGLISH_CATEGORY_WORDS.get(query, ()), *_CHINESE_CATEGORY_WORDS.get(query, ())]
    for name in names:
        if name in index.categories:
            return name, index.categories[name]
    return None


def _decide(table: NameTable, text: str, scores: dict[int, tuple[float, int, str]], *,
            typed: bool) -> Resolution:
    """Turn scores into a status: see ``assistant.language.names.scores`` for the rule."""
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

