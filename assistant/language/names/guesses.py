"""A kinship address the shop does not know, fitting one of several namesakes only by a familiar form.

"张大爷" in a shop of 张丽 (张姐), 张红建 (小张) and 张辉: no one is called 张大爷, and the only form it fits
is 小张, because a familiar 小/老 says nothing of sex (``phonetic.honorific_score``: 0.88). Taking 张红建
for it is a guess among three 张s, and the owner heard "张红建没有欠账" about someone she never named.
So when every match is such a guess and the shop has more than one customer of that surname sound (not
counting those addressed as the other sex: 张姐 is not 张大爷), they all tie and she is asked which one.
With one namesake the guess stands, but ``is_kinship_guess`` tells the caller to say it was one.
"""

from __future__ import annotations

from assistant.language.names.index import NameTable
from assistant.language.names.scores import PERSON, THRESHOLD
from assistant.language.phonetic import HONORIFIC_BY_NAME, Person, clean, parse_person, sound_key

# A person match below this fits only through a form that says nothing of sex (小张 for 张大爷).
_SEXLESS_FIT = PERSON * 0.9


def widen_kinship_guess(table: NameTable, asked: Person, scores: dict[int, tuple[float, int, str]]) -> None:
    """Tie every namesake with the guess when ``asked`` is a kinship address matched only by guess."""
    honorific = HONORIFIC_BY_NAME[asked.honorific]
    if asked.surname is None or asked.full is not None or not honorific.gender or honorific.role:
        return
    kept = [(score, how) for score, _, how in scores.values() if score >= THRESHOLD]
    if not kept or any(how != "person" or score >= _SEXLESS_FIT for score, how in kept):
        return
    other_sex = {table.form_entry[f] for f, person in table.people()
                 if HONORIFIC_BY_NAME[person.honorific].gender not in ("", honorific.gender)}
    namesakes: dict[int, int] = {}  # entry → the form of its name
    sounds: dict[str, str] = {}  # a shop of 100,000 has a few hundred surnames: each is read once
    for f, form in enumerate(table.forms):
        entry = table.form_entry[f]
        if entry in namesakes or entry in other_sex or form != table.entries[entry].name:
            continue
        for size in (1, 2):
            head = form[:size]
            if len(form) > size and sounds.setdefault(head, sound_key(head, as_name=True)) in asked.sounds:
                namesakes[entry] = f
    if len(namesakes) < 2:
        return
    guess = max(score for score, _ in kept)
    for entry, f in namesakes.items():
        if entry not in scores:
            scores[entry] = (guess, f, "surname")


def is_kinship_guess(spoken: str, how: str, score: float) -> bool:
    """Whether a match of ``spoken`` (a kinship address) came only through a form that says nothing of sex."""
    asked = parse_person(clean(spoken))
    if asked is None or asked.surname is None:
        return False
    honorific = HONORIFIC_BY_NAME[asked.honorific]
    return bool(honorific.gender) and not honorific.role and how == "person" and score < _SEXLESS_FIT


def typed_surname_differs(spoken: str, matched: str) -> bool:
    """Whether a typed form of address names another surname than the form it matched: typed 老钱 is not 阿强
    (qian and qiang sound alike only to a recogniser; typed characters say which), while typed 汪姐 may still be
    王阿姨 (the same sound, an input method's slip)."""
    from assistant.language.phonetic import char_pinyin

    asked, known = parse_person(clean(spoken)), parse_person(clean(matched))
    if asked is None or known is None or asked.surname is None or known.surname is None:
        return False
    if asked.surname == known.surname or len(asked.surname) != len(known.surname):
        return asked.surname != known.surname
    return any(char_pinyin(a) != char_pinyin(k) for a, k in zip(asked.surname, known.surname, strict=True))
