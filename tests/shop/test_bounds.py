"""One entry's size: a number no grain shop means is refused in both languages; whole numbers pass as ints."""

from decimal import Decimal

import pytest

from assistant.errors import Invalid
from assistant.shop.bounds import check_size, too_large


def test_whole_quantities_given_as_int_are_checked_like_decimals():
    # the final make test of 6 Dec: SaleLine(rice, 2) crashed with "'int' object has no attribute 'is_finite'"
    assert not too_large(2) and not too_large(Decimal("30400000"))
    assert too_large(100_000_000) and too_large(Decimal("Infinity"))


def test_a_number_past_one_hundred_million_is_refused_with_a_reason():
    with pytest.raises(Invalid) as refused:
        check_size(Decimal("1e20"), "quantity")
    assert "太大了" in refused.value.zh and "too large" in str(refused.value)
