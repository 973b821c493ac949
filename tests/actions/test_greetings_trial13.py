"""Owner trial 13 (phone page, demo shop of 2026-03-15): a greeting for someone who opted out is not listed as
to send (F3), one she says she sent is marked sent after 对 (M8), a birthday just passed is greeted belated (A3)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.consent import ActionProposeConsent
from actions.greetings import ActionGreetings, ActionProposeGreeting
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import Greeting
from assistant.shop.reports.daily_tasks import daily_tasks
from assistant.shop.shops import default_shop_id


@pytest.fixture
def shop_context(demo):
    return ShopContext.build(engine=demo)


def _make_greeting(conversation, customer: str) -> None:
    said = conversation.run(ActionProposeGreeting, text=f"给{customer}发个生日祝福", intent="send_greeting",
                            entities={"customer": customer})
    assert said and "祝福" in said[0], said
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]


def test_a_greeting_for_a_customer_who_opted_out_is_not_listed_to_send(demo, conversation):
    _make_greeting(conversation, "王阿姨")
    assert conversation.run(ActionGreetings, text="还有哪些祝福没发", intent="ask_greetings") \
        == ["还有1条祝福没发:王秀英(生日)。"]
    with session_scope(demo) as session:
        shop_id = default_shop_id(session)
        assert [i.customer for i in daily_tasks(session, shop_id=shop_id).items if i.kind == "greeting"] == ["王秀英"]
    said = conversation.run(ActionProposeConsent, text="王阿姨不想收消息了", intent="opt_out",
                            entities={"customer": "王阿姨"})
    assert said[0].endswith("对吗?"), said
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    said = conversation.run(ActionGreetings, text="还有哪些祝福没发", intent="ask_greetings")
    assert said == ["没有待发的祝福。王秀英已经不收店里的消息了,那条祝福不发(可在“祝福”页面取消)。"]
    with session_scope(demo) as session:  # the morning list does not count it either
        shop_id = default_shop_id(session)
        assert [i.customer for i in daily_tasks(session, shop_id=shop_id).items if i.kind == "greeting"] == []


def test_a_greeting_she_says_she_sent_is_marked_sent_after_yes(demo, conversation):
    _make_greeting(conversation, "刘女士")
    said = conversation.run(ActionGreetings, text="刘女士的祝福发过去了", intent="ask_greetings",
                            entities={"customer": "刘女士"})
    assert said == ["把给刘淑珍的生日祝福记成已发出,不再算待发。对吗?"]
    with session_scope(demo) as session:  # nothing written before 对
        assert session.execute(select(Greeting.status)).scalars().all() == ["waiting"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["记好了。"]
    with session_scope(demo) as session:
        assert session.execute(select(Greeting.status)).scalars().all() == ["sent"]
    assert conversation.run(ActionGreetings, text="还有哪些祝福没发", intent="ask_greetings") == ["没有待发的祝福。"]
    said = conversation.run(ActionGreetings, text="刘女士的祝福发过去了", intent="ask_greetings",
                            entities={"customer": "刘女士"})
    assert said == ["刘淑珍没有待发的祝福,不用再记。"]


def test_a_birthday_just_passed_is_greeted_belated_not_next_year(demo, conversation):
    said = conversation.run(ActionProposeGreeting, text="给韦桂发个生日祝福", intent="send_greeting",
                            entities={"customer": "韦桂"})
    assert said[0].startswith("韦桂的生日是2月20日(23天前),已经过了,这是补祝。"), said
    assert "提前" not in said[0] and "还有342天" not in said[0] and "补祝" in said[0]
