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

Advisory locks end with the transaction (committed or rolled back). SQLite has one writer at a time
already (``busy_timeout`` waits for it), so there these are no-ops.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# The first key of PostgreSQL's two-key advisory locks: which kind of lock (the second is the id).
IMPORT = 0x5A47_0001
FIGURES = 0x5A47_0002
CUSTOMER_FIGURES = 0x5A47_0003


def advisory_lock(session: Session, kind: int, key: int, *, shared: bool = False) -> None:
    """Wait for the transaction-scoped lock ``(kind, key)`` on PostgreSQL (nothing on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
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
