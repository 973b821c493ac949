"""Carrying out the proposal a "yes" answers, exactly once.

The write and the record that it was made (``CommittedProposal``, keyed by the proposal's id) go in one
transaction: a "yes" that arrives again — a retried request, the owner repeating herself after a
restart that lost the reply — finds the record and writes nothing twice. A write that fails leaves no
record, so saying "yes" again tries again.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from assistant.brain.proposals import Proposal
from assistant.context import ShopContext
from assistant.db.conversations import CommittedProposal


async def confirm(context: ShopContext, proposal: Proposal, *, channel: str,
                  conversation_id: str) -> tuple[Proposal, bool]:
    """Commit ``proposal`` unless it was already; returns the committed proposal (with what it wrote)
    and whether it had been committed before."""
    try:
        with context.session() as session:
            done = session.get(CommittedProposal, proposal.id)
            if done is not None:
                return Proposal.from_slot(done.proposal) or proposal, True
            await proposal.commit(context, session, channel=channel, conversation_id=conversation_id)
            session.add(CommittedProposal(id=proposal.id, shop_id=context.shop_id, conversation_id=conversation_id,
                                          kind=proposal.kind, proposal=proposal.to_slot(),
                                          committed_at=context.now()))
    except IntegrityError:
        # Another request committed the same proposal in the meantime (its record's key is taken).
        with context.session() as session:
            done = session.get(CommittedProposal, proposal.id)
            if done is None:
                raise
            return Proposal.from_slot(done.proposal) or proposal, True
    return proposal, False
