"""Which sales count. A sale counts until a later ``void`` row takes it back (``voids_sale_id``); the
rule is written here once, as SQL expressions that services, reports, exports and the purchase
statistics all use, so "taken back" means the same everywhere.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, literal_column, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.selectable import Exists

from assistant.db.models import Sale, SaleItem


def voided(sale_id: ColumnElement | int) -> Exists:
    """True where a void row takes back the sale ``sale_id`` (a column such as ``Sale.id``, or an id)."""
    voiding = aliased(Sale)
    return exists().where(voiding.voids_sale_id == sale_id)


def not_voided(sale_id: ColumnElement | int) -> ColumnElement[bool]:
    """True where no void row takes back the sale ``sale_id``."""
    return ~voided(sale_id)


def sale_counts() -> ColumnElement[bool]:
    """A ``Sale`` row that counts: a real sale (not a void row) that has not been taken back."""
    return and_(Sale.kind == "sale", not_voided(Sale.id))


def item_counts() -> ColumnElement[bool]:
    """A ``SaleItem`` that counts: its sale has not been taken back (void rows have no items)."""
    return not_voided(SaleItem.sale_id)


def active_sale_items() -> Select:
    """``SELECT`` of the sale items that count."""
    return select(SaleItem).where(item_counts())


def not_voided_sql(sale_id: str) -> str:
    """``not_voided`` as SQL text for hand-written statements; ``sale_id`` is a column such as
    ``si.sale_id`` (the same text on SQLite and PostgreSQL)."""
    return str(not_voided(literal_column(sale_id)).compile(compile_kwargs={"literal_binds": True}))
