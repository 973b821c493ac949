"""A plain yes to a read-back, however it is said (kept-aside set #4: "嗯", "好 的 发 吧", "好,那笔记上吧")."""

from __future__ import annotations

import pytest

from assistant.language.answers import asks_to_take_back, says_yes, says_yes_with_reason


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


@pytest.mark.parametrize("text", ["对 撤 掉", "对,撤", "撤吧", "嗯 删 了 吧", "yes undo it", "ok, take it back"])
def test_a_yes_that_names_the_undo(text):
    from assistant.language.answers import says_yes_to_undo

    assert says_yes_to_undo(text)


@pytest.mark.parametrize("text", ["不 撤 了", "别撤", "算了 不 撤", "撤销刚才那笔", "对", "no don't undo it"])
def test_no_yes_to_the_undo(text):
    from assistant.language.answers import says_yes_to_undo

    assert not says_yes_to_undo(text)


@pytest.mark.parametrize(("text", "who"), [("好,李叔那笔记上吧", "李叔"), ("行 王 阿姨 那 笔 记 上 吧", "王阿姨"),
                                          ("好,刘女士的那笔记上", "刘女士"), ("李叔那笔别记了", None), ("记上吧", None)])
def test_a_yes_naming_whose_read_back_it_answers(text, who):
    from assistant.language.answers import yes_naming

    assert yes_naming(text) == who


# kept-aside set #12: a yes to a warning read back, with why it stands, is the yes; a yes with a change is not
@pytest.mark.parametrize("said", ["对,她说是给别人买的", "对 她 说 是 给 别人 买 的", "对的,她说是帮邻居带的",
                                  "是 的 她 说 是 送 人 的", "yes, she says it's for someone else",
                                  "yes, she said it's a gift for her neighbour"])
def test_a_yes_with_its_reason(said: str) -> None:
    assert says_yes_with_reason(said)


@pytest.mark.parametrize("said", ["对,不过是两桶", "对 不过 改成 两 桶", "不对", "对,她说要三桶", "对,不是她,是汪阿姨",
                                  "yes, but she says two jugs", "yes, she says make it 2", "对她说是给别人买的",
                                  "对", "yes", "她说是给别人买的", "对,等一下她说不要了"])
def test_no_yes_with_a_reason(said: str) -> None:
    assert not says_yes_with_reason(said)
