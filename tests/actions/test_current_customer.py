"""Follow-ups about the customer just talked about: "她电话多少", "他欠多少", "给她记一袋米" (demo shop)."""

import pytest

from actions.credit import ActionBalance, ActionProposeCredit
from actions.customer_lists import ActionBirthdays
from actions.customers import ActionCustomerProfile
from actions.sale_form import ValidateSaleForm
from actions.sales import ActionProposeSale
from assistant.context import ShopContext


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _about_wang(conversation) -> None:
    said = conversation.run(ActionCustomerProfile, text="王阿姨平时买什么", intent="ask_customer_profile",
                            entities={"customer": "王阿姨"})
    assert "东北大米" in said[0]


def test_she_is_the_customer_just_asked_about(demo, conversation):
    _about_wang(conversation)
    assert conversation.run(ActionCustomerProfile, text="她电话多少", intent="ask_customer_profile") == [
        "王秀英的电话是13857101234。"]
    said = conversation.run(ActionCustomerProfile, text="上次什么时候来的", intent="ask_customer_profile")
    assert "3月14号" in said[0]  # nothing named, right after a question about her: still her


def test_she_with_nobody_current_still_asks(demo, conversation):
    assert conversation.run(ActionCustomerProfile, text="她电话多少", intent="ask_customer_profile") == ["是哪位顾客?"]
    # "她生日是哪天" asks about one person, not today's birthdays
    assert conversation.run(ActionBirthdays, text="那她生日是哪天", intent="ask_birthdays") == ["是哪位顾客?"]
    _about_wang(conversation)
    assert conversation.run(ActionBirthdays, text="那她生日是哪天", intent="ask_birthdays")[0].startswith("王秀英的生日是3月18")


def test_another_name_replaces_her(demo, conversation):
    _about_wang(conversation)
    conversation.run(ActionCustomerProfile, text="李叔身体怎么样", intent="ask_customer_profile",
                     entities={"customer": "李叔"})
    said = conversation.run(ActionCustomerProfile, text="他电话多少", intent="ask_customer_profile")
    assert said[0].startswith("李建国的电话是")


def test_a_name_the_shop_does_not_know_leaves_nobody_current(demo, conversation):
    _about_wang(conversation)
    conversation.run(ActionCustomerProfile, text="欧阳先生平时买什么", intent="ask_customer_profile",
                     entities={"customer": "欧阳先生"})
    assert conversation.slot("current_customer") is None
    conversation.slots["pending"] = None
    assert conversation.run(ActionCustomerProfile, text="她电话多少", intent="ask_customer_profile") == ["是哪位顾客?"]


def test_her_tab_by_pronoun_and_everyone_s_without_one(demo, conversation):
    _about_wang(conversation)
    conversation.run(ActionProposeCredit, text="给她记一袋米", intent="log_credit",
                     entities={"product": "米", "quantity": "1"})
    said = conversation.slot("pending")["summary"]
    assert "王秀英" in said and "东北大米" in said  # her usual rice, on her tab
    conversation.slots["pending"] = None
    assert "王秀英" in conversation.run(ActionBalance, text="她欠多少", intent="ask_balance")[0]
    everyone = conversation.run(ActionBalance, text="谁还欠钱", intent="ask_balance")[0]
    assert "王秀英" not in everyone[:6]  # the credit list, not her tab


def test_a_sale_told_of_her_is_hers_and_her_usual_rice(demo, conversation):
    _about_wang(conversation)
    conversation.run(ValidateSaleForm, text="她又买了两袋米", intent="log_sale",
                     entities={"product": "米", "quantity": "2"})
    assert conversation.slot("sale_customer") == "王秀英"
    said = conversation.run(ActionProposeSale, text="她又买了两袋米", intent="log_sale", sale_product="米",
                            sale_quantity="2")
    assert said[0].startswith("王秀英 买 东北大米 2袋") and "(平时买的就是这个)" in said[0]


def test_a_sale_read_back_makes_its_customer_current(demo, conversation):
    conversation.run(ActionProposeSale, text="李叔买了一瓶老抽", intent="log_sale", sale_customer="李叔",
                     sale_product="老抽", sale_quantity="1")
    conversation.slots["pending"] = None
    said = conversation.run(ActionCustomerProfile, text="他上次买的什么", intent="ask_customer_profile")
    assert said[0].startswith("李建国上次是")


def test_a_list_of_one_makes_her_current(demo, conversation):
    said = conversation.run(ActionBirthdays, text="今天谁过生日", intent="ask_birthdays")
    assert "邓海" in said[0]
    assert conversation.slot("current_customer")["name"] == "邓海"
    assert conversation.run(ActionCustomerProfile, text="他平时买啥", intent="ask_customer_profile")[0].startswith("邓海")


def test_a_greeting_for_her_is_for_the_customer_just_talked_about(demo, conversation):
    from actions.greetings import ActionProposeGreeting

    assert conversation.run(ActionProposeGreeting, text="给她发个生日祝福", intent="send_greeting") == ["给哪位顾客?"]
    _about_wang(conversation)
    said = conversation.run(ActionProposeGreeting, text="给她发个生日祝福", intent="send_greeting")
    assert "王秀英" in said[0] and conversation.slot("pending")["kind"] == "greeting"
    assert conversation.slot("current_customer")["name"] == "王秀英"


def test_which_day_after_a_birthday_list_is_her_birthday(demo, conversation):
    said = conversation.run(ActionBirthdays, text="下个礼拜谁过生日?", intent="ask_birthdays",
                            entities={"period": "next_week"})
    assert "王秀英" in said[0]
    said = conversation.run(ActionCustomerProfile, text="王阿姨是哪天?", intent="ask_customer_profile",
                            entities={"customer": "王阿姨"})
    assert said[0].startswith("王秀英的生日是3月18")


def test_takings_heard_as_a_profile_question_are_the_shops_takings(demo, conversation):
    # kept-aside conversations #2: "上个礼拜卖了多少钱" (spoken) was answered "是哪位顾客?"
    said = conversation.run(ActionCustomerProfile, text="上个 礼拜 卖 了 多少 钱", intent="ask_customer_profile")
    assert said[0].startswith("3月2日到3月8日") and "元" in said[0], said  # last week, Monday to Sunday


def test_how_old_is_he_after_a_birthday_today(demo, conversation):
    # kept-aside conversations #3: "他 今年 多大 了" after today's birthdays answered his purchases
    conversation.run(ActionBirthdays, text="今天谁过生日", intent="ask_birthdays")
    said = conversation.run(ActionCustomerProfile, text="他 今年 多大 了", intent="ask_customer_profile",
                            entities={"period": "今年"})
    assert said[0].startswith("邓海今年65岁"), said


def test_an_allergy_told_heard_as_a_question_is_read_back_to_note(demo, conversation):
    said = conversation.run(ActionCustomerProfile, text="小 赵 家 孩子 对 鸡蛋 过敏", intent="ask_customer_profile",
                            entities={"customer": "小 赵"})
    assert "赵敏" in said[0] and said[0].endswith("对吗?"), said


def test_how_old_is_he_heard_as_his_takings_this_year(demo, conversation):
    # the lead on the phone page after the fix above: the model heard "他 今年 多大 了" as a sales question
    from actions.reports import ActionSalesSummary

    conversation.run(ActionBirthdays, text="今天谁过生日", intent="ask_birthdays")
    said = conversation.run(ActionSalesSummary, text="他 今年 多大 了", intent="ask_sales_summary",
                            entities={"period": "今年"})
    assert said[0].startswith("邓海今年65岁"), said


@pytest.mark.parametrize("text", ["她电话呢", "她 电话 呢", "and her phone?"])
def test_an_elliptical_fact_of_hers_after_an_answer_about_her(demo, conversation, text):
    """"王阿姨住哪一栋" then "她电话呢" (unsure, or heard as "go on"): her phone, not "the list or a customer?"."""
    from actions.fallback import ActionFallback
    from actions.lists import ActionListMore

    _about_wang(conversation)
    for action in (ActionFallback, ActionListMore):
        said = conversation.run(action, text=text, intent="nlu_fallback",
                                ranking=["ask_more", "ask_customer_profile"])
        assert said[0].startswith("王秀英的电话是13857101234") or said[0] == "Auntie Wang's phone is 13857101234."


def test_her_fact_while_which_customer_waits_asks_which_again(demo, conversation):
    """"王 阿姨 住 哪 一 栋" heard as 王秀英 or 汪桂兰, then "她 电话 呢": which one, again (her answer tells the phone)."""
    from actions.fallback import ActionFallback

    asked = conversation.run(ActionCustomerProfile, text="王 阿姨 住 哪 一 栋", intent="ask_customer_profile",
                             entities={"customer": "王 阿姨"}, channel="counter")
    if conversation.slot("pending") is None:
        pytest.skip("王阿姨 was placed without asking which")
    again = conversation.run(ActionFallback, text="她 电话 呢", intent="nlu_fallback", channel="counter",
                             ranking=["ask_more", "ask_customer_profile"])
    assert again == asked and conversation.slot("pending")["slot"] == "customer"


def test_a_question_answered_after_which_one_is_the_question_she_asked(demo, shop_context, domain):
    """After "王秀英还是汪桂兰?", her choice re-runs the request as a trigger: the fact is the one she asked."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    events = [{"event": "user", "text": "王 阿姨 住 哪 一 栋"}, {"event": "user", "text": "她 电话 呢"},
              {"event": "user", "text": '/ask_customer_profile{"customer": "王秀英"}'}]
    latest = {"text": '/ask_customer_profile{"customer": "王秀英"}', "intent": {"name": "ask_customer_profile"},
              "entities": [{"entity": "customer", "value": "王秀英"}], "metadata": {"channel": "counter"}}
    tracker = Tracker("t", {"language": "zh"}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionCustomerProfile(shop_context).run(dispatcher, tracker, domain)
    assert [m["text"] for m in dispatcher.messages] == ["王秀英的电话是13857101234。"]


def test_a_recommendation_names_what_suits_her_tags(demo, conversation):
    """Owner trial 12 (M1): 孙桂芳 has 糖尿病; 小米 and 燕麦片 are marked as suiting it (not just "孙桂芳:糖尿病")."""
    said = conversation.run(ActionCustomerProfile, text="孙阿姨有糖尿病给她推荐点啥", intent="ask_customer_profile",
                            entities={"customer": "孙阿姨", "tag": "糖尿病"})
    assert said == ["适合孙桂芳(糖尿病)的有小米、燕麦片。"]
    said = conversation.run(ActionCustomerProfile, text="what would you recommend for auntie sun",
                            intent="ask_customer_profile", entities={"customer": "auntie sun"}, language="en")
    assert "millet" in said[0].lower() and "oat" in said[0].lower()
