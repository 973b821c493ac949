"""report speedups: restock rows found by "not lapsed yet", and daily sale counts

Revision ID: 0002_report_speedups
Revises: 0002_report_indexes
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_report_speedups"
down_revision = "0002_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_purchase_stats_item_due", table_name="purchase_stats")
    op.drop_index("ix_purchase_stats_group_due", table_name="purchase_stats")
    op.create_index("ix_purchase_stats_item_lapse", "purchase_stats", ["shop_id", "item_key", "lapse_after"])
    op.create_index("ix_purchase_stats_group_lapse", "purchase_stats", ["shop_id", "is_group", "lapse_after"])
    op.create_table(
        "shop_daily_sales",
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sales", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.PrimaryKeyConstraint("shop_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("shop_daily_sales")
    op.drop_index("ix_purchase_stats_group_lapse", table_name="purchase_stats")
    op.drop_index("ix_purchase_stats_item_lapse", table_name="purchase_stats")
    op.create_index("ix_purchase_stats_group_due", "purchase_stats", ["shop_id", "is_group", "next_due"])
    op.create_index("ix_purchase_stats_item_due", "purchase_stats", ["shop_id", "item_key", "next_due"])
