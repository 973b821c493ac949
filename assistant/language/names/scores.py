"""How sure a match is: the score ladder of ``resolve_customer`` / ``resolve_product`` (1 is certain).

A name or alias that is:

- ``EXACT`` 1.00: the same text (after clean-up: case, punctuation, Vosk's spaces: "王 阿 姨" = 王阿姨);
- ``VARIANT`` 0.97: the same surname with another honorific of the same class (李叔 ≈ 李叔叔), or a
  full name said with an honorific (王秀英阿姨 → 王秀英);
- ``SOUND`` 0.95: said the same (toneless pinyin with zh/z, ch/c, sh/s and -ng/-n merged: 汪阿姨 ≈
  王阿姨, 程姐 ≈ 陈姐, "wang ayi" ≈ 王阿姨);
- ``PERSON`` 0.92: the same surname sound and honorific class across languages ("Auntie Wong" ≈ 王阿姨,
  "Mrs Wang" ≈ 王女士), times 0.9 for another honorific of the same gender ("Mrs Wang" ≈ 王阿姨: 0.83)
  and 0.88 when one side has no gender (老王 ≈ 王阿姨: 0.81); opposite genders never match, nor do a
  role and another honorific (赵老板 is not 赵叔; see ``phonetic.honorific_score``);
- ``SURNAME_ALONE`` 0.81: a surname alone in English ("Zhang's kid"), anyone of that surname sound whatever
  their honorific, only when nothing else matched;
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

EXACT = 1.0
VARIANT = 0.97
SOUND = 0.95
PERSON = 0.92
# A surname alone in English ("Zhang's kid") fits every Zhang alike: a person match of any honorific.
SURNAME_ALONE = round(PERSON * 0.88, 2)
CONTAINS = 0.85
FUZZY = 0.9
THRESHOLD = 0.80
MARGIN = 0.06
# Fuzzy ratios below this cannot reach THRESHOLD once multiplied by FUZZY, so rapidfuzz skips them.
FUZZY_CUTOFF = 100 * THRESHOLD / FUZZY
# The most candidates an ambiguous answer carries: a question with more options cannot be spoken.
MAX_CANDIDATES = 8
