"""Half a yuan after the yuan word is 0.5 more (red team 18, W6): "四十块半" is 40.5, Cantonese "四十蚊半" too; 半斤 after
a price is half a jin, not money."""

from assistant.brain.half_yuan import with_half_yuan


def _amount(text: str, start: int, end: int, value: str) -> list[tuple[str, str]]:
    found = with_half_yuan([{"entity": "amount", "start": start, "end": end, "value": value}], text)
    return [(text[e["start"]:e["end"]], e["value"]) for e in found]


def test_half_after_the_yuan_word_is_half_a_yuan_more():
    assert _amount("张姐买了3瓶生抽1包盐一共40元半", 13, 15, "40") == [("40元半", "40.5")]
    assert _amount("李叔1桶玉米油六十四蚊半", 7, 10, "64") == [("六十四蚊半", "64.5")]
    assert _amount("一共40元半", 2, 5, "40") == [("40元半", "40.5")]  # the yuan word inside the span


def test_half_a_measure_or_a_price_with_its_half_is_left_alone():
    assert _amount("1元半斤", 0, 2, "1") == [("1元", "1")]
    assert _amount("一共12.5元半", 2, 6, "12.5") == [("12.5", "12.5")]
    assert _amount("一共40半", 2, 4, "40") == [("40", "40")]  # no yuan word: 半 says nothing of money
