"""Which customer or product a name in a file means, resolved as the assistant resolves names."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import Customer, CustomerName, Product
from assistant.shop.customers import name_key
from assistant.shop.importer.problems import RowError


class NameIndex:
    """Names and aliases → customers, resolved like ``customers.find_customer``: exact name first, else
    the only customer with that alias. A target is a customer id or a not-yet-written file row."""

    def __init__(self) -> None:
        self.names: dict[str, object] = {}
        self.aliases: dict[str, list[object]] = {}

    def add(self, key: str, target: object, *, is_name: bool) -> None:
        """Index a name (``is_name``) or an alias of ``target``."""
        if is_name:
            self.names[key] = target
        else:
            bucket = self.aliases.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)

    def find(self, name: str) -> object | None:
        """The customer ``name`` means; None when unknown; ``RowError`` when several share it."""
        key = name_key(name)
        if key in self.names:
            return self.names[key]
        candidates = self.aliases.get(key, [])
        if len(candidates) > 1:
            raise RowError(
                f"{name!r} is an alias of {len(candidates)} customers; use the full name",
                "name",
                f"“{name}”是 {len(candidates)} 位顾客的别名;请写全名",
            )
        return candidates[0] if candidates else None


def customer_index(session: Session, shop_id: int) -> NameIndex:
    """The shop's customers by name and alias."""
    index = NameIndex()
    for customer_id, name in session.execute(
        select(Customer.id, Customer.name).where(Customer.shop_id == shop_id)
    ):
        index.add(name_key(name), customer_id, is_name=True)
    for customer_id, key in session.execute(
        select(CustomerName.customer_id, CustomerName.key).where(CustomerName.shop_id == shop_id)
    ):
        if index.names.get(key) != customer_id:
            index.add(key, customer_id, is_name=False)
    return index


class StoredProduct(NamedTuple):
    """A product as the importer needs it: a plain row, not an ORM object (a shop may have 100,000)."""

    id: int
    name: str
    aliases: list[str]
    category: str
    unit: str
    price: Decimal
    stock: Decimal


def load_products(session: Session, shop_id: int) -> list[StoredProduct]:
    """Every product of the shop, in one query."""
    rows = session.execute(
        select(
            Product.id, Product.name, Product.aliases, Product.category, Product.unit, Product.price, Product.stock
        ).where(Product.shop_id == shop_id)
    )
    return [
        StoredProduct(i, name, list(aliases or []), category or "", unit or "", Decimal(price), Decimal(stock or 0))
        for i, name, aliases, category, unit, price, stock in rows
    ]


def product_index(products: list[StoredProduct]) -> dict[str, list[StoredProduct]]:
    """Products by the key of each name and alias (several products may share an alias)."""
    index: dict[str, list[StoredProduct]] = {}
    for product in products:
        for key in dict.fromkeys(name_key(n) for n in [product.name, *product.aliases]):
            index.setdefault(key, []).append(product)
    return index
