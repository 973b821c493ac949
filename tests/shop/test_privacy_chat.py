"""Red team 14 (M1): who takes no messages, what an erasure in chat takes, and her phone taken off (undoable)."""

import asyncio

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant.brain.proposals import CustomerUpdateProposal, EraseCustomerProposal, Proposal
from assistant.context import ShopContext
from assistant.db.models import AuditEntry, Customer
from assistant.shop.demo import load_demo
from assistant.shop.privacy_chat import erase_counts, export_answer, opted_out_answer, opted_out_names


def test_the_customers_who_refused_messages_are_listed(read_only_demo: Engine) -> None:
    with Session(read_only_demo) as session:
        shop_id = session.execute(select(Customer.shop_id)).scalars().first()
        names = opted_out_names(session, shop_id=shop_id)
    assert set(names) == {"田玲兰", "钱云凤", "曹明桂", "梁美玉", "秦文", "孙敏辉"}
    assert opted_out_answer(names, "zh").startswith("不收消息的有6位:")


def test_export_says_where_her_copy_is() -> None:
    assert "个人资料链接" in export_answer("李建国", "zh")
    assert "personal data link" in export_answer("Li Jianguo", "en").lower()


def test_erase_is_read_back_and_done_on_yes(sqlite_engine: Engine, monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-03-15")
    load_demo(sqlite_engine)
    context = ShopContext.build(engine=sqlite_engine)
    with context.session() as session:
        deng = session.execute(select(Customer).where(Customer.name == "邓海")).scalar_one()
        erase = EraseCustomerProposal(customer_id=deng.id, customer_name="邓海", **erase_counts(session, customer=deng))
        said = Proposal.from_slot(erase.to_slot()).describe()
        assert said.startswith("删除邓海的全部资料") and "不能撤销" in said
        asyncio.run(erase.commit(context, session, channel="chat", conversation_id="t"))
        session.flush()
        assert session.execute(select(Customer).where(Customer.name == "邓海")).scalar_one_or_none() is None


def test_her_phone_is_taken_off_and_put_back_on_undo(sqlite_engine: Engine, monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-03-15")
    load_demo(sqlite_engine)
    context = ShopContext.build(engine=sqlite_engine)
    with context.session() as session:
        zhao = session.execute(select(Customer).where(Customer.name == "赵敏")).scalar_one()
        phone = zhao.phone
        change = CustomerUpdateProposal(customer_id=zhao.id, customer_name="赵敏", clear_phone=phone)
        assert change.describe() == f"删掉赵敏的电话{phone}。对吗?"
        english = CustomerUpdateProposal(language="en", customer_id=zhao.id, customer_name="Xiao Zhao", clear_phone=phone)
        assert english.describe().startswith(f"Remove Xiao Zhao's phone number {phone}")  # no "Note for" (red team 15)
        asyncio.run(change.commit(context, session, channel="chat", conversation_id="t"))
        assert zhao.phone is None
        audited = session.execute(select(AuditEntry).where(AuditEntry.entity == "customer", AuditEntry.entity_id == zhao.id,
                                                         AuditEntry.action == "update")).scalars().all()
        assert len(audited) == 1  # the removal is in the audit log like every other write
        change.undo(context, session, channel="chat", conversation_id="t")
        assert zhao.phone == phone


def test_the_export_answer_guesses_no_gender() -> None:
    """李叔 is a man: the answer said 发给她 (red team 15, A3)."""
    assert "她" not in export_answer("李建国", "zh") and "her " not in export_answer("Li Jianguo", "en")
