"""credit ledger: customers' tabs (赊账) as append-only entries, and the tab limits

Revision ID: 0005_credit_ledger
Revises: 0005_gap_spread
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_credit_ledger"
down_revision = "0005_gap_spread"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("voids_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["voids_id"], ["credit_entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("voids_id"),
    )
    op.create_index("ix_credit_entries_shop_customer", "credit_entries", ["shop_id", "customer_id"])
    with op.batch_alter_table("shops") as batch:
        batch.add_column(sa.Column("credit_limit", sa.Numeric(12, 2), nullable=False, server_default="500"))
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("credit_limit", sa.Numeric(12, 2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("credit_limit")
    with op.batch_alter_table("shops") as batch:
        batch.drop_column("credit_limit")
    op.drop_index("ix_credit_entries_shop_customer", table_name="credit_entries")
    op.drop_table("credit_entries")
