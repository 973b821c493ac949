"""Conversations in the database: their events, and the proposals the owner confirmed.

Revision ID: 0004_conversations
Revises: 0003_data_version
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_conversations"
down_revision = "0003_data_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``conversation_events`` and ``committed_proposals``."""
    op.create_table(
        "conversation_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("sender_id", sa.String(200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("session_start", sa.Boolean(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.UniqueConstraint("sender_id", "seq", name="uq_conversation_events_sender_seq"),
    )
    op.create_table(
        "committed_proposals",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=False),
        sa.Column("committed_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("committed_proposals")
    op.drop_table("conversation_events")
