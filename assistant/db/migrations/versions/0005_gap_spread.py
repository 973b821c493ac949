"""purchase_stats.gap_spread: how erratic a customer's gaps are, for the restock forecast

Revision ID: 0005_gap_spread
Revises: 0004_conversations
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_gap_spread"
down_revision = "0004_conversations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("purchase_stats") as batch:
        batch.add_column(sa.Column("gap_spread", sa.Numeric(6, 3), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("purchase_stats") as batch:
        batch.drop_column("gap_spread")
