"""shops.figures_version: which method computed the shop's purchase_stats

Revision ID: 0008_figures_version
Revises: 0007_public_links

Every shop starts without one, so the first command that opens it after this upgrade recomputes its
figures once with the current forecast (``purchase_stats.refresh_outdated``): rows written by an earlier
method store lapse days that could keep customers off the restock lists.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_figures_version"
down_revision = "0007_public_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shops") as batch:
        batch.add_column(sa.Column("figures_version", sa.String(60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shops") as batch:
        batch.drop_column("figures_version")
