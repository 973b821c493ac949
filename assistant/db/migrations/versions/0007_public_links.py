"""public links: each shop's link-signing key, sign-ups waiting for the owner, erasure requests

Revision ID: 0007_public_links
Revises: 0006_login_sessions

Every shop that exists already gets its own random key here (never a constant: a key in the code would
let anyone who reads it make links).
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0007_public_links"
down_revision = "0006_login_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("shops", sa.Column("link_secret", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    shops = sa.table("shops", sa.column("id", sa.Integer), sa.column("link_secret", sa.String))
    for (shop_id,) in connection.execute(sa.select(shops.c.id)).all():
        connection.execute(shops.update().where(shops.c.id == shop_id)
                           .values(link_secret=secrets.token_urlsafe(32)))
    op.create_table(
        "signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("birthday", sa.String(length=40), nullable=True),
        sa.Column("household", sa.Text(), nullable=True),
        sa.Column("sensitive_notes", sa.Text(), nullable=True),
        sa.Column("marketing_consent", sa.Boolean(), nullable=False),
        sa.Column("sensitive_consent", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_signups_shop_id", "signups", ["shop_id"])
    op.create_table(
        "erasure_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("customer_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_erasure_requests_shop_id", "erasure_requests", ["shop_id"])


def downgrade() -> None:
    op.drop_index("ix_erasure_requests_shop_id", table_name="erasure_requests")
    op.drop_table("erasure_requests")
    op.drop_index("ix_signups_shop_id", table_name="signups")
    op.drop_table("signups")
    with op.batch_alter_table("shops") as batch:
        batch.drop_column("link_secret")
