"""A balance asked of "赵大爷" (nobody's name; the demo's only 赵 is 赵敏, 小赵) says whom it answered for."""

import pytest

from actions.credit import ActionBalance
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def test_a_guessed_name_is_owned_up_to(demo, conversation):
    said = conversation.run(ActionBalance, text="赵大爷欠多少", intent="ask_balance", entities={"customer": "赵大爷"})
    assert "没有叫“赵大爷”" in said[0] and "赵敏" in said[0] and "赵敏" in said[1]


def test_a_known_alias_says_no_more(demo, conversation):
    said = conversation.run(ActionBalance, text="小赵欠多少", intent="ask_balance", entities={"customer": "小赵"})
    assert len(said) == 1 and said[0].startswith("赵敏")
