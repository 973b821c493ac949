"""One lock order for everyone who writes a shop's sales and figures, so PostgreSQL never deadlocks them.

A sale updates one customer's figures and the day's totals; an import writes many sales and then
rebuilds the whole shop's figures; two imports of one file both want the same receipts. Taken in row
order, these locks crossed (the rebuild deleting every customer's rows while a sale held the day's
total and waited for its customer's rows) and PostgreSQL aborted one side. So every writer takes
transaction-scoped advisory locks first, always in this order, and only then touches rows:

1. ``IMPORT`` (per shop, exclusive): one import file at a time per shop; the second sees the first's
   receipts and adds none of them again.
2. ``FIGURES`` (per shop): the full rebuild takes it exclusively; a sale or void takes it shared, so sales
   run side by side but never inside a rebuild.
3. ``CUSTOMER_FIGURES`` (per customer, exclusive): two sales of one customer recompute their rows one
   after the other (both deleting and re-inserting them collided on ``uq_purchase_stats_customer_item``).

4. The rows of the products a sale takes out of stock, in id order, read again under the lock: the stock
   level is written back as a number, so it must be the latest one.

Advisory locks end with the transaction (committed or rolled back). SQLite has one writer at a time:
there each of these takes the database's write lock at once (waiting up to ``busy_timeout``), so what
the transaction reads next is the latest data; the driver runs a transaction's first reads outside any
transaction, so a writer that only locked at its first write could act on what it read before another
writer's commit (two imports of one file both adding its receipts).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import false, select, text, update
from sqlalchemy.orm import Session

from assistant.db.models import DataVersion, Product

# The first key of PostgreSQL's two-key advisory locks: which kind of lock (the second is the id).
IMPORT = 0x5A47_0001
FIGURES = 0x5A47_0002
CUSTOMER_FIGURES = 0x5A47_0003
# A write that changes nothing but starts SQLite's write transaction: to a table no report reads, and as a
# Core statement so ``db.data_version`` sees which table (an SQL string would count as "anything changed").
_SQLITE_WRITE_LOCK = update(DataVersion).where(false()).values(id=DataVersion.id)


def advisory_lock(session: Session, kind: int, key: int, *, shared: bool = False) -> None:
    """Wait for the transaction-scoped lock ``(kind, key)`` on PostgreSQL, SQLite's write lock there."""
    if session.get_bind().dialect.name != "postgresql":
        session.execute(_SQLITE_WRITE_LOCK)
        return
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    session.execute(text(f"SELECT {function}(:kind, :key)"), {"kind": kind, "key": int(key)})


def lock_import(session: Session, *, shop_id: int) -> None:
    """Lock 1: this transaction is the shop's only import until it ends."""
    advisory_lock(session, IMPORT, shop_id)


def lock_figures(session: Session, *, shop_id: int, whole_shop: bool = False) -> None:
    """Lock 2: shared for one sale's figures, exclusive (``whole_shop``) for a full rebuild."""
    advisory_lock(session, FIGURES, shop_id, shared=not whole_shop)


def lock_customer_figures(session: Session, *, customer_id: int) -> None:
    """Lock 3: this transaction alone rewrites this customer's figures until it ends."""
    advisory_lock(session, CUSTOMER_FIGURES, customer_id)


def lock_products(session: Session, products: Iterable[Product]) -> None:
    """Lock 4: the products' rows, in id order, and their stock read again (``FOR NO KEY UPDATE``: an
    import's rows may still point at them meanwhile)."""
    ids = sorted({product.id for product in products})
    if session.get_bind().dialect.name != "postgresql":
        session.execute(_SQLITE_WRITE_LOCK)
    session.execute(
        select(Product).where(Product.id.in_(ids)).order_by(Product.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)
    ).all()
