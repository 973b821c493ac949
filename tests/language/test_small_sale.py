"""A sale of a fraction of a 斤 said with no count (red team 15, M8): a sale, not a restock question or a delivery."""

import pytest

from assistant.language.intent_cues import cued_intent
from assistant.language.small_sale import tells_small_sale


@pytest.mark.parametrize("said", ["来了个客人买了半斤绿豆", "来 了 个 客人 买 了 半 斤 绿豆", "半斤红豆4元", "半 斤 红豆 四 块 钱",
                                  "walk in, half a jin of red beans", "散客买了三两绿豆"])
def test_a_fraction_of_a_jin_sold(said: str) -> None:
    assert tells_small_sale(said)


@pytest.mark.parametrize("said", ["谁该来买半斤绿豆", "进了半斤绿豆", "绿豆还有半斤吗", "王阿姨买了三斤半小米", "买了两袋米",
                                  "who bought half a jin of red beans"])
def test_no_small_sale_where_none_is_told(said: str) -> None:
    assert not tells_small_sale(said)


def test_the_cue_makes_it_a_sale() -> None:
    assert cued_intent("来了个客人买了半斤绿豆", "ask_restock_due", has_customer=False) == "log_sale"
    assert cued_intent("半斤红豆4元", "log_stock_in", has_customer=False) == "log_sale"
    assert cued_intent("进了半斤绿豆", "log_stock_in", has_customer=False) is None
