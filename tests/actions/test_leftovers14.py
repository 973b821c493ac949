"""The chat's answers fixed in leftovers14, on the demo shop (陈团长 = 陈美玲, today 2026-03-15)."""

import pytest

from actions.commission import ActionCommission
from actions.credit import ActionProposeCredit
from actions.customer_lists import ActionBirthdays
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def test_a_commission_asked_with_who_names_the_people_and_their_amounts(conversation):
    said = conversation.run(ActionCommission, text="陈团长这个月佣金是哪些人带来的", intent="ask_commission",
                            entities={"customer": "陈团长", "period": "这个月"})
    assert said == ["2026年3月陈美玲的佣金28元,来自她带来的4位顾客买的559.9元:莫刚305.9元、任梅磊104元、田华75元、"
                    "谭娟平75元;另有4位她带来的顾客没买东西。"]
    said = conversation.run(ActionCommission, text="陈团长这个月佣金多少", intent="ask_commission",
                            entities={"customer": "陈团长", "period": "这个月"})
    assert said == ["2026年3月的佣金:陈美玲28元(带来的顾客买了559.9元)。"]  # how much only: the total


def test_a_commission_at_a_rate_said(conversation):
    said = conversation.run(ActionCommission, text="陈团长这个月佣金按百分之八算是多少", intent="ask_commission",
                            entities={"customer": "陈团长", "period": "这个月"})
    assert said == ["按8%算,2026年3月的佣金:陈美玲44.79元(带来的顾客买了559.9元)。"]


@pytest.mark.parametrize(("text", "entities", "names"), [
    ("六月份谁过生日", {"period": "六月份"}, ["6月过生日", "邹勇", "张丽"]),
    ("十二月过生日的有谁", {}, ["12月过生日", "于娟刚", "唐明林"]),
    ("一月份谁过生日", {"period": "一月份"}, ["2027年1月过生日", "夏华", "郝霞艳"]),
])
def test_birthdays_of_a_month_named(conversation, text, entities, names):
    said = conversation.run(ActionBirthdays, text=text, intent="ask_birthdays", entities=entities)
    assert all(name in said[0] for name in names) and "今天" not in said[0], said


def test_a_tab_of_two_fifty_is_250(conversation):
    conversation.slots["language"] = "en"
    said = conversation.run(ActionProposeCredit, text="put two fifty on Auntie Wang's tab", intent="log_credit",
                            entities={"customer": "Auntie Wang", "amount": "2.5"})
    assert "250 yuan" in said[0] and "2.5" not in said[0], said
