""""上个月陈团长拿了多少佣金": her commission, not what she took for herself (blind #15)."""

import pytest

from assistant.context import ShopContext
from assistant.language.commission_asked import asks_commission, names_commission


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def test_commission_taken_last_month_is_her_commission(conversation):
    from actions.commission import ActionCommission

    said = conversation.run(ActionCommission, text="陈团长上个月拿了多少提成", intent="ask_commission",
                            entities={"customer": "陈团长", "period": "上个月"})
    assert "24.3" in said[0], said


def test_what_she_took_for_herself_stays_her_purchases(conversation):
    from actions.commission import ActionCommission

    said = conversation.run(ActionCommission, text="陈团长上个月拿了多少", intent="ask_commission",
                            entities={"customer": "陈团长", "period": "上个月"})
    assert "24.3" not in said[0] and "买了" in said[0], said


@pytest.mark.parametrize(("text", "named", "asked"), [
    ("上个月陈团长拿了多少佣金", True, True),
    ("how much commission did team leader chen get", True, True),
    ("陈团长返点多少", True, True),
    ("陈团长上个月买了多少", False, False),
])
def test_commission_words(text: str, named: bool, asked: bool) -> None:
    assert names_commission(text) is named
    assert asks_commission(text) is asked
