"""One cell at a time (no database): the formula quote the export adds and the import removes, consent."""

from __future__ import annotations

import pytest

from assistant.shop.importer.cells import consent, escape_formula, unescape_formula
from assistant.shop.importer.problems import RowError

ROUND_TRIPS = [
    '=HYPERLINK("http://x","点我")',
    "+86 138 0000 1111",
    "-危险",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1",
    "'=already quoted once",
    "''+twice",
    "王秀英",
    "it's fine",
    "'plain quote",
    "-3",
    "-2.5",
    "",
]


@pytest.mark.parametrize("value", ROUND_TRIPS)
def test_export_quote_round_trips(value):
    escaped = escape_formula(value)
    assert unescape_formula(escaped) == value
    if escaped != value:
        assert escaped == "'" + value


def test_formula_starts_are_quoted_as_owasp_advises_but_numbers_and_text_are_not():
    assert escape_formula("=1+1") == "'=1+1" and escape_formula("@cmd") == "'@cmd"
    assert escape_formula("+x") == "'+x" and escape_formula("-x") == "'-x" and escape_formula("\tx") == "'\tx"
    assert escape_formula("-3") == "-3" and escape_formula("王秀英") == "王秀英"
    # A quote the owner typed before ordinary text stays.
    assert unescape_formula("'007") == "'007" and unescape_formula("'=1") == "=1"


def test_consent_in_either_language():
    assert [consent(v) for v in ("yes", "Y", "是", "同意", "no", "N", "否", "不同意", "")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        None,
    ]
    with pytest.raises(RowError) as error:
        consent("也许")
    assert error.value.column == "marketing_consent" and "是/否" in error.value.reason_zh
