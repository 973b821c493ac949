"""A form asks again once after a reply that is no answer, then lets go (saleform11)."""

from assistant.brain.form_patience import lets_go, replies_since_opened

OPENED = [{"event": "user", "text": "周师傅买了两袋"}, {"event": "action", "name": "sale_form"},
          {"event": "active_loop", "name": "sale_form"}, {"event": "bot", "text": "买的什么?"}]


def test_the_replies_are_counted_from_the_last_opening():
    assert replies_since_opened(OPENED, "sale_form") == 0
    assert replies_since_opened([*OPENED, {"event": "user", "text": "谢谢"}], "sale_form") == 1
    assert replies_since_opened([{"event": "user", "text": "你好"}], "sale_form") == 0  # never opened


def test_one_reply_gets_the_question_again_the_second_lets_go():
    once = [*OPENED, {"event": "user", "text": "谢谢"}]
    assert not lets_go(once, "sale_form")
    assert lets_go([*once, {"event": "bot", "text": "买的什么?"}, {"event": "user", "text": "天气怎么样"}], "sale_form")


def test_a_sale_opened_again_starts_counting_afresh():
    twice = [*OPENED, {"event": "user", "text": "谢谢"}, {"event": "user", "text": "好"}, *OPENED]
    assert not lets_go(twice, "sale_form")


def _said(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}


ASKED_AGAIN = {"event": "bot", "text": "买的什么?"}


def test_questions_answered_meanwhile_are_no_failed_answers():
    # leftovers12: the second question in a row dropped the sale waiting for its goods
    asked = [*OPENED, _said("东北大米还有多少", "ask_stock"), ASKED_AGAIN, _said("今天卖了多少", "ask_sales_summary"),
             ASKED_AGAIN, _said("一袋牛肉多少钱", "log_sale")]
    assert replies_since_opened(asked, "sale_form") == 0
    assert not lets_go(asked, "sale_form")


def test_after_questions_two_other_replies_still_let_go():
    asked = [*OPENED, _said("今天卖了多少", "ask_sales_summary"), ASKED_AGAIN, _said("谢谢", "thank"), ASKED_AGAIN]
    assert not lets_go(asked, "sale_form")
    assert lets_go([*asked, _said("明天天气怎么样", "out_of_scope")], "sale_form")


def test_a_reply_that_tells_the_form_something_is_an_answer():
    told = [*OPENED, _said("谢谢", "thank"), ASKED_AGAIN, _said("王秀英", "log_sale"),
            {"event": "slot", "name": "sale_customer", "value": "王秀英"}, {"event": "slot", "name": "sale_product",
                                                                           "value": None}]
    assert not lets_go(told, "sale_form", slots=("sale_customer", "sale_product"))
    assert lets_go(told, "sale_form")  # (not one of the slots named: a reply like any other)


def test_goods_taken_whole_then_refused_told_the_form_nothing():
    # Red team 16 A1: "qwerty uiop" filled the goods, the check emptied them, and "which rice?" was asked on and on
    slots = ("sale_customer", "sale_product")
    refused = [*OPENED, _said("qwerty uiop", "nlu_fallback"), {"event": "slot", "name": "sale_product", "value": "qwerty uiop"},
               {"event": "slot", "name": "sale_product", "value": None}, ASKED_AGAIN]
    assert replies_since_opened(refused, "sale_form", slots=slots) == 1
    assert lets_go([*refused, _said("明天会下雨吗", "out_of_scope")], "sale_form", slots=slots)
