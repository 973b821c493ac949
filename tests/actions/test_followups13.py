"""Owner trial 13's follow-ups: an allergy noted is in the answer, and whose it is; "王阿姨今天买了什么" is her
day's goods; "那上个月呢" after a customer's month is her month before; "还有呢" after the best sellers goes on;
two questions in one are both answered; a note leaves out "记一下" said after it (demo shop)."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.customers import ActionCustomerProfile
from actions.lists import ActionListMore
from actions.reports import ActionSalesSummary
from assistant.context import ShopContext
from assistant.language.notes_said import note_said
from assistant.language.questions import asked_fact, asks_owing_too
from assistant.shop.allergies import allergy_answer


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop."""
    return ShopContext.build(engine=demo)


def _after(action, shop_context, domain, before: tuple[str, str, list[dict]], text: str, intent: str,
           entities: list[dict] | None = None) -> list[str]:
    """What ``action`` says to ``text`` right after the owner said ``before`` (text, intent, entities)."""
    said, heard, tagged = before
    events = [{"event": "user", "text": said, "parse_data": {"text": said, "intent": {"name": heard},
                                                              "entities": tagged}},
              {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent},
                                                              "entities": entities or []}}]
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or [],
              "intent_ranking": [], "metadata": {"channel": "chat"}}
    tracker = Tracker("t", {"language": "zh"}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    action(shop_context).run(dispatcher, tracker, domain)
    return [m["text"] for m in dispatcher.messages]


@pytest.mark.parametrize(("name", "tags", "notes", "language", "answer"), [
    # the child's peanut allergy (the note says whose) and her own mango allergy, each said as whose it is
    ("张丽", ["有小孩", "花生过敏"], "孩子花生过敏, 只买菜籽油或玉米油\n张姐自己对芒果过敏", "zh",
     "张丽:芒果过敏;张丽的孩子:花生过敏。"),
    # a tag nobody's note claims is hers; the egg allergy just noted is the child's
    ("邱玲玉", ["花生过敏"], "孩子对鸡蛋也过敏", "zh", "邱玲玉:花生过敏;邱玲玉的孩子:鸡蛋过敏。"),
    ("张丽", ["花生过敏"], "孩子花生过敏\nkid is allergic to eggs as well", "en",
     "张丽's child: 花生过敏, allergic to eggs."),
    ("王秀英", ["高血压"], "医生让少吃盐", "zh", None),
])
def test_an_allergy_answer_reads_tags_and_notes_and_says_whose(name, tags, notes, language, answer):
    assert allergy_answer(name, tags, notes, language) == answer


def test_an_allergy_noted_is_in_the_answer(demo, conversation):
    said = conversation.run(ActionCustomerProfile, text="张姐对什么过敏", intent="ask_customer_profile",
                            entities={"customer": "张姐"})
    assert said == ["张丽的孩子:花生过敏。"]  # the demo's note: the peanut allergy is her child's, not hers


@pytest.mark.parametrize(("said", "fact"), [("王阿姨今天买了什么", "spent"), ("李叔上个月拿了啥", "spent"),
                                            ("王阿姨上次买了什么", "last_purchase"), ("王阿姨买了什么", None)])
def test_what_she_bought_on_a_day_asks_her_purchases(said, fact):
    assert asked_fact(said) == fact


def test_last_month_after_her_month_is_hers(demo, shop_context, domain):
    said = _after(ActionSalesSummary, shop_context, domain,
                  ("周师傅这个月拿了几袋面粉", "ask_sales_summary",
                   [{"entity": "customer", "value": "周师傅"}, {"entity": "product", "value": "面粉"},
                    {"entity": "period", "value": "这个月"}]),
                  "那上个月呢", "ask_sales_summary", [{"entity": "period", "value": "上个月"}])
    assert said[0].startswith("周德明") and "20袋" in said[0] and "13273.2" not in said[0]


def test_more_after_the_best_sellers_goes_on(demo, shop_context, domain):
    said = _after(ActionListMore, shop_context, domain, ("这个月卖得最好的是啥", "ask_sales_summary", []),
                  "还有呢", "list_more")
    assert said[0].startswith("再往下是泰国香米(900元)")


@pytest.mark.parametrize(("said", "both"), [("李叔电话多少,顺便看看他欠多少", True), ("李叔欠多少", False),
                                            ("李叔电话多少", False), ("王阿姨的账,还有她电话", True)])
def test_two_questions_in_one(said, both):
    assert asks_owing_too(said) is both


def test_phone_and_tab_asked_together_are_both_answered(demo, conversation):
    said = conversation.run(ActionCustomerProfile, text="李叔电话多少,顺便看看他欠多少", intent="ask_customer_profile",
                            entities={"customer": "李叔"})
    assert said == ["李建国的电话是13657104567。李建国没有欠账。"]


@pytest.mark.parametrize(("said", "noted"), [("孙阿姨不吃辣,记一下", "孙阿姨不吃辣"),
                                             ("孙阿姨不吃辣，你帮我记着啊", "孙阿姨不吃辣"),
                                             ("mrs liu is vegetarian, note that", "mrs liu is vegetarian")])
def test_a_note_leaves_out_the_command_said_after_it(said, noted):
    assert note_said(said) == noted


@pytest.mark.parametrize(("said", "before", "same"), [("那周师傅呢", "李叔电话多少", True),
                                                      ("那周师傅呢", "李叔欠多少", False),
                                                      ("周师傅欠多少", "李叔电话多少", False)])
def test_the_same_question_of_another_customer(said, before, same):
    from assistant.language.questions import asks_same_fact_again

    assert asks_same_fact_again(said, before) is same
