"""Halves, 毛, discounts and kilograms said with a sale (red team 14: W4, W5, W7, M4)."""

from decimal import Decimal

import pytest

from assistant.brain.sale_lines import discount_note, list_values
from assistant.brain.spoken_figures import with_spoken_figures
from assistant.language.measures import (
    discount_rate,
    discount_spans,
    discounted,
    in_shop_unit,
    spoken_figure_spans,
    zhe_said,
)
from assistant.language.normalize import normalize
from assistant.language.quantities import first_number
from assistant.language.sale_taken import tells_goods_taken


@pytest.mark.parametrize(("said", "number"), [
    ("三 斤 半", Decimal("3.5")), ("来了个客人买了三斤半小米", Decimal("3.5")), ("半 斤 绿豆", Decimal("0.5")),
    ("两袋半", Decimal("2.5")), ("三 块 七 毛 五", Decimal("3.75")), ("3元7毛", Decimal("3.7")),
    ("七毛五", Decimal("0.75")), ("2袋", Decimal("2")), ("120元", Decimal("120")), ("3点半", Decimal("3")),
])
def test_first_number_reads_halves_and_mao(said: str, number: Decimal) -> None:
    assert first_number(said) == number


def test_a_half_not_next_to_a_measure_is_no_number() -> None:
    assert first_number("一半") is None


@pytest.mark.parametrize(("said", "rate"), [
    ("李叔买了两瓶生抽，打个九折", Decimal("0.9")), ("打八五折", Decimal("0.85")), ("打个9.5折", Decimal("0.95")),
    ("ten percent off", Decimal("0.9")), ("15% off", Decimal("0.85")), ("王阿姨买了两袋米", None),
])
def test_discount_rate(said: str, rate: Decimal | None) -> None:
    assert discount_rate(normalize(said).text) == rate


def test_two_bottles_of_soy_sauce_at_ninety_percent() -> None:
    assert discounted(Decimal("25"), Decimal("0.9")) == Decimal("22.50")
    assert zhe_said(Decimal("0.9")) == "9折" and zhe_said(Decimal("0.85")) == "85折"
    lines = [{"price": "12.5", "quantity": "2", "amount": "22.50"}]
    assert discount_note(lines, Decimal("0.9"), "zh") == "(打9折:原价25元,优惠2.5元。)"
    assert "10% off" in discount_note(lines, Decimal("0.9"), "en")


def test_kilograms_are_two_jin_when_sold_by_the_jin() -> None:
    assert in_shop_unit(Decimal("2"), "kg", "斤") == (Decimal("4"), "斤")
    assert in_shop_unit(Decimal("2"), "公斤", "斤") == (Decimal("4"), "斤")
    assert in_shop_unit(Decimal("2"), "kg", "袋") == (Decimal("2"), "kg")
    assert in_shop_unit(Decimal("2"), "袋", "斤") == (Decimal("2"), "袋")


def test_goods_taken_is_a_sale_told() -> None:
    assert tells_goods_taken("Auntie Sun has taken 2 kg millet")
    assert not tells_goods_taken("has she taken 2 kg millet?")
    assert not tells_goods_taken("Auntie Sun has diabetes")


def test_a_half_tagged_with_the_unit() -> None:
    assert in_shop_unit(Decimal("3"), "斤半", "斤") == (Decimal("3.5"), "斤")
    assert in_shop_unit(Decimal("1"), "公斤半", "斤") == (Decimal("3.0"), "斤")


def test_money_with_mao_and_a_half_are_one_entity_each() -> None:
    """"卖 了 半 斤 绿豆 三 块 七 毛 五": the model cut 3元7毛五 into three amounts and left 半斤 untagged (model
    20261207-050714); the sale then asked how much was bought."""
    from assistant.brain.spoken_figures import with_spoken_figures

    text = normalize("卖 了 半 斤 绿豆 三 块 七 毛 五").text
    assert text == "卖了半斤绿豆3元7毛五"
    split = [{"entity": "product", "start": 4, "end": 6, "value": "绿豆"},
             {"entity": "amount", "start": 6, "end": 7, "value": "3"}, {"entity": "amount", "start": 8, "end": 9, "value": "7"},
             {"entity": "amount", "start": 10, "end": 11, "value": "五"}]
    whole = with_spoken_figures(split, text)
    assert [(e["entity"], e["value"]) for e in whole] == [("quantity", "半斤"), ("product", "绿豆"), ("amount", "3元7毛五")]
    named = [{"entity": "customer", "start": 0, "end": 4, "value": "3元7毛"}]  # a name inside: left as it is
    assert with_spoken_figures(named, "3元7毛五") == named


@pytest.mark.parametrize(("said", "number"), [
    ("一 斤 二 两 绿豆", Decimal("1.2")), ("1斤2两小米", Decimal("1.2")), ("三两绿豆", Decimal("0.3")),  # rt15 W2
    ("10斤5两", Decimal("10.5")), ("half", Decimal("0.5")), ("half a jin of red beans", Decimal("0.5")),  # M8
    ("两袋米", Decimal("2")), ("three and a half jin", Decimal("3.5")),
])
def test_first_number_reads_liang_and_english_halves(said: str, number: Decimal) -> None:
    assert first_number(said) == number


@pytest.mark.parametrize("said", ["一两天", "三两个", "买了两袋", "half price", "cut it in half"])
def test_no_liang_or_half_where_none_is_said(said: str) -> None:
    assert not [span for span in spoken_figure_spans(normalize(said).text) if span[0] == "quantity"]
    assert first_number(said) != Decimal("0.5")


def test_a_discount_figure_is_no_amount() -> None:
    text = "uncle li bought 2 bottles of light soy sauce, 10% off"  # rt15 W3: not 10 yuan
    entities = [{"entity": "quantity", "start": 16, "end": 17, "value": "2"},
                {"entity": "amount", "start": 46, "end": 48, "value": "10"}]
    assert [e["entity"] for e in with_spoken_figures(entities, text)] == ["quantity"]
    assert discount_spans("打个9折") == [(2, 4)]
    assert discount_rate(text) == Decimal("0.9")


def test_the_list_price_is_before_the_discount() -> None:
    lines = [{"price": "12.5", "quantity": "2", "amount": "22.5"}]
    assert list_values(lines) == [Decimal("25.00")]
