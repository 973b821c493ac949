"""Writes the owner confirms: one class per kind (``base.Proposal``), registered by its kind tag.

Adding a kind of write is one module here with a ``@register``-ed ``Proposal`` subclass, plus its import
below.
"""

from assistant.brain.proposals.base import KINDS, Proposal, is_proposal, register
from assistant.brain.proposals.credit import CreditProposal, PaymentProposal, ReminderProposal
from assistant.brain.proposals.credit_limit import CreditLimitProposal
from assistant.brain.proposals.customers import ConsentProposal, CustomerUpdateProposal, NewCustomerProposal
from assistant.brain.proposals.erase import EraseCustomerProposal
from assistant.brain.proposals.greetings import (
    GreetingProposal,
    KeepRecordingProposal,
    ResendGreetingProposal,
)
from assistant.brain.proposals.price import PriceProposal
from assistant.brain.proposals.sale import SaleProposal
from assistant.brain.proposals.stock import StockInProposal
from assistant.brain.proposals.undo import UndoProposal

__all__ = [
    "KINDS",
    "ConsentProposal",
    "CreditLimitProposal",
    "CreditProposal",
    "CustomerUpdateProposal",
    "EraseCustomerProposal",
    "GreetingProposal",
    "KeepRecordingProposal",
    "NewCustomerProposal",
    "PaymentProposal",
    "PriceProposal",
    "Proposal",
    "ReminderProposal",
    "ResendGreetingProposal",
    "SaleProposal",
    "StockInProposal",
    "UndoProposal",
    "is_proposal",
    "register",
]
