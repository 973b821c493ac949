"""A plain yes to a read-back, however it is said (kept-aside set #4: "嗯", "好 的 发 吧", "好,那笔记上吧")."""

from __future__ import annotations

import pytest

from assistant.language.answers import asks_to_take_back, says_yes


@pytest.mark.parametrize("said", ["嗯", "嗯嗯", "好 的 发 吧", "好,那笔记上吧", "好的", "对对", "记上吧", "yes", "yep go ahead",
                                  "ok send it", "yes please"])
def test_a_plain_yes(said: str) -> None:
    assert says_yes(said)


@pytest.mark.parametrize("said", ["不对", "嗯 那个 上个 礼拜 卖了 多少", "好的 再见", "好 王阿姨买了两袋米", "no",
                                  "yes but two bags", "是王阿姨", "对 是两袋", "好久没来的", "行了不说了", ""])
def test_not_only_a_yes(said: str) -> None:
    assert not says_yes(said)


def test_goods_named_after_a_count() -> None:
    """"进了五箱可乐": the goods the model left untagged, so the answer can say the shop does not sell them."""
    from assistant.language.quantities import goods_after_count

    assert goods_after_count("进了五箱可乐") == "可乐" and goods_after_count("we got five cases of coke") == "coke"
    assert goods_after_count("进了货") is None and goods_after_count("进了5箱") is None


@pytest.mark.parametrize("text", ["cancel that order", "No no, I put that on the wrong person, take it back.",
                                  "不对 刚才那笔撤销", "记错了 删掉", "Go back, the last one isn't right."])
def test_a_no_that_asks_to_take_back_an_entry(text):
    assert asks_to_take_back(text)


@pytest.mark.parametrize("text", ["no", "不对", "算了 不要了", "no thanks"])
def test_a_plain_no_does_not_ask_to_take_anything_back(text):
    assert not asks_to_take_back(text)
