"""A message tells a sale in so many words: a buying verb done, a count after it or a sum paid, nothing asked."""

import pytest

from assistant.language.sale_told import tells_a_sale


@pytest.mark.parametrize("text", [
    "Auntie Wang came in and she bought two bags of the northeast rice and also she was asking whether we would "
    "be getting any more of the low sodium soy sauce because her husband has high blood pressure and the doctor "
    "told him to cut down on salt and she paid 118 in cash",
    "uncle li bought a bottle of soy sauce",
    "mrs liu took 3 packs of noodles",
    "she bought rice and paid 60",
    "王阿姨买了两袋米",
    "李叔拿了一瓶酱油,付了十五",
])
def test_a_sale_told(text):
    assert tells_a_sale(text)


@pytest.mark.parametrize("text", [
    "did Auntie Wang buy two bags of rice",
    "how many bags of rice did Auntie Wang buy",
    "Auntie Wang bought two bags of rice?",
    "王阿姨买了几袋米",
    "王阿姨买了两袋米吗",
    "Auntie Wang was asking whether we have low sodium soy sauce",
    "Auntie Wang wants to buy two bags of rice",
    "Auntie Wang bought rice",  # no count and no sum: the form asks how much
    "",
])
def test_no_sale_told(text):
    assert not tells_a_sale(text)


def test_singapore_present_tense_sale_is_told() -> None:
    """Owner trial 13 (M4): "Auntie Sun buy two packet millet, 13 dollar" is her sale; wanting to buy is not."""
    assert tells_a_sale("Auntie Sun buy two packet millet, 13 dollar")
    assert not tells_a_sale("auntie sun wants to buy 2 packets of millet")
    assert not tells_a_sale("can auntie sun buy 2 bags")
