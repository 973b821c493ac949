"""Goods the model ran together or mislabelled (blind conversations #14), read again by ``goods_spans``."""

from assistant.brain.goods_spans import (
    articles_counted,
    colloquial_counts,
    count_before_goods,
    joining_word_dropped,
    run_on_goods_split,
)


def _e(kind, start, end, text):
    return {"entity": kind, "start": start, "end": end, "value": text[start:end], "confidence_entity": 0.9}


def test_count_measure_and_goods_in_one_span_are_split():
    text = "赵姐1盒鸡蛋3袋中筋"
    found = run_on_goods_split([_e("quantity", 2, 3, text), _e("product", 4, 6, text),
                                _e("quantity", 6, 10, text)], text)
    assert [(e["entity"], e["value"]) for e in found][2:] == [("quantity", "3"), ("unit", "袋"), ("product", "中筋")]


def test_unit_running_into_goods_is_split():
    text = "赵姐拿了3袋中筋"
    found = run_on_goods_split([_e("quantity", 4, 5, text), _e("unit", 5, 8, text)], text)
    assert [(e["entity"], e["value"]) for e in found] == [("quantity", "3"), ("unit", "袋"), ("product", "中筋")]


def test_joining_word_is_no_part_of_the_goods():
    text = "赵姐1袋面粉和2瓶酱油"
    found = joining_word_dropped([_e("product", 4, 7, text), _e("quantity", 7, 8, text)], text)
    assert found[0]["value"] == "面粉"


def test_small_amount_before_goods_is_the_count():
    text = "auntie li took 3 peanut oil for 200"
    found = count_before_goods([_e("amount", 15, 16, text), _e("product", 17, 27, text),
                                _e("amount", 32, 35, text)], text)
    assert [e["entity"] for e in found] == ["quantity", "product", "amount"]


def test_article_counts_beside_another_count():
    text = "a jar of honey and 3 bags of rice"
    found = articles_counted([_e("unit", 2, 5, text), _e("product", 9, 14, text), _e("quantity", 19, 20, text),
                              _e("unit", 21, 25, text), _e("product", 29, 33, text)], text)
    assert [(e["entity"], e["value"]) for e in found][:2] == [("quantity", "1"), ("unit", "jar")]


def test_colloquial_counts():
    text = "赵姐买了仨瓶醋"
    assert colloquial_counts([_e("quantity", 4, 5, text)], text)[0]["value"] == "3"


def test_half_a_unit_keeps_its_own_count():
    text = "half a jin of red beans"
    found = articles_counted([_e("quantity", 0, 4, text), _e("unit", 7, 10, text), _e("product", 14, 23, text)], text)
    assert [e["entity"] for e in found] == ["quantity", "unit", "product"]
