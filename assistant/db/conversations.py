"""Conversations kept in the shop's database: every Rasa event, and every proposal the owner confirmed.

A restart, or another replica on the same database, continues a conversation where it stopped: the
read-back waiting for "对" is in its events. ``CommittedProposal`` is the record, written in the same
transaction as the write itself, that a proposal (by its id) was carried out: a "对" repeated after a
retry or a restart finds it and writes nothing twice.
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, DateTime, Integer, String, Text, UniqueConstraint

from assistant.db.models import Base


class ConversationEvent(Base):
    """One Rasa event of one conversation, in order (``seq`` counts from 0 per conversation)."""

    __tablename__ = "conversation_events"
    __table_args__ = (UniqueConstraint("sender_id", "seq", name="uq_conversation_events_sender_seq"),)
    id = Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    sender_id = Column(String(200), nullable=False)
    seq = Column(Integer, nullable=False)
    # A new conversation session starts here: a retrieve reads from the last one on.
    session_start = Column(Boolean, nullable=False, default=False)
    event = Column(Text, nullable=False)  # the event as Rasa's JSON (``Event.as_dict``)


class CommittedProposal(Base):
    """A confirmed write, by the proposal's id: proof it happened, and what it wrote (for undo)."""

    __tablename__ = "committed_proposals"
    id = Column(String(64), primary_key=True)
    shop_id = Column(Integer, nullable=False)
    conversation_id = Column(String(200), nullable=False)
    kind = Column(String(40), nullable=False)
    proposal = Column(JSON, nullable=False)  # the proposal's slot value, with what it wrote
    committed_at = Column(DateTime, nullable=False)
