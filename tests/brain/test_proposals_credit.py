"""Tab entries and payments: read back (with the limit warning), committed on "yes", undone — both databases."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlalchemy import func, select

from assistant.brain.proposals import (
    CreditLimitProposal,
    CreditProposal,
    PaymentProposal,
    Proposal,
    UndoProposal,
)
from assistant.db.models import CreditEntry, Customer, Product, Shop
from assistant.shop.credit import tab_of
from assistant.shop.sales_query import active_sale_items


def _commit(context, proposal: Proposal) -> Proposal:
    with context.session() as session:
        asyncio.run(proposal.commit(context, session, channel="chat", conversation_id="test"))
    return Proposal.from_slot(proposal.to_slot())


def _undo(context, committed: Proposal) -> None:
    _commit(context, Proposal.from_slot(UndoProposal(target=committed.to_slot()).to_slot()))


def _get(context, model, name):
    with context.session() as session:
        return session.execute(select(model).where(model.name == name)).scalar_one()


def _balance(context, customer_id: int) -> Decimal:
    with context.session() as session:
        return tab_of(session, shop_id=context.shop_id, customer_id=customer_id).balance


def _rice(rice: Product, quantity: str = "2", amount: str = "120") -> dict:
    return {"product_id": rice.id, "product": "东北大米", "aliases": ["northeast rice"], "quantity": quantity,
            "unit": "袋", "amount": amount}


def test_goods_on_the_tab_move_stock_and_undo_puts_them_back(shop_context):
    wang, rice = _get(shop_context, Customer, "王秀英"), _get(shop_context, Product, "东北大米")
    tab = CreditProposal(customer_id=wang.id, customer_name="王阿姨", lines=[_rice(rice)], balance_before="0",
                         limit="500")
    assert tab.describe("zh") == "王阿姨 赊 东北大米 2袋,120元,记在账上。对吗?"
    assert tab.describe("en") == "Put 2 bags of northeast rice for 120 yuan on 王阿姨's tab. Right?"
    committed = _commit(shop_context, tab)
    assert _balance(shop_context, wang.id) == Decimal("120")
    assert _get(shop_context, Product, "东北大米").stock == Decimal("18")
    with shop_context.session() as session:
        assert session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar() == 1
    _undo(shop_context, committed)
    assert _balance(shop_context, wang.id) == Decimal("0")
    assert _get(shop_context, Product, "东北大米").stock == Decimal("20")
    with shop_context.session() as session:
        kinds = [e.kind for e in session.execute(select(CreditEntry).order_by(CreditEntry.id)).scalars()]
    assert kinds == ["charge", "void"]  # append-only: the charge is still there, voided


def test_the_read_back_warns_when_the_limit_would_be_passed(shop_context):
    li = _get(shop_context, Customer, "李建国")
    tab = CreditProposal(customer_id=li.id, customer_name="李叔", amount="80", balance_before="450", limit="500")
    assert tab.describe("zh") == "李叔 赊账 80元。注意:这样一共欠530元,超过额度500元。对吗?"
    assert tab.describe("en") == ("Put 80 yuan on 李叔's tab. Careful: 李叔 would owe 530 yuan, over the limit "
                                  "of 500. Right?")


def test_a_payment_says_what_is_left_and_undo_makes_it_owed_again(shop_context):
    li = _get(shop_context, Customer, "李建国")
    _commit(shop_context, CreditProposal(customer_id=li.id, customer_name="李叔", amount="150", limit="500"))
    payment = PaymentProposal(customer_id=li.id, customer_name="李叔", amount="100", balance_before="150")
    assert payment.describe("zh") == "李叔 还了 100元,还欠 50元。对吗?"
    assert payment.describe("en") == "李叔 paid 100 yuan; 50 yuan still owed. Right?"
    committed = _commit(shop_context, payment)
    assert _balance(shop_context, li.id) == Decimal("50")
    _undo(shop_context, committed)
    assert _balance(shop_context, li.id) == Decimal("150")
    settle = PaymentProposal(customer_id=li.id, customer_name="Uncle Li", amount="150", balance_before="150",
                             settles=True)
    assert settle.describe("en") == "Uncle Li paid 150 yuan and settled the tab. Right?"
    assert settle.describe("zh") == "Uncle Li 结清了账,一共 150元。对吗?"
    _commit(shop_context, settle)
    assert _balance(shop_context, li.id) == Decimal("0")


def test_a_limit_says_itself_commits_and_undoes_for_her_and_for_the_shop(shop_context):
    with shop_context.session() as session:
        li = session.execute(select(Customer).where(Customer.name == "李建国")).scalar_one()
        li_id = li.id
    hers = CreditLimitProposal(customer_id=li_id, customer_name="李建国", amount="200", shop_limit="500")
    assert hers.describe("zh") == "把李建国的赊账额度改成200元(原来500元)。对吗?"
    assert hers.describe("en") == "Set 李建国's tab limit to 200 yuan (was 500). Right?"
    shops = CreditLimitProposal(amount="800", shop_limit="500")
    assert shops.describe("zh") == "把店里的赊账额度改成800元(原来500元)。对吗?"
    back = CreditLimitProposal(customer_id=li_id, customer_name="李建国", amount=None, before="200", shop_limit="800")
    assert back.describe("zh") == "李建国的赊账额度改回店里的800元。对吗?"
    with shop_context.session() as session:
        for proposal in (hers, shops):
            asyncio.run(proposal.commit(shop_context, session, channel="chat", conversation_id="t"))
    with shop_context.session() as session:
        assert session.get(Customer, li_id).credit_limit == 200
        assert session.get(Shop, shop_context.shop_id).credit_limit == 800
        shops.undo(shop_context, session, channel="chat", conversation_id="t")
        hers.undo(shop_context, session, channel="chat", conversation_id="t")
    with shop_context.session() as session:
        assert session.get(Customer, li_id).credit_limit is None
        assert session.get(Shop, shop_context.shop_id).credit_limit == 500


def test_a_tab_payment_or_limit_past_the_bound_is_refused_before_it_is_read_back():
    from assistant.brain.proposals import CreditLimitProposal, CreditProposal, PaymentProposal

    assert "金额" in (CreditProposal(customer_id=1, customer_name="王秀英", amount="1000000000000").refusal() or "")
    assert CreditProposal(customer_id=1, customer_name="王秀英", amount="50").refusal() is None
    assert "金额" in (PaymentProposal(customer_id=1, customer_name="王秀英", amount="100000000").refusal() or "")
    limit = CreditLimitProposal(language="en", customer_id=1, customer_name="Mrs Wang", amount="1000000000")
    assert (limit.refusal() or "").startswith("Not recorded: limit")
    assert CreditLimitProposal(customer_id=1, customer_name="王秀英", amount=None).refusal() is None


def test_a_repayment_corrected_is_a_new_read_back() -> None:
    """"不 对 是 一百 五" while "李叔 还了 100元" waits: 150, a new proposal, settling when it covers the tab."""
    payment = PaymentProposal(customer_id=1, customer_name="李叔", amount="100", balance_before="177")
    corrected = payment.corrected(amount=Decimal("150"))
    assert corrected.id != payment.id and corrected.statement("zh") == "李叔 还了 150元,还欠 27元。"
    assert payment.corrected(amount=Decimal("177")).settles


def test_a_tab_of_goods_her_household_is_allergic_to_is_flagged_first() -> None:
    """A peanut-oil tab for a household tagged 花生过敏 said nothing (kept-aside #12); its sale always did."""
    tab = CreditProposal(customer_id=1, customer_name="张姐", amount="89.9", balance_before="0", limit="500",
                         warnings=["花生过敏"])
    assert tab.describe("zh").startswith("注意:张姐家里有花生过敏。张姐 赊账 89.9元。")
    assert tab.describe("en").startswith("Careful: 张姐's household: peanut allergy. Put 89.9 yuan")
