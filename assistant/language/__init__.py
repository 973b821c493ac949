"""Language in front of the NLU: text normalisation and names resolved against the shop's own names.

Pure functions over plain data: nothing here reads the database (``assistant.shop.name_index`` builds
the name index from it).
"""

from assistant.language.names import (
    Candidate,
    CustomerRecord,
    NameIndex,
    ProductRecord,
    Resolution,
    grammar_phrases,
    resolve_customer,
    resolve_product,
    snap_transcript,
)
from assistant.language.normalize import Normalized, normalize

__all__ = [
    "Candidate",
    "CustomerRecord",
    "NameIndex",
    "Normalized",
    "ProductRecord",
    "Resolution",
    "grammar_phrases",
    "normalize",
    "resolve_customer",
    "resolve_product",
    "snap_transcript",
]
