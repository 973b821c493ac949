"""Language in front of the NLU: text normalisation and names resolved against the shop's database."""

from assistant.language.names import (
    Candidate,
    CustomerRecord,
    NameIndex,
    NameIndexCache,
    ProductRecord,
    Resolution,
    grammar_phrases,
    index_version,
    jieba_user_dict,
    read_model_words,
    resolve_customer,
    resolve_product,
    snap_transcript,
    write_jieba_dict,
)
from assistant.language.normalize import Normalized, normalize

__all__ = [
    "Candidate",
    "CustomerRecord",
    "NameIndex",
    "NameIndexCache",
    "Normalized",
    "ProductRecord",
    "Resolution",
    "grammar_phrases",
    "index_version",
    "jieba_user_dict",
    "normalize",
    "read_model_words",
    "resolve_customer",
    "resolve_product",
    "snap_transcript",
    "write_jieba_dict",
]
