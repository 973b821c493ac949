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
