"""What the owner adds to a greeting she asks for: typed, spoken (spaced), in English, or nothing."""

import pytest

from assistant.language.additions import greeting_addition


@pytest.mark.parametrize(("said", "added"), [
    ("给邓海发个生日祝福,说香醋打八折", "香醋打八折"),
    ("给王阿姨发个生日祝福，顺便说新米到了", "新米到了"),
    ("给 邓海 发 个 生日 祝福 说 香醋 打 八折", "香醋打八折"),
    ("发个生日祝福给邓海,跟她说一声新米到了", "新米到了"),
    ("给邓海发个生日祝福,告诉她她要的米到了", "您要的米到了"),
    ("send Deng Hai a birthday greeting and tell her the new rice is in", "the new rice is in"),
    ("send mrs liu a birthday message, say we have 20% off vinegar", "we have 20% off vinegar"),
    ("给刘女士发个生日祝福", None),
    ("给刘女士录一段生日祝福", None),
    ("给邓海发个生日祝福吧", None),
    ("生日祝福说一下", None),
    ("send Deng Hai a birthday greeting", None),
    ("", None),
])
def test_what_she_adds_to_a_greeting(said, added):
    assert greeting_addition(said) == added


def test_goods_arrived_told_to_someone_or_asked_who() -> None:
    """"告诉李叔低钠酱油到了" announces an arrival to him; "低钠酱油到了该告诉谁" asks who to tell."""
    from assistant.language.additions import announces_arrival

    for told in ("给李叔发个消息说低钠酱油到了", "告诉李叔低钠酱油到了", "跟王阿姨说一声五常米到货了",
                 "let uncle li know the low sodium soy sauce is in", "tell auntie wang the new rice has arrived",
                 "let sister zhang know the corn oil is here"):
        assert announces_arrival(told), told
    for other in ("低钠酱油到了该告诉谁", "who should I tell the soy sauce is in", "给王阿姨发个生日祝福"):
        assert not announces_arrival(other), other
