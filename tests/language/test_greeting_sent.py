"""Owner trial 13, M8: "刘女士的祝福发过去了" tells a greeting sent; "还有哪些祝福没发" asks which wait."""

from __future__ import annotations

import pytest

from assistant.language.greeting_sent import tells_greeting_sent


@pytest.mark.parametrize("text", ["刘女士的祝福发过去了", "祝福 发 过去 了", "王阿姨的祝福已经发了", "I sent Mrs Liu's greeting",
                                  "Mrs Liu's greeting is sent"])
def test_telling_a_greeting_sent(text):
    assert tells_greeting_sent(text)


@pytest.mark.parametrize("text", ["还有哪些祝福没发", "刘女士的祝福发了吗", "给刘女士发个生日祝福", "待发的祝福",
                                  "which greetings are waiting", "has Mrs Liu's greeting been sent?"])
def test_asking_or_making_is_not_telling_sent(text):
    assert not tells_greeting_sent(text)
