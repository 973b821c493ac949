"""A measure word said without a number counts one ("孔磊买了桶花生油", "拿了袋米"), read after normalisation."""

import datetime as dt

import pytest

from assistant.brain.entities import resolve_overlaps
from assistant.brain.sale_lines import spoken_items

TODAY = dt.date(2026, 3, 15)


def _tagged(kind: str, text: str, span: str, learned: bool = True) -> dict:
    start = text.index(span)
    found = {"entity": kind, "start": start, "end": start + len(span), "value": span}
    return {**found, "confidence_entity": 0.9} if learned else found


@pytest.mark.parametrize("tagged", [
    [("customer", "孔磊"), ("product", "花生油")],
    [("customer", "孔磊"), ("product", "桶花生油")],  # the model ran the product back over the measure word
    [("customer", "孔磊"), ("unit", "桶"), ("product", "花生油")],
])
def test_a_bare_measure_word_after_buying_is_one(tagged):
    text = "孔磊买了桶花生油"
    found = resolve_overlaps([_tagged(kind, text, span) for kind, span in tagged], text, today=TODAY)
    assert [(e["entity"], e["value"]) for e in found if e["entity"] in {"quantity", "unit", "product"}] == [
        ("unit", "桶"), ("quantity", "1"), ("product", "花生油")]
    assert spoken_items(found, text)[0].quantity == 1 and spoken_items(found, text)[0].unit == "桶"


@pytest.mark.parametrize(("text", "product", "unit"), [
    ("王阿姨拿了袋东北大米", "东北大米", "袋"),
    ("李叔要了瓶生抽", "生抽", "瓶"),
    ("再来瓶酱油", "酱油", "瓶"),
])
def test_other_verbs_and_measure_words(text, product, unit):
    found = resolve_overlaps([_tagged("product", text, product, learned=False)], text, today=TODAY)
    assert spoken_items(found, text) == [spoken_items(found, text)[0]]
    assert (spoken_items(found, text)[0].quantity, spoken_items(found, text)[0].unit) == (1, unit)


def test_a_number_said_or_no_goods_after_it_adds_nothing():
    text = "孔磊买了2桶花生油"  # the normaliser wrote 两 as 2: the count said wins
    found = resolve_overlaps([_tagged("quantity", text, "2"), _tagged("unit", text, "桶"),
                              _tagged("product", text, "花生油")], text, today=TODAY)
    assert [e["value"] for e in found if e["entity"] == "quantity"] == ["2"]
    text = "还剩几桶花生油"  # a question: no count, no unit
    found = resolve_overlaps([_tagged("unit", text, "桶"), _tagged("product", text, "花生油")], text, today=TODAY)
    assert [e["entity"] for e in found] == ["product"]
    text = "孔磊带了个朋友来"  # no goods after the measure word
    assert [e["entity"] for e in resolve_overlaps([_tagged("customer", text, "孔磊")], text, today=TODAY)] == ["customer"]


def test_an_amount_before_a_measure_word_is_the_count():
    """Model 20261207 tagged "two" of "buy two packet millet, 13 dollar" as money: it is the count; 13 the price."""
    from assistant.brain.implied_counts import count_not_amount

    text = "auntie sun buy 2 packet millet, 13 dollar"
    found = count_not_amount([_tagged("amount", text, "2"), _tagged("product", text, "millet"),
                              _tagged("amount", text, "13")], text)
    assert [(e["entity"], e["value"]) for e in found] == [("quantity", "2"), ("product", "millet"), ("amount", "13")]
    alone = [_tagged("amount", text, "13")]
    assert count_not_amount(alone, text) == alone  # one amount is the price
