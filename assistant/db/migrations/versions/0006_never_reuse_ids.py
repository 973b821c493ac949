"""ids are never reused: AUTOINCREMENT on SQLite's tables with an integer id

Revision ID: 0006_never_reuse_ids
Revises: 0005_credit_ledger

SQLite hands out max(id) + 1 unless the table was created with AUTOINCREMENT: after an erase, a new
customer took the erased one's id and an old conversation's "undo" reached them. The keyword can only be
given when a table is created, so each table is rebuilt (batch mode: copy, drop, rename; ``db.migrate``
turns foreign keys off around it so the drop cascades nowhere). PostgreSQL's sequences never go back:
nothing to do there.
"""

from alembic import op

revision = "0006_never_reuse_ids"
down_revision = "0005_credit_ledger"
branch_labels = None
depends_on = None

# Parents before children, as the models list them; every table with an integer ``id`` except the
# one-row ``data_version``.
TABLES = (
    "shops",
    "owners",
    "customers",
    "customer_names",
    "tags",
    "consents",
    "products",
    "stock_movements",
    "promotions",
    "sales",
    "sale_items",
    "customer_requests",
    "greetings",
    "audit_log",
    "purchase_stats",
    "credit_entries",
)


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)


def _rebuild(*, autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
