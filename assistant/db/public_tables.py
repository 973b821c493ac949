"""What customers leave through the public pages, waiting for the owner: sign-ups from the counter's QR
code and requests to be erased from a personal data link (``shop.public``).

Declared on the models' metadata; import them from ``assistant.db.models`` like every other table. A row
lives only until the owner decides: a confirmed sign-up becomes (or joins) a customer, a refused one is
deleted, and an erasure request goes with the customer it names.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from assistant.db.models import AUTOINCREMENT, Base


class Signup(Base):
    """A sign-up a customer filled in on her own phone; the owner confirms it into a customer.

    ``created_at`` is when she gave the consents on the form (``marketing_consent`` for messages,
    ``sensitive_consent`` for the health or children's notes): they are recorded at that time."""

    __tablename__ = "signups"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    name = Column(String(100), nullable=False)
    phone = Column(String(40), nullable=False)
    birthday = Column(String(40))  # as ``Birthday.__str__`` writes it: 03-18, 1958-03-18, 农历08-15
    household = Column(Text)
    sensitive_notes = Column(Text)  # kept only with ``sensitive_consent``
    marketing_consent = Column(Boolean, nullable=False, default=False)
    sensitive_consent = Column(Boolean, nullable=False, default=False)
    language = Column(String(5), nullable=False, default="zh")


class ErasureRequest(Base):
    """A customer asked, through her personal data link, to be erased; the owner confirms the erase."""

    __tablename__ = "erasure_requests"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, unique=True)
    requested_at = Column(DateTime, nullable=False)
