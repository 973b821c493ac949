"""A tab limit set by voice or chat ("王阿姨的赊账上限改成三百"), read back with the limit it replaces, and
undone by putting that one back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from assistant.brain.proposals.base import Proposal, register
from assistant.context import ShopContext
from assistant.db.models import Customer
from assistant.errors import NotFound
from assistant.language.wording import number
from assistant.shop import credit


@register
@dataclass
class CreditLimitProposal(Proposal):
    """Her own tab limit (``customer_id``), or the shop's default (``customer_id`` 0); ``amount`` None gives
    her the shop's limit again; ``before`` is what it was (None: she had none of her own)."""

    kind = "credit_limit"

    customer_id: int = 0
    customer_name: str = ""
    amount: str | None = None
    before: str | None = None
    shop_limit: str = "0"

    def figures(self) -> list[tuple[str, Any]]:
        """The new limit (none when she goes back to the shop's)."""
        return [("limit", self.amount)] if self.amount is not None else []

    def statement(self, language: str) -> str:
        """"把王秀英的赊账额度改成300元(原来500元)。" / "Set Wang Xiuying's tab limit to 300 yuan (was 500)."."""
        was = number(self.before if self.before is not None else self.shop_limit)
        if language == "en":
            if not self.customer_id:
                return f"Set the shop's tab limit to {number(self.amount)} yuan (was {was})."
            if self.amount is None:
                return f"{self.customer_name}'s tab limit goes back to the shop's {number(self.shop_limit)} yuan."
            return f"Set {self.customer_name}'s tab limit to {number(self.amount)} yuan (was {was})."
        if not self.customer_id:
            return f"把店里的赊账额度改成{number(self.amount)}元(原来{was}元)。"
        if self.amount is None:
            return f"{self.customer_name}的赊账额度改回店里的{number(self.shop_limit)}元。"
        return f"把{self.customer_name}的赊账额度改成{number(self.amount)}元(原来{was}元)。"

    def _target(self, context: ShopContext, session: Session) -> Customer | None:
        if not self.customer_id:
            return None
        customer = session.get(Customer, self.customer_id)
        if customer is None or customer.shop_id != context.shop_id:
            raise NotFound(f"no customer with id {self.customer_id}")
        return customer

    async def commit(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Set the limit; ``written`` keeps the one it replaced."""
        customer = self._target(context, session)
        before = customer.credit_limit if customer is not None else credit.limit_of_shop(session, shop_id=context.shop_id)
        credit.set_limit(session, shop_id=context.shop_id, customer=customer, channel=channel,
                         amount=Decimal(self.amount) if self.amount is not None else None)
        self.written = {"before": None if before is None else str(before)}

    def undo(self, context: ShopContext, session: Session, *, channel: str, conversation_id: str) -> None:
        """Put the limit it replaced back."""
        before = self.written["before"]
        credit.set_limit(session, shop_id=context.shop_id, customer=self._target(context, session), channel=channel,
                         amount=Decimal(before) if before is not None else None)
