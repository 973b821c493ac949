"""A small hand-made shop for the name tests: five products, customers chosen per test."""

from __future__ import annotations

from assistant.language.names import CustomerRecord, NameIndex, ProductRecord, Resolution

PRODUCTS = [
    ProductRecord(1, "东北大米", ("northeast rice",), "米"),
    ProductRecord(2, "泰国香米", ("jasmine rice",), "米"),
    ProductRecord(3, "鲁花花生油", ("花生油", "peanut oil"), "油"),
    ProductRecord(4, "低钠酱油", ("low sodium soy sauce",), "调料"),
    ProductRecord(5, "生抽酱油", (), "调料"),
]


def index_of(*customers: CustomerRecord) -> NameIndex:
    """An index of these customers and the PRODUCTS."""
    return NameIndex.from_records(customers, PRODUCTS)


def labels(resolution: Resolution) -> list[str]:
    """What the owner would hear offered."""
    return [c.label for c in resolution.candidates]
