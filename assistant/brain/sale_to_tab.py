"""A sale read back and waiting for her yes, turned into a tab: "还是记账吧,她下次给" says the same goods go on
the customer's tab (owner trial 14, W3), so the tab takes the waiting sale's goods instead of asking again
what she took; and a word about the waiting sale is not needed, as it is the same write."""

from __future__ import annotations

from typing import Any

from assistant.brain.proposals.base import Proposal
from assistant.brain.proposals.credit import CreditProposal
from assistant.brain.proposals.sale import SaleProposal


def waiting_sale(waiting: dict[str, Any] | None) -> SaleProposal | None:
    """The sale ``waiting`` holds when it is one to a known customer (a walk-in has no tab), else None."""
    sale = Proposal.from_slot(waiting)
    if not isinstance(sale, SaleProposal) or not sale.customer_id or sale.new_customer or not sale.lines:
        return None
    return sale


def as_tab(sale: SaleProposal, *, balance_before: str, limit: str) -> CreditProposal:
    """The waiting ``sale``'s goods put on its customer's tab (her balance and limit as the shop has them)."""
    return CreditProposal(language=sale.language, customer_id=int(sale.customer_id or 0),
                          customer_name=sale.customer_name or "", lines=[dict(line) for line in sale.lines],
                          day=sale.day, others=list(sale.others), balance_before=balance_before, limit=limit)


def same_write(waiting: Proposal, replaced_by: dict[str, Any]) -> bool:
    """Whether the read-back ``replaced_by`` is the waiting sale turned into a tab (same customer, same goods)."""
    tab = Proposal.from_slot(replaced_by)
    if not isinstance(waiting, SaleProposal) or not isinstance(tab, CreditProposal):
        return False
    goods = [(line.get("product_id"), str(line.get("quantity")), str(line.get("amount"))) for line in waiting.lines]
    return tab.customer_id == waiting.customer_id and goods == [
        (line.get("product_id"), str(line.get("quantity")), str(line.get("amount"))) for line in tab.lines]
