"""The shop's data version: one row whose random ``token`` changes in every transaction that writes data a
report reads, so a process can keep report answers and know, with one indexed read, whether they still hold.

Nothing has to remember to bump it. Listeners on every ``Session`` and ``Engine`` see the writes:

* ORM flushes (``after_flush``): what was written is known object by object, so a committed
  transaction is described precisely — which customers it touched and which kinds of shop-wide figures
  (``sales``, ``stock``, ``greetings``); anything else a report reads (a product's name, a tag, a
  promotion, a deleted customer) counts as ``everything``.
* Core and text statements (``before_execute``) that insert, update or delete a table the reports read:
  ``everything``. The precomputed tables that ``shop.purchase_stats`` keeps are the exception: they only
  change with the sales they are computed from, and that module says which customers it rewrote
  (``record``), as do writers that go through the driver directly (``record(..., everything=True)``).

A session's changes are collected while its transaction runs and written to the row once, just before
it commits (so the row is locked only for the commit itself), together with the token it replaced; a
plain connection (maintenance: restore, benchmarks, tests) gets its new token at each such statement. A
shop context (``assistant.context``) that committed the change keeps that description in its
``ChangeLog`` (sessions made by the context carry the log in ``Session.info``): its report cache can then
patch an answer for the customers involved instead of recomputing it. A token written by another process
or context is unknown there, which means "recompute". Tokens are random, never counters: a rolled-back
transaction can never make an old token stand for new data. Nothing here is kept in module state: what a
connection is doing lives in the connection's own ``info``.
"""

from __future__ import annotations

import re
import secrets
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import BigInteger, Column, Integer, MetaData, Table, event, inspect, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import TextClause

ROW_ID = 1
# Kinds of shop-wide change a report may depend on besides its customers.
SALES, STOCK, GREETINGS = "sales", "stock", "greetings"
# Tables the reports read. Writes to any other table (audit log, name index, owners...) change no report.
READ_TABLES = frozenset(
    {
        "customers",
        "customer_tags",
        "tags",
        "products",
        "product_suits",
        "promotions",
        "sales",
        "sale_items",
        "customer_requests",
        "greetings",
        "stock_movements",
        "consents",
        "purchase_stats",
        "promotion_uses",
        "product_daily_sales",
        "shop_daily_sales",
        "credit_entries",
    }
)
# Kept by ``shop.purchase_stats`` from the sales, which are tracked themselves; it records what it rewrote.
DERIVED_TABLES = frozenset({"purchase_stats", "promotion_uses", "product_daily_sales", "shop_daily_sales"})
# How many committed changes a process remembers for patching (older ones mean "recompute").
REMEMBERED_CHANGES = 2000

# The table is declared in ``db.models`` (``DataVersion``); this copy keeps this module free of the models.
_table = Table(
    "data_version",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("token", BigInteger, nullable=False),
    Column("previous", BigInteger),
)
_READ_TOKEN = f"SELECT token FROM data_version WHERE id = {ROW_ID}"
_PENDING = "zhanggui.data_version.pending"
_CONNECTIONS = "zhanggui.data_version.connections"
# Keys in a DB-API connection's ``info`` (it lives as long as the pooled connection).
_HAS_TABLE = "zhanggui.data_version.has_table"
_SESSION = "zhanggui.data_version.session"
CHANGE_LOG = "zhanggui.data_version.change_log"
"""The ``Session.info`` key of the ``ChangeLog`` a shop context's sessions record their commits in."""
_DML_TEXT = re.compile(r"^\s*(insert|update|delete|replace|truncate|merge|copy)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Change:
    """One committed transaction: the token it replaced, the token it wrote and what it touched."""

    before: int
    after: int
    customers: frozenset[int]
    kinds: frozenset[str]
    everything: bool


@dataclass
class _Pending:
    customers: set[int] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    everything: bool = False
    # Set by the commit: (token replaced, token written).
    written: tuple[int, int] | None = None


def new_token() -> int:
    """A random token (62 bits: a positive BIGINT on both databases)."""
    return secrets.randbits(62) or 1


class ChangeLog:
    """The changes one shop context committed, by the token each replaced (oldest dropped first)."""

    def __init__(self, remembered: int = REMEMBERED_CHANGES) -> None:
        self.remembered = remembered
        self._lock = threading.Lock()
        self._changes: OrderedDict[int, Change] = OrderedDict()

    def add(self, change: Change) -> None:
        """Remember a committed change."""
        with self._lock:
            self._changes[change.before] = change
            while len(self._changes) > self.remembered:
                self._changes.popitem(last=False)

    def between(self, first: int, last: int) -> list[Change] | None:
        """The changes that lead from token ``first`` to ``last`` (None: not all of them were made here)."""
        chain = []
        token = first
        with self._lock:
            while token != last:
                change = self._changes.get(token)
                if change is None or len(chain) > self.remembered:
                    return None
                chain.append(change)
                token = change.after
        return chain


def read_token(session: Session) -> int | None:
    """The current token, or None when the database has no version row (caching is then off)."""
    if not _has_table(session.get_bind()):
        return None
    # Plain SQL: asked before every report answer, where building and compiling a statement would cost
    # more than the read itself.
    return session.connection().exec_driver_sql(_READ_TOKEN).scalar()


def has_pending(session: Session) -> bool:
    """Whether ``session`` holds writes that are not committed yet (its reads may see them)."""
    return _PENDING in session.info


def record(
    session: Session, *, customers: Iterable[int] = (), kinds: Iterable[str] = (), everything: bool = False
) -> None:
    """Note a write the listeners cannot see in detail: it is committed with the session's transaction."""
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending()
    pending.customers.update(customers)
    pending.kinds.update(kinds)
    pending.everything = pending.everything or everything


def bump(connection: Connection) -> tuple[int, int] | None:
    """Give the database a new token in ``connection``'s transaction: (token replaced, new token), or
    None when there was no row to replace (it is created) or no version table at all."""
    if not _has_table(connection):
        return None
    token = new_token()
    done = connection.execute(
        update(_table).where(_table.c.id == ROW_ID).values(previous=_table.c.token, token=token)
    )
    if done.rowcount == 0:
        _insert_row(connection, token)
        return None
    replaced = connection.execute(select(_table.c.previous).where(_table.c.id == ROW_ID)).scalar()
    return replaced, token


def _insert_row(connection: Connection, token: int) -> None:
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    connection.execute(insert(_table).values(id=ROW_ID, token=token).on_conflict_do_nothing())


# ------------------------------------------------------------------------------------------- internals

def _has_table(bind: Engine | Connection) -> bool:
    """Whether the database has the version table, remembered on the pooled connection (once seen, a
    table does not go away)."""
    if isinstance(bind, Connection):
        return _connection_has_table(bind)
    with bind.connect() as connection:
        return _connection_has_table(connection)


def _connection_has_table(connection: Connection) -> bool:
    info = connection.info
    if not info.get(_HAS_TABLE):
        info[_HAS_TABLE] = inspect(connection).has_table(_table.name)
    return info[_HAS_TABLE]


def _table_names(statement: object) -> set[str] | None:
    """The tables a DML statement writes; None when it writes nothing; {"?"} when it cannot be told."""
    if isinstance(statement, (Insert, Update, Delete)):
        return {getattr(statement.table, "name", "?")}
    if isinstance(statement, TextClause) and _DML_TEXT.match(statement.text):
        return {"?"}
    return None


def _changes_of_objects(session: Session, pending: _Pending) -> None:
    """Describe what a flush wrote, object by object (called with the pre-flush new/dirty/deleted)."""
    for collection, status in ((session.new, "new"), (session.dirty, "dirty"), (session.deleted, "deleted")):
        for obj in collection:
            table = getattr(obj, "__tablename__", None)
            if table not in READ_TABLES:
                continue
            if table == "customers":
                if status == "deleted":  # their referrals and requests change too, by the database's cascades
                    pending.everything = True
                else:
                    pending.customers.add(obj.id)
            elif table in ("sales", "sale_items"):
                _add_customers(pending, obj)
                pending.kinds.add(SALES)
            elif table in ("product_daily_sales", "shop_daily_sales"):
                pending.kinds.add(SALES)
            elif table in ("customer_requests", "consents", "purchase_stats", "promotion_uses", "credit_entries"):
                _add_customers(pending, obj)
            elif table == "greetings":
                pending.kinds.add(GREETINGS)
            elif table == "stock_movements" or (table == "products" and status == "dirty" and _only_stock(obj)):
                pending.kinds.add(STOCK)
            elif table == "tags" and status == "new":
                continue  # a new tag is on nobody yet; whoever gets it is written too
            else:  # a product's or tag's facts, a promotion: anything may depend on them
                pending.everything = True


def _add_customers(pending: _Pending, obj: object) -> None:
    """The row's customer now and before this flush (a row moved between customers counts for both)."""
    state = inspect(obj)
    history = state.attrs["customer_id"].history
    values = {*history.added, *history.unchanged, *history.deleted}
    if "customer_id" in state.dict:
        values.add(state.dict["customer_id"])
    elif not values:  # not loaded: whose it was cannot be told
        pending.everything = True
    pending.customers.update(v for v in values if v is not None)


def _only_stock(product: object) -> bool:
    changed = {a.key for a in inspect(product).attrs if a.history.has_changes()}
    return changed <= {"stock"}


@event.listens_for(Session, "after_begin")
def _track_connection(session: Session, _transaction, connection: Connection) -> None:  # noqa: ANN001
    # The connection's own info dict (it outlives the Connection object, which may be closed first).
    info = connection.info
    info[_SESSION] = weakref.ref(session)
    session.info.setdefault(_CONNECTIONS, []).append(info)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:  # noqa: ANN001 (a flush context)
    pending = _Pending()
    _changes_of_objects(session, pending)
    if pending.customers or pending.kinds or pending.everything:
        record(session, customers=pending.customers, kinds=pending.kinds, everything=pending.everything)


@event.listens_for(Engine, "before_execute")
def _before_execute(connection: Connection, statement, _multiparams, _params, _options) -> None:  # noqa: ANN001
    tables = _table_names(statement)
    if not tables:
        return
    written = {t for t in tables if t == "?" or t in READ_TABLES}
    owner = connection.info.get(_SESSION)
    session = owner() if owner is not None else None
    if session is not None:
        if session._flushing:  # noqa: SLF001 (the ORM's own statements: after_flush describes them)
            return
        if written - DERIVED_TABLES:
            record(session, everything=True)
        return
    if written:
        bump(connection)  # a plain connection: its own transaction carries the new token


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()  # the commit's own flush comes after this event: describe it first
    pending = session.info.get(_PENDING)
    if pending is None:
        return
    pending.written = bump(session.connection())


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    pending = session.info.pop(_PENDING, None)
    if pending is None or pending.written is None:
        return
    before, after = pending.written
    change = Change(
        before=before,
        after=after,
        customers=frozenset(pending.customers),
        kinds=frozenset(pending.kinds),
        everything=pending.everything,
    )
    log = session.info.get(CHANGE_LOG)
    if log is not None:
        log.add(change)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction) -> None:  # noqa: ANN001 (a SessionTransaction)
    if transaction.parent is None:  # the whole transaction is over: what was not committed is gone
        session.info.pop(_PENDING, None)
        for info in session.info.pop(_CONNECTIONS, ()):
            info.pop(_SESSION, None)
