"""The shop's names from the database into a ``NameIndex``, and one warm index per shop kept current.

``load_name_index`` reads the customers, products and aliases of a shop into the pure
``assistant.language.names.NameIndex``; ``NameIndexCache`` keeps one per shop and rebuilds it when the
names change (see there). A long-running process holds one cache and passes it where names are needed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from assistant.db import data_version
from assistant.db.models import Customer, Product
from assistant.language.names import CustomerRecord, NameIndex, ProductRecord
from assistant.language.names.index import collector_paused
from assistant.shop.shops import default_shop_id


def load_name_index(session: Session, *, shop_id: int) -> NameIndex:
    """An index of the shop's customers and products as they are in the database now."""
    with collector_paused():
        version = index_version(session, shop_id=shop_id)
        # Aliases are read as raw JSON text: most customers have none, and decoding 100,000 empty
        # lists through the JSON column type costs more than building the index.
        # Through the connection (Core), not the ORM session: plain rows, a third of the read time.
        customers = (
            CustomerRecord(id=i, name=n, aliases=_aliases(a), household=h)
            for i, n, a, h in session.connection().execute(
                select(Customer.id, Customer.name, type_coerce(Customer.aliases, String), Customer.household)
                .where(Customer.shop_id == shop_id).order_by(Customer.id)
            )
        )
        products = [
            ProductRecord(id=i, name=n, aliases=tuple(a or ()), category=c or "")
            for i, n, a, c in session.execute(
                select(Product.id, Product.name, Product.aliases, Product.category)
                .where(Product.shop_id == shop_id).order_by(Product.id)
            )
        ]
        return NameIndex.from_records(customers, products, version=version)


def _aliases(raw: str | list[str] | None) -> tuple[str, ...]:
    """Aliases from the raw column: JSON text on SQLite, already a list where the driver decodes JSON
    itself (psycopg2 on PostgreSQL)."""
    if not raw or raw == "[]":
        return ()
    decoded = json.loads(raw) if isinstance(raw, str) else raw
    return tuple(a for a in decoded if isinstance(a, str))


def index_version(session: Session, *, shop_id: int) -> tuple[object, ...]:
    """A cheap fingerprint of the shop's names: it changes whenever a customer is added, removed or
    edited (``updated_at``) and whenever a product's name, alias or category changes."""
    count, last_id, last_update = session.execute(
        select(func.count(Customer.id), func.max(Customer.id), func.max(Customer.updated_at))
        .where(Customer.shop_id == shop_id)
    ).one()
    # Products carry no updated_at and are few (hundreds): fingerprint what the index reads.
    products = session.execute(
        select(Product.id, Product.name, Product.aliases, Product.category).where(Product.shop_id == shop_id)
        .order_by(Product.id)
    ).all()
    return count, last_id, str(last_update), hash(repr([tuple(map(str, row)) for row in products]))


class NameIndexCache:
    """One ``NameIndex`` per shop, shared by every conversation, rebuilt when names change.

    ``get`` compares ``index_version`` with the index's at most every ``check_every`` seconds (the
    fingerprint costs a query over the customers, too much for every message at 100,000 customers);
    call ``invalidate`` after this process changes a name so the next ``get`` rebuilds at once.
    """

    def __init__(self, *, check_every: float = 5.0) -> None:
        self.check_every = check_every
        self._indexes: dict[int, NameIndex] = {}
        self._checked: dict[int, float] = {}
        self._tokens: dict[int, int | None] = {}

    def get(self, session: Session, *, shop_id: int) -> NameIndex:
        """The shop's index, rebuilt first if the names changed since it was built."""
        index = self._indexes.get(shop_id)
        now = time.monotonic()
        if index is not None and now - self._checked.get(shop_id, 0.0) < self.check_every:
            return index
        # Every committed write to customers or products changes the database's data version: while it
        # stands, nothing was renamed, and the fingerprint (a pass over all customers) is not needed.
        token = data_version.read_token(session)
        if index is not None and token is not None and token == self._tokens.get(shop_id):
            self._checked[shop_id] = now
            return index
        if index is None or index.version != index_version(session, shop_id=shop_id):
            index = self._indexes[shop_id] = load_name_index(session, shop_id=shop_id)
        self._checked[shop_id] = now
        self._tokens[shop_id] = token
        return index

    def invalidate(self, shop_id: int | None = None) -> None:
        """Forget the index of one shop (or all): the next ``get`` rebuilds it."""
        if shop_id is None:
            self._indexes.clear()
            self._checked.clear()
            self._tokens.clear()
        else:
            self._indexes.pop(shop_id, None)
            self._checked.pop(shop_id, None)
            self._tokens.pop(shop_id, None)

    def reader(self, sessions: Callable[[], Session], *, shop_id: int | None = None) -> Callable[[], NameIndex]:
        """A callable giving the current index of ``shop_id`` (None: the installation's shop), each call
        in a session of its own: what the recogniser's hooks take, as they run outside any request."""

        def current() -> NameIndex:
            with sessions() as session:
                shop = shop_id if shop_id is not None else default_shop_id(session)
                return self.get(session, shop_id=shop)

        return current
