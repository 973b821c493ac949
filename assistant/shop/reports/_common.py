"""What every report shares: the result base class, JSON conversion, products by name, spoken lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from assistant.db.models import Product, PurchaseStat
from assistant.errors import Invalid, NotFound
from assistant.shop.habits import USUAL_MIN_VISITS
from assistant.shop.purchase_stats import category_key, product_key

LANGS = ("zh", "en")
# How many names a spoken answer reads out before "and N more".
SPOKEN_NAMES = 3
T = TypeVar("T")


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO strings, Decimals as numbers and dataclasses as objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not f.name.startswith("_")
        }
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else float(value)
        )
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@dataclass
class Report:
    """A report's answer: ``items`` (everyone who answers the question) plus summary fields."""

    name: ClassVar[str] = ""
    # (heading, item field) pairs of the command line's table.
    columns: ClassVar[tuple[tuple[str, str], ...]] = ()

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT §6 object: ``report``, the summary fields and ``items``."""
        body = jsonable(self)
        items = body.pop("items", [])
        return {"report": self.name, **body, "count": len(items), "items": items}

    def summary(self, lang: str) -> str:
        """A short answer to be spoken, in ``zh`` or ``en``."""
        raise NotImplementedError

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Headings and rows of the items, for a readable listing."""
        items = self.to_json()["items"]
        rows = [[_cell(item.get(key)) for _, key in self.columns] for item in items]
        return [heading for heading, _ in self.columns], rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def check_lang(lang: str) -> str:
    """``zh`` or ``en``; anything else is refused with the choices."""
    if lang not in LANGS:
        raise Invalid(f"language {lang!r} is not supported; use zh or en", field="lang")
    return lang


def spoken_list(
    items: Sequence[T], lang: str, *, say: Callable[[T], str] = str, limit: int = SPOKEN_NAMES,
    counter: str | None = "位",
) -> str:
    """The first few items said (``say``) and joined the way they are said, then how many there are in
    all. Only the items spoken are formatted: a list can be 90,000 customers long.

    ``counter`` is the Chinese measure word (位 for people, 样 for goods); None when the sentence has
    already said the count, so it ends in 等 rather than repeating it.
    """
    shown = [say(item) for item in items[:limit]]
    rest = len(items) - len(shown)
    if lang == "zh":
        text = "、".join(shown)
        if rest <= 0:
            return text
        return f"{text}等{len(items)}{counter}" if counter else f"{text}等"
    text = ", ".join(shown)
    return f"{text} and {rest} more" if rest > 0 else text


def quantity_text(value: float | Decimal | None) -> str:
    """A quantity without trailing zeros: 2, 1.5, 0.25."""
    if value is None:
        return ""
    return f"{float(value):g}"


_FEN = Decimal("0.01")


def money(value: float | Decimal | None) -> Decimal:
    """An amount rounded to the fen."""
    if isinstance(value, Decimal) and value:  # the same number as through str(), without the round trip
        return value.quantize(_FEN)
    return Decimal(str(value or 0)).quantize(_FEN)


def parse_date(text: str | dt.date | None, *, field: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` date (or None); anything else is refused, naming the option."""
    if text is None or isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(f"{field} {text!r} is not a date; write it as YYYY-MM-DD", field=field) from None


@dataclass(frozen=True)
class ScopeProduct:
    """A product in scope: just what the reports need from it."""

    id: int
    name: str
    category: str


@dataclass(frozen=True)
class ProductScope:
    """What ``--product`` named: one product, or every product of a category."""

    label: str
    products: list[ScopeProduct]
    is_category: bool

    @property
    def stat_keys(self) -> list[str]:
        """The ``purchase_stats`` keys holding the rhythm for this scope."""
        if self.is_category:
            return [category_key(self.label)]
        return [product_key(p.id) for p in self.products]

    @property
    def product_ids(self) -> list[int]:
        """Ids of the products in scope."""
        return [p.id for p in self.products]


def resolve_products(session: Session, *, shop_id: int, name: str) -> ProductScope:
    """The product called ``name`` (or an alias), else the category ``name``; NotFound otherwise.

    The same rules as ``shop.products.products_matching``, in one light query: the reports run it on
    every request, and loading full products with their tags costs more than the report itself.
    """
    key = " ".join(name.split()).lower()
    rows = [
        ScopeProduct(id=pid, name=pname, category=category or "")
        for pid, pname, category, aliases in session.execute(
            select(Product.id, Product.name, Product.category, Product.aliases)
            .where(Product.shop_id == shop_id)
            .order_by(Product.name)
        )
        if pname.lower() == key or any(" ".join(a.split()).lower() == key for a in aliases or [])
    ]
    if rows:
        return ProductScope(label=rows[0].name, products=rows[:1], is_category=False)
    rows = [
        ScopeProduct(id=pid, name=pname, category=category)
        for pid, pname, category in session.execute(
            select(Product.id, Product.name, Product.category)
            .where(Product.shop_id == shop_id, func.lower(Product.category) == name.strip().lower())
            .order_by(Product.name)
        )
    ]
    if not rows:
        raise NotFound(
            f"no product or category called {name!r}; check the name with `assistant report stock`"
        )
    return ProductScope(label=rows[0].category, products=rows, is_category=True)


def rows(session: Session, query: Select) -> Result:
    """The rows of a plain-column query, read through the session's connection and transaction.

    The reports read tens of thousands of rows; going around the ORM's result handling (which adds
    nothing to plain columns) saves a quarter to a half of the reading.
    """
    return session.connection().execute(query)


def chunks(values: Iterable[int], size: int = 900) -> Iterable[list[int]]:
    """``values`` in lists of at most ``size`` (SQLite limits the parameters of one statement)."""
    batch: list[int] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def usual_products(session: Session, *, customer_ids: Sequence[int], limit: int = 3) -> dict[int, list[str]]:
    """What each customer buys again and again (``USUAL_MIN_VISITS`` purchases or more), most often first: the
    profile's rule, so a birthday list and "她平时买啥" name the same goods."""
    found: dict[int, list[tuple[int, str]]] = {}
    for batch in chunks(customer_ids):
        found_rows = rows(
            session,
            select(PurchaseStat.customer_id, PurchaseStat.purchases, Product.name)
            .join(Product, Product.id == PurchaseStat.product_id)
            .where(PurchaseStat.customer_id.in_(batch), PurchaseStat.purchases >= USUAL_MIN_VISITS)
        )
        for customer_id, purchases, name in found_rows:
            found.setdefault(customer_id, []).append((purchases, name))
    return {
        cid: [name for _, name in sorted(pairs, key=lambda p: (-p[0], p[1]))[:limit]]
        for cid, pairs in found.items()
    }
