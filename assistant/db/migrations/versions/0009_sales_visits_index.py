"""sales: an index covering the named customers' visit days (the campaigns comparison's read)

Revision ID: 0009_sales_visits_index
Revises: 0008_figures_version

The campaigns report reads every named customer's visit days over the promotions' span. Through
``ix_sales_shop_sold_at`` that was one table lookup per sale, walk-ins included (1.6 M at 100,000
customers, ~40 s under load); this index holds everything that read needs (the id for the void check
too), so the table is not touched, in whatever order the sales were written.
"""
from alembic import op

revision = "0009_sales_visits_index"
down_revision = "0008_figures_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sales_shop_customer_sold_at", "sales", ["shop_id", "customer_id", "sold_at", "kind", "id"])


def downgrade() -> None:
    op.drop_index("ix_sales_shop_customer_sold_at", table_name="sales")
