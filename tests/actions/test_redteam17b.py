"""Red team 17 (helper rt17b): goods on a tab corrected before the yes (W2); a question of its own ending in
"还有呢" after a sales answer (M2)."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.credit import ActionProposeCredit
from actions.customer_lists import ActionBirthdays
from actions.reports import ActionSalesSummary, ActionStock
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (李建国 and 张丽 owe nothing there)."""
    return ShopContext.build(engine=demo)


def _charges(engine) -> list[Decimal]:
    with session_scope(engine) as session:
        return list(session.execute(select(CreditEntry.amount).where(
            CreditEntry.kind == "charge", CreditEntry.conversation_id.is_not(None))).scalars())


def test_other_goods_said_while_a_tab_waits_edit_it_and_yes_writes_them(demo, conversation):
    said = conversation.run(ActionProposeCredit, text="李叔拿了一桶花生油 先记着 下礼拜给钱", intent="log_credit",
                            entities={"customer": "李叔", "product": "花生油", "quantity": "1", "unit": "桶"})
    assert "花生油 1桶,89.9元" in said[0]
    first = conversation.slot("pending")["id"]
    # heard as a stock question ("菜籽油还有11桶"): the waiting tab, with the goods put right
    said = conversation.run(ActionStock, text="不对,是菜籽油", intent="ask_stock", entities={"product": "菜籽油"})
    assert said == ["李建国 赊 菜籽油 1桶,69.9元,记在账上。对吗?"]
    assert conversation.slot("pending")["id"] != first  # the old read-back's yes cannot write the new one
    assert _charges(demo) == []
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    assert _charges(demo) == [Decimal("69.9")]


def test_goods_swapped_on_a_tab_keep_the_quantity_and_warn_of_the_household(demo, conversation):
    conversation.slots["language"] = "en"
    conversation.run(ActionProposeCredit, text="Sister Zhang took 2 jugs of rapeseed oil on her tab",
                     intent="log_credit", entities={"customer": "Sister Zhang", "product": "rapeseed oil",
                                                    "quantity": "2", "unit": "jugs"})
    said = conversation.run(ActionStock, text="no, peanut oil", intent="ask_stock", entities={"product": "peanut oil"})
    assert "2 jugs of peanut oil for 179.8 yuan" in said[0] and "rapeseed" not in said[0]
    assert "Careful" in said[0]  # 张丽's household: peanut allergy, as a sale of it says


def test_a_plain_amount_on_a_tab_has_no_goods_to_swap(demo, conversation):
    conversation.run(ActionProposeCredit, text="李叔记一笔账,五十", intent="log_credit",
                     entities={"customer": "李叔", "amount": "50"})
    said = conversation.run(ActionStock, text="不对,是菜籽油", intent="ask_stock", entities={"product": "菜籽油"})
    assert "菜籽油还有" in said[0]  # nothing to edit: the stock asked, the tab still waiting


def test_a_question_of_its_own_ending_in_more_is_that_question(demo, conversation):
    said = conversation.run(ActionSalesSummary, text="低筋面粉这个月卖了多少", intent="ask_sales_summary",
                            entities={"product": "低筋面粉", "period": "这个月"})
    assert "没卖低筋面粉" in said[0]
    said = conversation.run(ActionBirthdays, text="这 礼 拜 谁 过 生 日 还 有 呢", intent="ask_birthdays",
                            entities={"period": "这礼拜"})
    assert "邓海" in said[0] and "刘淑珍" in said[0] and "低筋面粉" not in said[0]
