"""A message that tells of goods brought back (a return), told apart from a sale and from other 退 words."""

import pytest

from assistant.language.returns import tells_a_return


@pytest.mark.parametrize("text", [
    "王 阿姨 退 了 一 袋 东北 大米", "王阿姨退了1袋东北大米", "李叔退货了2瓶生抽", "张姐拿回来1桶油退了", "她要退一袋米",
    "Auntie Wang brought back a bag of northeast rice", "auntie wang brought a bag of rice back",
    "Mrs Li returned two bottles of soy sauce", "refund mrs li 20 yuan",
])
def test_a_return(text):
    assert tells_a_return(text)


@pytest.mark.parametrize("text", [
    "王阿姨买了两袋米", "王阿姨退休了", "秦文退订了", "她要退订短信", "Mrs Li returned and bought two bags",
    "she returned today for more rice", "Auntie Wang came back and bought rice", "Mr Li returned.",
    "bought 2 bags, I gave her back 2 yuan change", "",
])
def test_not_a_return(text):
    assert not tells_a_return(text)
