"""What an import changed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ImportReport:
    """What an import changed (all zero for a re-import of the same files)."""

    customers_added: int = 0
    customers_updated: int = 0
    consents_recorded: int = 0
    products_added: int = 0
    products_updated: int = 0
    stock_counts: int = 0
    sales_added: int = 0
    sale_items_added: int = 0
    sales_already_there: int = 0
    rows_read: int = 0
    seconds: float = 0.0
    stats_seconds: float = 0.0  # of ``seconds``: rebuilding the reports' figures after new sales

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return any(
            (
                self.customers_added,
                self.customers_updated,
                self.consents_recorded,
                self.products_added,
                self.products_updated,
                self.stock_counts,
                self.sales_added,
            )
        )

    def summary(self) -> str:
        """One line for the owner."""
        return (
            f"customers: {self.customers_added} added, {self.customers_updated} updated, "
            f"{self.consents_recorded} consent decisions; products: {self.products_added} added, "
            f"{self.products_updated} updated, {self.stock_counts} stock counts; "
            f"sales: {self.sales_added} added "
            f"({self.sale_items_added} items), {self.sales_already_there} already imported; "
            f"{self.rows_read} rows in {self.seconds:.1f} s"
        )
