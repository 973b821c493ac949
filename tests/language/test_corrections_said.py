"""What a correction of a waiting read-back says in words the model tags wrongly or not at all."""

from decimal import Decimal

import pytest

from assistant.language.corrections_said import (
    figure_after_is,
    name_swapped,
    price_taken,
    refused_amount,
    refused_as_too_much,
    swapped_words,
)


@pytest.mark.parametrize(("said", "figure"), [
    ("不 对 是 一百 九十 六 全 给 了", Decimal(196)),  # the normaliser leaves "一百九十六全" in words
    ("不对,是150", Decimal(150)),
    ("应该是八十八块五", None),  # no figure after 是 the normaliser left as one run: not this function's
    ("不对", None),
])
def test_the_figure_after_its_is(said, figure):
    found = figure_after_is(said)
    assert found == figure or (figure is None and found in (None, Decimal("88.5")))


@pytest.mark.parametrize(("said", "taken"), [
    ("实际 收 了 他 六十 五 块 让 了 四 块 九", Decimal(65)),  # the discount after it is not the price
    ("收她82块", Decimal(82)),
    ("only charged him 40", Decimal(40)),
    ("便宜了四块", None),
    ("两袋东北大米", None),
])
def test_the_money_taken_not_the_discount(said, taken):
    assert price_taken(said) == taken


@pytest.mark.parametrize(("said", "swap"), [
    ("嗯 不 是 高筋 要 的 是 中筋", ("高筋", "中筋")),
    ("不 对 不 是 东北 的 是 泰国 的", ("东北", "泰国")),
    ("不是王阿姨,是汪阿姨", ("王阿姨", "汪阿姨")),
    ("不对,是两袋", None),
])
def test_the_word_taken_back_and_the_one_meant(said, swap):
    assert swapped_words(said) == swap


def test_a_name_swaps_only_the_word_taken_back():
    assert name_swapped("低筋面粉", "不 是 低筋 是 中筋 的") == "中筋面粉"
    assert name_swapped("东北大米", "不是王阿姨,是汪阿姨") is None  # the word is not part of the goods' name


def test_a_refusal_of_more_than_the_tab_is_known_in_both_languages():
    assert refused_as_too_much("周德明只欠196元,不是200元。")
    assert refused_as_too_much("Zhou Deming owes only 196 yuan, not 200.")
    assert not refused_as_too_much("周德明 还了 150元,还欠 46元。对吗?")


def test_the_amount_a_refusal_refused():
    assert refused_amount("汪桂兰只欠89.9元,不是100元。") == Decimal("100")
    assert refused_amount("Auntie Wang owes only 118 yuan, not 130.5. Nothing recorded.") == Decimal("130.5")
    assert refused_amount("王秀英 还了 100元,还欠 18元。对吗?") is None


def test_a_question_put_right_says_what_it_was_about() -> None:
    from assistant.language.corrections_said import puts_question_right

    for text in ["不对 我 问 的 是 油", "不对,我是问面粉", "不是,我说的是面粉", "no, I meant oil", "no I was asking about flour"]:
        assert puts_question_right(text), text
    for text in ["不对,是两袋", "no, make it 50", "我问你个事", "what did she mean"]:
        assert not puts_question_right(text), text


def test_a_day_said_alone_keeps_the_month_read_back() -> None:
    from assistant.language.corrections_said import day_said_alone

    assert [day_said_alone(t) for t in ["no the twenty first", "no, the 21st", "不对 是 九 号", "不对,是21号"]] == [21, 21, 9, 21]
    assert [day_said_alone(t) for t in ["no, 3 bags", "不对 是 两 袋", "no the 45th", "改成一百"]] == [None] * 4


def test_a_name_said_again_in_one_span_is_the_second() -> None:
    from assistant.language.corrections_said import name_said_again

    assert name_said_again("auntie wang auntie wang guilan") == "auntie wang guilan"
    assert name_said_again("Mrs Liu Mrs Liu Shuzhen") == "Mrs Liu Shuzhen"
    assert name_said_again("auntie wang guilan") is None
    assert name_said_again("uncle li") is None
