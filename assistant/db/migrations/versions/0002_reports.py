"""reports: precomputed purchase rhythms and daily product sales

Revision ID: 0002_reports
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_reports"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purchase_stats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=80), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column("is_group", sa.Boolean(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("purchases", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("last_quantity", sa.Numeric(12, 3), nullable=False),
        sa.Column("total_quantity", sa.Numeric(12, 3), nullable=False),
        sa.Column("total_amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("usual_gap", sa.Numeric(8, 2), nullable=True),
        sa.Column("days_per_unit", sa.Numeric(8, 2), nullable=True),
        sa.Column("habit_day", sa.Integer(), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("lapse_after", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("customer_id", "item_key", name="uq_purchase_stats_customer_item"),
    )
    op.create_index("ix_purchase_stats_item_due", "purchase_stats", ["shop_id", "item_key", "next_due"])
    op.create_index("ix_purchase_stats_group_due", "purchase_stats", ["shop_id", "is_group", "next_due"])
    op.create_table(
        "product_daily_sales",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(12, 3), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.PrimaryKeyConstraint("product_id", "day"),
    )
    op.create_index("ix_product_daily_sales_shop_day", "product_daily_sales", ["shop_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_product_daily_sales_shop_day", table_name="product_daily_sales")
    op.drop_table("product_daily_sales")
    op.drop_index("ix_purchase_stats_group_due", table_name="purchase_stats")
    op.drop_index("ix_purchase_stats_item_due", table_name="purchase_stats")
    op.drop_table("purchase_stats")
