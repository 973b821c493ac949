"""A customer's data asked about in chat: who takes no messages, what an erasure takes, where her copy is.

The replies are said here (plain functions) so the chat action stays a switch; the writes themselves are
``shop.export.erase_customer`` (confirmed as ``brain.proposals.erase.EraseCustomerProposal``) and the
ordinary update (her phone cleared).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import CreditEntry, Customer, Greeting, Sale


def opted_out_names(session: Session, *, shop_id: int) -> list[str]:
    """The customers the shop may send no messages (``marketing_consent`` off: refused, or never agreed), by name."""
    return list(session.execute(
        select(Customer.name).where(Customer.shop_id == shop_id, Customer.marketing_consent.is_(False))
        .order_by(Customer.id)
    ).scalars())


def opted_out_answer(names: list[str], language: str) -> str:
    """"不收消息的有6位:田玲兰、…" — the count and the names (or that everyone may be sent messages)."""
    if language == "en":
        return (f"{len(names)} customers take no messages: {', '.join(names)}." if names
                else "No customer has refused messages.")
    return f"不收消息的有{len(names)}位:{'、'.join(names)}。" if names else "没有顾客拒收消息。"


def erase_counts(session: Session, *, customer: Customer) -> dict[str, int]:
    """What erasing ``customer`` takes (her tab's lines, greetings) and keeps anonymised (her sales)."""
    def count(model: type, column: object) -> int:
        return session.execute(select(func.count()).select_from(model).where(column == customer.id)).scalar() or 0

    return {"credit_entries": count(CreditEntry, CreditEntry.customer_id),
            "greetings": count(Greeting, Greeting.customer_id),
            "sales": count(Sale, Sale.customer_id)}


def export_answer(name: str, language: str) -> str:
    """Where her copy of her data is: her customer page (download, or her personal-data link to send her)."""
    if language == "en":
        return (f"To export {name}'s data: open {name}'s page under Customers, \"Personal data link\", and "
                f"\"Send the link\": with it they see and download what the shop keeps about them. "
                f"From a computer: assistant export.")
    # no 她 / 他: the customer may be either ("李叔想看看我们记了他哪些东西" was answered 发给她, red team 15)
    return (f"导出{name}的资料:在“顾客”里打开{name}的页面,“个人资料链接”点“发送链接”,"
            f"{name}用这个链接能看到并下载店里记的资料。电脑上也可以用 assistant export。")
