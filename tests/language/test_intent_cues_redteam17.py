"""Round 17's red team: words that settle what the model misread (a delivery put right inside the sentence, a figure
put right after "actually")."""

from decimal import Decimal

import pytest

from assistant.language.corrections_said import count_put_right
from assistant.language.intent_cues import cued_intent
from assistant.language.normalize import normalize


def cue(text: str, chosen: str, *, has_customer: bool = False) -> str | None:
    return cued_intent(normalize(text).text, chosen, has_customer=has_customer)


@pytest.mark.parametrize(("text", "chosen", "meant"), [
    ("玉米油 来 了 十 桶 哦 不 是 十二 桶", "log_sale", "log_stock_in"),
    ("面粉到了五袋", "log_sale", "log_stock_in"),
    ("actually 30", "ask_more", "deny"),
    ("sorry, 45 yuan", "thank", "deny"),
    ("其实是三十", "ask_more", "deny"),
    ("wait, 35", "log_credit", "deny"),
    ("oops 35", "undo_last", "deny"),
])
def test_the_words_settle_what_the_model_misread(text: str, chosen: str, meant: str) -> None:
    assert cue(text, chosen) == meant


@pytest.mark.parametrize(("text", "chosen", "has_customer"), [
    ("王阿姨来了,买了两桶油", "log_sale", True),  # a customer came and bought
    ("来了个人买了两桶油", "log_sale", False),  # bought, whoever came
    ("actually, who owes me money", "ask_more", False),  # no figure put right
    ("3袋", "ask_more", False),
    ("sorry, 3 bags", "log_sale", False),  # the sale form's answer: never a no that stops it  # no second thoughts: restated figures are the sale's own business
])
def test_the_look_alikes_keep_the_models_choice(text: str, chosen: str, has_customer: bool) -> None:
    assert cue(text, chosen, has_customer=has_customer) is None


@pytest.mark.parametrize(("said", "count"), [
    ("玉米油 来 了 十 桶 哦 不 是 十二 桶", Decimal(12)),
    ("twenty bags no wait twenty five bags of bread flour", Decimal(25)),
    ("进了十桶玉米油", None),  # nothing taken back
    ("进了十桶玉米油不是菜籽油", None),  # the goods put right, not the count
    ("10桶不是100块", None),  # money is no count
    ("进了20袋米 no 3 of them are flour", None),  # a count of some of them, not the delivery's
])
def test_the_count_put_right_inside_the_sentence(said: str, count: Decimal | None) -> None:
    assert count_put_right(said) == count
