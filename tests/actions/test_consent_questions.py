"""Owner trial 13, M1: asking whether a customer takes messages is answered from the record, never read back as a
consent change a hurried "对" would write."""

from __future__ import annotations

import pytest

from actions.consent import ActionProposeConsent, consent_instead
from assistant.context import ShopContext
from assistant.language.consent_question import asks_about_consent


@pytest.fixture
def shop_context(demo):
    return ShopContext.build(engine=demo)


def test_a_consent_question_is_told_apart_from_a_change():
    for asked in ("老秦同意收消息吗", "邓海 还 收 消息 吗", "王阿姨收不收消息", "do we still send Deng Hai messages",
                  "does Mrs Liu get our messages?"):
        assert asks_about_consent(asked), asked
    for told in ("老秦又想收消息了", "王阿姨不想收消息了", "Deng Hai wants no more messages", "stop sending Deng Hai messages",
                 "能不能别给她发消息了吗", "邓海欠多少", "陈团长带了几个人来"):
        assert not asks_about_consent(told), told


def test_asking_whether_he_agreed_says_he_has_not_and_proposes_nothing(demo, conversation):
    # "老秦同意收消息吗" was read back "秦文同意接收店里的消息。对吗?": a hurried 对 would opt him in.
    said = conversation.run(ActionProposeConsent, text="老秦同意收消息吗", intent="opt_in", entities={"customer": "老秦"})
    assert len(said) == 1 and said[0].startswith("秦文没有同意接收店里的消息"), said
    assert "对吗" not in said[0]
    assert (conversation.slot("pending") or {}).get("kind") != "consent"


def test_asking_in_english_whether_we_still_send_him_messages_says_yes(demo, conversation):
    # "do we still send Deng Hai messages" was read back as an opt-out: "Deng Hai gets no more messages. Right?".
    said = conversation.run(ActionProposeConsent, text="do we still send Deng Hai messages", intent="opt_out",
                            entities={"customer": "Deng Hai"}, language="en")
    assert len(said) == 1 and said[0].startswith("Yes, Deng Hai takes messages from the shop"), said
    assert "Right?" not in said[0]
    assert (conversation.slot("pending") or {}).get("kind") != "consent"


class _ConsentFirst:
    """What the balance action does first (actions/credit.py): a consent question is answered as one."""

    def __init__(self, context):
        self.context = context

    def run(self, dispatcher, tracker, domain):
        answered = consent_instead(self.context, dispatcher, tracker)
        return [] if answered is None else answered


def test_a_consent_question_heard_as_his_tab_is_answered_as_consent(demo, conversation, shop_context):
    # "邓海 还 收 消息 吗" answered "邓海没有欠账。"; ActionBalance asks consent_instead first.
    said = conversation.run(_ConsentFirst(shop_context), text="邓海 还 收 消息 吗", intent="ask_balance",
                            entities={"customer": "邓海"})
    assert len(said) == 1 and said[0].startswith("邓海收店里的消息"), said
    assert "欠账" not in said[0]
    said = conversation.run(_ConsentFirst(shop_context), text="邓海欠多少", intent="ask_balance",
                            entities={"customer": "邓海"})
    assert said == []


def test_a_change_of_mind_is_still_read_back(demo, conversation):
    said = conversation.run(ActionProposeConsent, text="老秦又想收消息了", intent="opt_in", entities={"customer": "老秦"})
    assert said == ["秦文同意接收店里的消息。对吗?"]
