"""login sessions kept on the server, so log-out, a new token or a new password end them

Revision ID: 0006_login_sessions
Revises: 0006_never_reuse_ids
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_login_sessions"
down_revision = "0006_never_reuse_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("id_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_login_sessions_owner_id", "login_sessions", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_login_sessions_owner_id", table_name="login_sessions")
    op.drop_table("login_sessions")
