"""data version: the token report caches check; an index for finding group leaders

Revision ID: 0003_data_version
Revises: 0002_promotion_uses
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0003_data_version"
down_revision = "0002_promotion_uses"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.BigInteger(), nullable=False),
        sa.Column("previous", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    # Random, not 0: two databases must never share a token by chance.
    op.bulk_insert(table, [{"id": 1, "token": secrets.randbits(62) or 1, "previous": None}])
    op.create_index("ix_customers_shop_group_leader", "customers", ["shop_id", "is_group_leader"])


def downgrade() -> None:
    op.drop_index("ix_customers_shop_group_leader", table_name="customers")
    op.drop_table("data_version")
