"""report indexes: regulars by their last visit (inactive, daily-tasks)

Revision ID: 0002_report_indexes
Revises: 0002_reports
"""
from alembic import op


revision = "0002_report_indexes"
down_revision = "0002_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_purchase_stats_item_last", "purchase_stats", ["shop_id", "item_key", "last_day"])


def downgrade() -> None:
    op.drop_index("ix_purchase_stats_item_last", table_name="purchase_stats")
