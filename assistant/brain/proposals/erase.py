"""Erasing a customer asked in chat ("邓海说他的资料都要删掉"): read back what goes, erased on yes.

An erasure cannot be taken back (that is its point), so the read-back says so and what stays: her sales,
anonymised, so takings and stock do not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.errors import Invalid
from assistant.shop.customers import get_customer
from assistant.shop.export import erase_customer


@register
@dataclass
class EraseCustomerProposal(Proposal):
    """"删除邓海的全部资料…对吗?" — the ordinary erase (``shop.export.erase_customer``), after a yes."""

    kind = "erase_customer"
    changes_names = True

    customer_id: int = 0
    customer_name: str = ""
    credit_entries: int = 0
    greetings: int = 0
    sales: int = 0

    def statement(self, language: str) -> str:
        """What goes and what stays, and that it cannot be undone."""
        if language == "en":
            extra = "".join([f", {self.credit_entries} tab entries" if self.credit_entries else "",
                             f", {self.greetings} greetings" if self.greetings else ""])
            kept = f" The {self.sales} past sales stay on the books, without the name." if self.sales else ""
            return (f"Erase all of {self.customer_name}'s data: name, phone, birthday, notes, tags, consents{extra}."
                    f"{kept} Once erased, it is gone for good.")
        extra = "".join([f"、{self.credit_entries}条赊账记录" if self.credit_entries else "",
                         f"、{self.greetings}条祝福" if self.greetings else ""])
        kept = f"过去的{self.sales}笔买卖留在账上,不写名字。" if self.sales else ""
        return (f"删除{self.customer_name}的全部资料:名字、电话、生日、备注、标签、消息同意{extra}。"
                f"{kept}删除后不能撤销。")

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Erase her (the same erase as the customer page's)."""
        customer = get_customer(session, shop_id=context.shop_id, customer_id=self.customer_id)
        self.written = erase_customer(session, customer=customer, channel=channel,
                                      data_dir=context.settings.data_dir)

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """An erasure is final: nothing of her is left to put back."""
        raise Invalid("an erasure cannot be undone", zh="删除的资料不能恢复")
