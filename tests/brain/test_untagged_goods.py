"""Red team 18 (W4): a good counted but not tagged ("两包烟", "a packet of smokes") is named, not dropped."""

import pytest

from assistant.brain.untagged_goods import untagged_goods


def tagged(text: str, spans: list[tuple[str, int, int]]) -> list[dict]:
    return [{"entity": name, "start": start, "end": end, "value": text[start:end]} for name, start, end in spans]


@pytest.mark.parametrize(("text", "spans", "words"), [
    ("孙阿姨拿了1瓶香醋和3盒火柴一共二十记账",
     [("customer", 0, 3), ("quantity", 5, 6), ("unit", 6, 7), ("product", 7, 9), ("quantity", 10, 11),
      ("unit", 11, 12), ("amount", 16, 18)], ["火柴"]),
    ("put 2 bags of noodles and a box of matches on auntie sun's tab",
     [("quantity", 4, 5), ("unit", 6, 10), ("product", 14, 21), ("quantity", 26, 27), ("unit", 28, 31),
      ("customer", 46, 56)], ["matches"]),
    ("孙阿姨拿了1瓶香醋和3包盐一共二十记账",  # every good tagged: nothing left out
     [("customer", 0, 3), ("quantity", 5, 6), ("unit", 6, 7), ("product", 7, 9), ("quantity", 10, 11),
      ("unit", 11, 12), ("product", 12, 13), ("amount", 15, 17)], []),
    ("米2袋油1桶一共一百记账",  # counts said after their goods
     [("product", 0, 1), ("quantity", 1, 2), ("unit", 2, 3), ("product", 3, 4), ("quantity", 4, 5),
      ("unit", 5, 6), ("amount", 8, 11)], []),
])
def test_goods_counted_but_untagged_are_found(text: str, spans: list, words: list[str]) -> None:
    assert untagged_goods(tagged(text, spans), text) == words
