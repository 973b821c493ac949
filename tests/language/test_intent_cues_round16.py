"""Round 16's model misread these requests; their words settle them (corpus regressions after training)."""

import pytest

from assistant.language.intent_cues import cued_intent
from assistant.language.normalize import normalize


def cue(text: str, chosen: str, *, has_customer: bool = True) -> str | None:
    return cued_intent(normalize(text).text, chosen, has_customer=has_customer)


@pytest.mark.parametrize(("text", "chosen", "has_customer", "meant"), [
    ("伊 生日 啥 辰光", "ask_birthdays", False, "ask_customer_profile"),
    ("她生日是几号", "out_of_scope", False, "ask_customer_profile"),
    ("what's his birthday", "ask_birthdays", False, "ask_customer_profile"),
    ("给她记一袋米", "log_stock_in", False, "log_credit"),
    ("make it 50", "goodbye", False, "deny"),
    ("no, change it to 120", "out_of_scope", False, "deny"),
    ("改成一百", "thank", False, "deny"),
    ("who has a birthday in August", "update_customer", False, "ask_birthdays"),
    ("Auntie Sun buy two packet millet, 13 dollar", "out_of_scope", True, "log_sale"),
    ("how much is the utang of Master Zhou", "ask_commission", True, "ask_balance"),
    ("不对,我是问面粉", "ask_stock", False, "deny"),  # the question put right: asked again for flour
    ("no, I meant oil", "ask_sales_summary", False, "deny"),
])
def test_the_words_settle_what_the_model_misread(text: str, chosen: str, has_customer: bool, meant: str) -> None:
    assert cue(text, chosen, has_customer=has_customer) == meant


@pytest.mark.parametrize(("text", "chosen", "has_customer"), [
    ("下周谁过生日", "ask_birthdays", False),  # whose birthday: the list, not her profile
    ("给她记一袋米,刚到货的", "log_stock_in", False),  # a delivery's words
    ("make sure you come back", "goodbye", False),  # no figure put right
    ("王阿姨的生日改成5月6号", "update_customer", True),  # her birthday told, a customer named
    ("can auntie sun buy 2 bags on monday?", "out_of_scope", True),  # asked, not told
    ("我问的是面粉还有多少", "ask_stock", False),  # no "no": a question of its own
])
def test_the_look_alikes_keep_the_models_choice(text: str, chosen: str, has_customer: bool) -> None:
    assert cue(text, chosen, has_customer=has_customer) is None


def test_goods_taken_back_with_record_words_are_no_tab():
    # Red team 16 W1: "先别记这个,就记李叔的三袋米" was heard as a tab
    said = "李叔买了3袋五常大米,他说下回来的时候再给他儿子捎1瓶生抽,他儿子还没想好,你先别记这个,就记李叔的3袋米"
    assert cued_intent(said, "log_credit", has_customer=True) == "log_sale"
    assert cued_intent("李叔买了3袋米先记账,别记这个", "log_credit", has_customer=True) is None
