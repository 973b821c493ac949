"""Money paid back told (never a charge) and a part of what is owed (owner trial 13, W4/W5)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from assistant.language.repayment import part_of, part_paid, tells_repayment


@pytest.mark.parametrize("text", ["auntie wang guilan pay back 50 first, balance next time", "呃 那个 刘 女士 还 了 一半",
                                  "she paid off half", "李叔先还30剩下下回", "mr zhou pays back 20"])
def test_repayment_told(text: str) -> None:
    assert tells_repayment(text)


@pytest.mark.parametrize("text", ["王阿姨先拿两袋米,下次再还", "put it on her tab, she'll pay later", "王阿姨买了两袋米"])
def test_tab_or_sale_is_no_repayment(text: str) -> None:
    assert not tells_repayment(text)


@pytest.mark.parametrize(("text", "part"), [("还 了 一半", Fraction(1, 2)), ("she paid off half", Fraction(1, 2)),
                                            ("李叔还了三分之一", Fraction(1, 3)), ("paid a third of it", Fraction(1, 3)),
                                            ("还了三分之二", Fraction(2, 3)), ("还了50", None), ("半袋米", None)])
def test_part_paid(text: str, part: Fraction | None) -> None:
    assert part_paid(text) == part


def test_part_of_owed_to_the_fen() -> None:
    assert part_of(Decimal("52"), Fraction(1, 2)) == Decimal("26.00")
    assert part_of(Decimal("100"), Fraction(1, 3)) == Decimal("33.33")
