"""Red team 18 (W1-W3): "先记着" makes goods a tab, "has given 20 only" and "fixed up 50 of his tab" a repayment."""

import pytest

from assistant.brain.entity_values import with_paid_amount
from assistant.language.intent_cues import cued_intent
from assistant.language.normalize import normalize


def cue(text: str, chosen: str, *, has_customer: bool = True) -> str | None:
    return cued_intent(normalize(text).text, chosen, has_customer=has_customer)


@pytest.mark.parametrize(("text", "chosen", "meant"), [
    ("陈团长拿了三瓶生抽两包盐一共三十五 先挂着", "log_sale", "log_credit"),  # several goods, 一共, then the tab
    ("那 个 孙 阿 姨 拿 了 一 桶 花 生 油 一 包 盐 一 共 九 十 五 先 记 着", "log_sale", "log_credit"),
    ("Auntie Sun has given 40 only", "update_customer", "log_payment"),  # Indian English: paid 40
    ("Mrs Chen gave 25 only", "ask_customer_profile", "log_payment"),
    ("Master Zhou has handed over 60", "update_customer", "log_payment"),
    ("Mrs Chen squared up thirty on her account", "log_credit", "log_payment"),  # Australian: paid 30
    ("Mrs Chen squared up thirty on her account", "log_payment", "log_payment"),
    ("Master Zhou cleared 40 off his slate", "log_credit", "log_payment"),
])
def test_the_ledger_words_settle_it(text: str, chosen: str, meant: str) -> None:
    assert (cue(text, chosen) or chosen) == meant


@pytest.mark.parametrize(("text", "chosen", "has_customer"), [
    ("王阿姨买了两袋米一共一百二", "log_sale", True),  # paid: a sale
    ("Uncle Li has given me his new number", "update_customer", True),  # no money: news about him
    ("who has paid off their tab", "ask_balance", False),  # asked
    ("has Uncle Li given 20?", "ask_balance", True),
    ("Auntie Sun gave 2 bags of rice only", "log_sale", True),  # goods handed over: not money
    ("记着她不吃辣", "update_customer", True),
])
def test_look_alikes_keep_their_request(text: str, chosen: str, has_customer: bool) -> None:
    assert cue(text, chosen, has_customer=has_customer) in (None, chosen)


@pytest.mark.parametrize(("text", "amount"), [("uncle li has given 10 only", "10"), ("auntie sun gave 50", "50"),
                                              ("mrs chen passed me 20 only", "20")])
def test_money_given_is_the_amount(text: str, amount: str) -> None:
    customer = {"entity": "customer", "start": 0, "end": 8, "value": text[:8]}
    found = [e for e in with_paid_amount([customer], text) if e["entity"] == "amount"]
    assert [e["value"] for e in found] == [amount]
