"""Carrying out the proposal a "yes" answers, exactly once.

The write and the record that it was made (``CommittedProposal``, keyed by the proposal's id) go in one
transaction: a "yes" that arrives again — a retried request, the owner repeating herself after a
restart that lost the reply — finds the record and writes nothing twice. A write that fails leaves no
record, so saying "yes" again tries again.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.brain.proposals import Proposal
from assistant.context import ShopContext
from assistant.db.conversations import CommittedProposal
from assistant.db.retry import run_in_transaction_async


async def confirm(context: ShopContext, proposal: Proposal, *, channel: str,
                  conversation_id: str) -> tuple[Proposal, bool]:
    """Commit ``proposal`` unless it was already; returns the committed proposal (with what it wrote)
    and whether it had been committed before."""
    async def write(session: Session) -> tuple[Proposal, bool]:
        done = session.get(CommittedProposal, proposal.id)
        if done is not None:
            return Proposal.from_slot(done.proposal) or proposal, True
        attempt = Proposal.from_slot(proposal.to_slot())  # nothing of a failed attempt carries over
        await attempt.commit(context, session, channel=channel, conversation_id=conversation_id)
        session.add(CommittedProposal(id=attempt.id, shop_id=context.shop_id, conversation_id=conversation_id,
                                      kind=attempt.kind, proposal=attempt.to_slot(), committed_at=context.now()))
        session.flush()
        return attempt, False

    try:
        # A deadlock or a busy database is tried again (a new transaction each time); still busy after the
        # last try, ``DatabaseBusy`` tells the owner it was not saved.
        return await run_in_transaction_async(context.sessions, write)
    except IntegrityError:
        # Another request committed the same proposal in the meantime (its record's key is taken).
        with context.session() as session:
            done = session.get(CommittedProposal, proposal.id)
            if done is None:
                raise
            return Proposal.from_slot(done.proposal) or proposal, True
