"""A sale, a tab or a repayment told of an earlier day is read back with that day and its year, and kept on it."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from assistant.brain.proposals import CreditProposal, PaymentProposal, Proposal, SaleProposal
from assistant.db.models import Customer, Product, Sale


def _commit(context, proposal: Proposal) -> Proposal:
    with context.session() as session:
        asyncio.run(proposal.commit(context, session, channel="chat", conversation_id="test"))
    return Proposal.from_slot(proposal.to_slot())


def test_a_sale_of_last_year_says_the_year_and_is_kept_on_its_day(shop_context):
    with shop_context.session() as session:
        wang = session.execute(select(Customer).where(Customer.name == "王秀英")).scalar_one()
        rice = session.execute(select(Product).where(Product.name == "东北大米")).scalar_one()
        line = {"product_id": rice.id, "product": rice.name, "quantity": "2", "unit": "袋", "amount": "120"}
        sale = SaleProposal(customer_id=wang.id, customer_name="王秀英", lines=[line], day="2025-03-18")
    assert sale.describe("zh") == "2025年3月18日 王秀英 买 东北大米 2袋,共 120元。对吗?"
    assert sale.describe("en").startswith("On March 18, 2025, 王秀英 bought 2 bags")
    done = _commit(shop_context, sale)
    with shop_context.session() as session:
        assert session.get(Sale, done.written["sale_id"]).sold_at.date().isoformat() == "2025-03-18"


def test_a_tab_and_a_repayment_of_an_earlier_day_say_it():
    tab = CreditProposal(customer_name="王秀英", amount="50", limit="300", day="2026-03-10")
    assert tab.describe("zh") == "2026年3月10日 王秀英 赊账 50元。对吗?"
    assert tab.describe("en") == "On March 10, 2026, put 50 yuan on 王秀英's tab. Right?"
    paid = PaymentProposal(customer_name="王秀英", amount="50", balance_before="80", day="2026-03-10")
    assert paid.describe("zh") == "2026年3月10日 王秀英 还了 50元,还欠 30元。对吗?"
