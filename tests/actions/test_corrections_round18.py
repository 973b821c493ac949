"""Round 18: second thoughts and a figure ("hold on, 45") heard as a sale while a repayment or a tab waits for its
yes correct that read-back's money, whatever intent the model gave; the sale form never asks what was bought."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from actions.confirm import ActionAffirm
from actions.corrections import money_instead
from actions.credit import ActionProposeCredit, ActionProposePayment
from actions.sale_form import ValidateSaleForm
from actions.sales import ActionProposeSale
from assistant.brain.proposals import Proposal
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.db.models import CreditEntry, Customer
from assistant.shop import credit


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (李建国 is Uncle Li)."""
    return ShopContext.build(engine=demo)


def _uncle_owes(engine, amount: int) -> None:
    with session_scope(engine) as session:
        uncle = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        credit.charge(session, shop_id=uncle.shop_id, customer=uncle, channel="chat",
                      now=dt.datetime(2026, 3, 14, 12, 0), amount=Decimal(amount))


def test_second_thoughts_heard_as_a_sale_correct_the_waiting_repayment(demo, conversation):
    _uncle_owes(demo, 80)
    conversation.slots["language"] = "en"
    conversation.run(ActionProposePayment, text="Uncle Li paid back 40", intent="log_payment",
                     entities={"customer": "Uncle Li", "amount": "40"})
    # the form ends at once: no "what did they buy?"
    form = conversation.run(ValidateSaleForm, text="hold on, 45", intent="log_sale", entities={"amount": "45"},
                            requested_slot="sale_product")
    assert form == [] and conversation.slot("requested_slot") is None
    said = conversation.run(ActionProposeSale, text="hold on, 45", intent="log_sale", entities={"amount": "45"})
    assert said == ["Uncle Li paid 45 yuan; 35 yuan still owed. Right?"]
    assert conversation.run(ActionAffirm, intent="affirm") == ["Done, it's recorded."]
    with session_scope(demo) as session:
        paid = session.execute(select(CreditEntry.amount).where(CreditEntry.kind == "payment",
                                                           CreditEntry.conversation_id.is_not(None))).scalars().all()
    assert [Decimal(amount) for amount in paid] == [Decimal(45)]


def test_second_thoughts_heard_as_a_sale_correct_the_waiting_tab(demo, conversation):
    conversation.run(ActionProposeCredit, text="李叔赊了一百块", intent="log_credit",
                     entities={"customer": "李叔", "amount": "100"})
    said = conversation.run(ActionProposeSale, text="等等 120块", intent="log_sale", entities={"amount": "120"})
    assert len(said) == 1 and "120" in said[0] and "买了什么" not in said[0]
    assert "120" in conversation.slot("pending")["summary"]


def test_a_figure_alone_while_a_repayment_waits_is_no_correction_without_second_thoughts(demo, conversation):
    _uncle_owes(demo, 80)
    conversation.slots["language"] = "en"
    conversation.run(ActionProposePayment, text="Uncle Li paid back 40", intent="log_payment",
                     entities={"customer": "Uncle Li", "amount": "40"})
    waiting = Proposal.from_slot(conversation.slot("pending"))
    assert money_instead(waiting, "hold on, 45") and money_instead(waiting, "等一下 四十五块")
    assert not money_instead(waiting, "Auntie Wang bought 45 yuan of rice")
