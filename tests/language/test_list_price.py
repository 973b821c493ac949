"""A sale's sum far below the list price is named in the read-back (owner trial 13, A4)."""

from decimal import Decimal

from assistant.language.list_price import list_price_note


def test_far_below_list_names_it() -> None:
    note = list_price_note([Decimal("590")], [Decimal("100")], "zh")
    assert note is not None and "590" in note
    assert "590" in (list_price_note([Decimal("590")], [Decimal("100")], "en") or "")


def test_near_list_or_unsaid_says_nothing() -> None:
    assert list_price_note([Decimal("118")], [Decimal("110")], "zh") is None
    assert list_price_note([Decimal("118")], [], "zh") is None
