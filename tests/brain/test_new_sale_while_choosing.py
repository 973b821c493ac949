"""A new sale told in full while "which rice?" waits is its own request, not the choice (red team 16, W2)."""

from assistant.brain.clarify import tells_new_sale
from assistant.language.sale_told import buyer_said

RICE = {"kind": "choose", "intent": "log_sale", "slot": "product",
        "entities": {"customer": "马阿姨", "product": "米", "quantity": "2", "unit": "袋"},
        "options": [{"value": "东北大米", "label": "东北大米"}, {"value": "五常大米", "label": "五常大米"}]}


def test_a_sale_for_someone_else_is_a_new_request():
    assert tells_new_sale(RICE, "王阿姨买了两袋东北大米")
    assert tells_new_sale({**RICE, "entities": {"customer": "mrs ma"}}, "Auntie Wang bought 2 bags of northeast rice")


def test_the_answer_itself_still_answers():
    assert not tells_new_sale(RICE, "东北大米")
    assert not tells_new_sale(RICE, "马阿姨买了两袋东北大米")  # the same customer: her goods said in full
    assert not tells_new_sale(RICE, "她买了两袋东北大米")
    assert not tells_new_sale(RICE, "买了两袋东北大米")
    assert not tells_new_sale({**RICE, "slot": "customer"}, "王阿姨买了两袋东北大米")  # "which 王阿姨?" is answered


def test_the_buyer_said():
    assert buyer_said("王阿姨买了两袋米") == "王阿姨"
    assert buyer_said("Auntie Wang bought two bags") == "auntie wang"
    assert buyer_said("买了两袋米") is None


def test_a_recording_prompt_is_still_asked_only_right_after_it_was_said():
    # Red team 16 A5: a stray "yes" many turns later brought "请说给邓海的生日祝福" back
    from assistant.brain.greetings import still_asked

    prompt = "好,请说给邓海的生日祝福,说完停一下就好。"
    asked = [{"event": "user", "text": "给邓海录一段生日祝福"}, {"event": "bot", "text": prompt}, {"event": "user", "text": "对"}]
    assert still_asked(asked, prompt)
    later = [*asked[:2], {"event": "user", "text": "还有哪些祝福没发"}, {"event": "bot", "text": "还有2条祝福没发"},
             {"event": "user", "text": "yes"}]
    assert not still_asked(later, prompt)
