"""The money a message says the customer paid, which the model may have taken for a count."""

from decimal import Decimal

import pytest

from assistant.language.quantities import paid_amount


@pytest.mark.parametrize(("text", "paid"), [
    ("auntie wang bought two bags of northeast rice and she paid 118 in cash", Decimal("118")),
    ("she paid one hundred and eighteen", Decimal("118")),
    ("王阿姨买了两袋米付了118", Decimal("118")),
    ("she paid for two bags", None),
    ("Uncle Li bought a bottle of soy sauce", None),
    (None, None),
])
def test_paid_amount(text, paid):
    assert paid_amount(text) == paid
