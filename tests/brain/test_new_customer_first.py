"""A request that names someone the shop does not know: she is added first, then the request carries on."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from assistant.brain.proposals import (
    ConsentProposal,
    CreditProposal,
    CustomerUpdateProposal,
    NewCustomerProposal,
    Proposal,
)
from assistant.db.models import Customer


def _commit(context, proposal: Proposal) -> Proposal:
    with context.session() as session:
        asyncio.run(proposal.commit(context, session, channel="chat", conversation_id="test"))
    return Proposal.from_slot(proposal.to_slot())


def _customer(context, name: str) -> Customer | None:
    with context.session() as session:
        return session.execute(select(Customer).where(Customer.name == name)).scalar_one_or_none()


def _opt_out_first() -> NewCustomerProposal:
    wanted = ConsentProposal(language="zh", customer_name="马老师", granted=False, note="马老师不想收我们的消息了")
    return NewCustomerProposal(language="zh", name="马老师", then=wanted.to_slot())


def test_the_offer_says_what_comes_after_she_is_added():
    offer = _opt_out_first().offer()
    assert offer.startswith("没找到叫“马老师”的顾客。添加新顾客马老师。")
    assert "马老师以后不再收店里的消息" in offer and offer.endswith("对吗?")
    assert "Ma gets no more messages from the shop" in NewCustomerProposal(
        language="en", name="Ma", then=ConsentProposal(customer_name="Ma").to_slot()).offer("en")
    # a name alone: the plain question, as before
    assert NewCustomerProposal(name="马老师").offer("zh") == "没找到叫“马老师”的顾客。要添加为新顾客吗?"


def test_once_added_the_opt_out_is_read_back_for_her_and_then_written(shop_context):
    added = _commit(shop_context, Proposal.from_slot(_opt_out_first().to_slot()))
    follow = added.carried_on()
    customer = _customer(shop_context, "马老师")
    assert isinstance(follow, ConsentProposal) and follow.customer_id == customer.id
    assert follow.describe("zh") == "马老师以后不再收店里的消息。对吗?"
    assert follow.id != added.id
    _commit(shop_context, follow)
    assert not _customer(shop_context, "马老师").marketing_consent


def test_a_tab_for_someone_new_is_read_back_after_she_is_added(shop_context):
    tab = CreditProposal(customer_name="马老师", amount="50", limit="300")
    added = _commit(shop_context, NewCustomerProposal(name="马老师", then=tab.to_slot()))
    follow = added.carried_on()
    assert follow.customer_id == _customer(shop_context, "马老师").id
    assert follow.describe("zh") == "马老师 赊账 50元。对吗?"


def test_a_new_customer_added_for_nothing_else_carries_nothing_on(shop_context):
    assert _commit(shop_context, NewCustomerProposal(name="马老师")).carried_on() is None
    assert _opt_out_first().carried_on() is None  # not added yet


def test_facts_told_of_someone_new_add_her_with_them():
    told = CustomerUpdateProposal(customer_name="马老师", add_tags=["高血压"], household="8栋1单元")
    assert told.for_new_customer("马老师").describe("zh") == "添加新顾客马老师,高血压,住8栋1单元。对吗?"


def test_an_undo_names_the_customer_added_not_what_came_after(shop_context):
    added = _commit(shop_context, _opt_out_first())
    assert added.entry("zh") == "添加新顾客马老师。"
    assert "不再收" in _opt_out_first().entry("zh")  # still waiting: the note says what comes after
