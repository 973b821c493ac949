"""promotion uses: who used each promotion and whether they came back (campaigns report)

Revision ID: 0002_promotion_uses
Revises: 0002_report_speedups
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_promotion_uses"
down_revision = "0002_report_speedups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "promotion_uses",
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("came_back", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["promotion_id"], ["promotions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.PrimaryKeyConstraint("promotion_id", "customer_id"),
    )
    op.create_index("ix_promotion_uses_shop_promotion", "promotion_uses", ["shop_id", "promotion_id"])
    op.create_index("ix_promotion_uses_customer_id", "promotion_uses", ["customer_id"])



def downgrade() -> None:
    op.drop_index("ix_promotion_uses_customer_id", table_name="promotion_uses")
    op.drop_index("ix_promotion_uses_shop_promotion", table_name="promotion_uses")
    op.drop_table("promotion_uses")
