"""Courtesy titles that say nothing of what someone is called in the shop: a Filipino helper's "Sir Zhou" is
周师傅 (Master Zhou), "Ma'am Wang" 王阿姨, "Kuya Li" 李叔, "Ate Zhang" 张姐 (owner trial 14, W1).

"Sir" would otherwise be read as 先生 (mister), which no 师傅 fits (a role), so a 老邹 (a familiar form that
fits anyone) won with a sound merely near the surname said. A courtesy title keeps only its gender: the
person is whoever has that surname, spelled as said when one does (Zhou is 周 before 邹), of any honorific
that is not of the other gender."""

from __future__ import annotations

import re

from assistant.language import phonetic
from assistant.language.names.index import NameTable
from assistant.language.names.scores import SURNAME_ALONE

# Title → the gender it says ("" either); Latin words after ``phonetic.clean`` (ma'am → "ma am").
_COURTESY = {"sir": "m", "kuya": "m", "manong": "m", "ma am": "f", "maam": "f", "mam": "f", "ate": "f",
             "manang": "f"}
_TITLED = re.compile(rf"^({'|'.join(sorted(_COURTESY, key=len, reverse=True))}) ([a-z]+)$")


def courtesy_title(query: str) -> tuple[str, str] | None:
    """(the gender the title says, the surname word) of a cleaned "sir zhou" / "ma am wang"; None otherwise."""
    found = _TITLED.match(query)
    return (_COURTESY[found.group(1)], found.group(2)) if found else None


def score_courtesy(table: NameTable, gender: str, word: str, scores: dict[int, tuple[float, int, str]]) -> None:
    """Everyone of surname ``word`` not of the other gender, those whose surname is spelled ``word`` only
    when there are any; each as a surname said alone (``SURNAME_ALONE``)."""
    alone = phonetic.parse_person(f"lao {word}")
    if alone is None:
        return
    found: dict[int, tuple[bool, int]] = {}
    for sound in alone.sounds:
        for honorific, entries in table.by_surname.get(sound, {}).items():
            other = phonetic.HONORIFIC_BY_NAME[honorific].gender
            if other and gender and other != gender:
                continue
            for f, known in entries:
                spelled = _spelled(table.forms[f], known, word)
                entry = table.form_entry[f]
                if entry not in found or (spelled and not found[entry][0]):
                    found[entry] = (spelled, f)
    exact = any(spelled for spelled, _ in found.values())
    for entry, (spelled, f) in found.items():
        if (spelled or not exact) and (entry not in scores or scores[entry][0] < SURNAME_ALONE):
            scores[entry] = (SURNAME_ALONE, f, "surname")


def _spelled(form: str, known: phonetic.Person, word: str) -> bool:
    """Whether the form's surname is written (or read in pinyin) exactly as ``word``: 周 is zhou, not zou."""
    if known.surname and phonetic.is_all_cjk(known.surname):
        return "".join(phonetic.char_pinyin(c) for c in known.surname) == word
    return word in form.split()
