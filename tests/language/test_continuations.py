""""还有十桶花生油" goes on with the last entry; "还有呢" and a new sale do not."""

from __future__ import annotations

import pytest

from assistant.brain.proposals import SaleProposal, StockInProposal
from assistant.brain.proposals.stock import delivery_going_on
from assistant.language.continuations import goes_on


@pytest.mark.parametrize("said", ["还有十桶花生油", "还有 十 桶 花生油", "另外五袋面粉", "and ten jugs of peanut oil",
                                  "also 10 bags of rice"])
def test_more_goods_go_on(said: str) -> None:
    assert goes_on(said)


@pytest.mark.parametrize("said", ["还有呢", "还有多少", "还有王阿姨买了两袋米", "and who else", "十桶花生油",
                                  "android"])
def test_a_question_a_sale_or_no_word_of_going_on_does_not(said: str) -> None:
    assert not goes_on(said)


def _rice(**written: object) -> StockInProposal:
    return StockInProposal(product_id=1, product="东北大米", unit="袋", quantity="20", written=written or None)


def test_the_delivery_going_on_is_the_waiting_one_else_the_one_just_written() -> None:
    oil = StockInProposal(product_id=7, product="花生油", unit="桶", quantity="10")
    assert delivery_going_on(_rice().to_slot(), None).product == "东北大米"
    assert delivery_going_on(None, _rice(movement_id=3).to_slot()).product == "东北大米"
    assert delivery_going_on(None, _rice().to_slot()) is None  # never written
    assert delivery_going_on(SaleProposal().to_slot(), _rice(movement_id=3).to_slot()) is None  # on a sale now
    both = _rice().with_more(oil)
    assert both.describe("zh") == "东北大米进货20袋、花生油进货10桶。对吗?"
    assert both.id != _rice().id
