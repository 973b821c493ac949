"""Spoken and typed names resolved against the shop's customers and products: pure functions over a
``NameIndex`` built from plain records (no database here; ``assistant.shop.name_index`` reads it).

- ``index``: ``NameIndex`` and the records it is built from (``CustomerRecord``, ``ProductRecord``);
- ``scores``: the score ladder (``EXACT`` … ``THRESHOLD``, ``MARGIN``) and what each step means;
- ``matching``: ``resolve_customer`` / ``resolve_product`` → a ``Resolution`` of ``Candidate``s;
- ``snapping``: ``snap_transcript``, a recogniser's misheard names replaced by known ones;
- ``grammar``: ``grammar_phrases`` for a recogniser's grammar, in the model's own words.
"""

from assistant.language.names.grammar import COMMAND_WORDS_EN, COMMAND_WORDS_ZH, grammar_phrases
from assistant.language.names.index import CustomerRecord, NameIndex, ProductRecord
from assistant.language.names.matching import (
    Candidate,
    Resolution,
    english_category_words,
    resolve_customer,
    resolve_product,
)
from assistant.language.names.scores import (
    CONTAINS,
    EXACT,
    FUZZY,
    MARGIN,
    MAX_CANDIDATES,
    PERSON,
    SOUND,
    THRESHOLD,
    VARIANT,
)
from assistant.language.names.snapping import COMMON_WORD_FREQ, is_common_word, snap_transcript

__all__ = [
    "COMMAND_WORDS_EN",
    "COMMAND_WORDS_ZH",
    "COMMON_WORD_FREQ",
    "CONTAINS",
    "EXACT",
    "FUZZY",
    "MARGIN",
    "MAX_CANDIDATES",
    "PERSON",
    "SOUND",
    "THRESHOLD",
    "VARIANT",
    "Candidate",
    "CustomerRecord",
    "NameIndex",
    "ProductRecord",
    "Resolution",
    "grammar_phrases",
    "english_category_words",
    "is_common_word",
    "resolve_customer",
    "resolve_product",
    "snap_transcript",
]
