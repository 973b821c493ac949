"""Precomputed figures the reports read: each customer's buying rhythm and promotion uses, and each
product's daily sales.

``sales.log_sale`` and ``sales.void_sale`` call ``on_sale_logged`` / ``on_sale_voided`` in the same
transaction, so the figures always match the sales that count; a bulk import calls ``rebuild`` once at
the end instead, and the first command that opens the shop after a change of method rebuilds it once
(``refresh_outdated``). By job: ``rows`` computes one customer's rows (pure), ``per_customer`` keeps them
in step sale by sale, ``full_rebuild`` recomputes a whole shop.
"""

from assistant.shop.purchase_stats.full_rebuild import (
    FIGURES_VERSION,
    MAX_WORKERS,
    PARALLEL_FROM,
    rebuild,
    rebuild_daily,
    refresh_outdated,
)
from assistant.shop.purchase_stats.per_customer import (
    counted_items,
    on_sale_logged,
    on_sale_voided,
    refresh_customer,
)
from assistant.shop.purchase_stats.rows import (
    RETURN_DAYS,
    VISITS_KEY,
    category_key,
    product_key,
    promotion_rows,
    rows_for_customer,
)

__all__ = [
    "FIGURES_VERSION",
    "MAX_WORKERS",
    "PARALLEL_FROM",
    "RETURN_DAYS",
    "VISITS_KEY",
    "category_key",
    "counted_items",
    "on_sale_logged",
    "on_sale_voided",
    "product_key",
    "promotion_rows",
    "rebuild",
    "rebuild_daily",
    "refresh_customer",
    "refresh_outdated",
    "rows_for_customer",
]
