"""The reports' precomputed tables: kept by ``shop.purchase_stats`` from the sales, read by the reports.

Declared on the models' metadata; import them from ``assistant.db.models`` like every other table.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)

from assistant.db.models import AUTOINCREMENT, Base, Money, Quantity


class PurchaseStat(Base):
    """Precomputed buying rhythm of one customer for one product (``item_key`` ``p:<id>``), one category
    (``c:<name>``) or the shop as a whole (``*``: visits), kept by ``shop.purchase_stats`` whenever a
    sale is logged or voided, so the reports read one indexed row instead of a customer's whole history."""

    __tablename__ = "purchase_stats"
    __table_args__ = (
        UniqueConstraint("customer_id", "item_key", name="uq_purchase_stats_customer_item"),
        # "Not lapsed yet" picks the few live rows out of years of history: the restock queries start there.
        Index("ix_purchase_stats_item_lapse", "shop_id", "item_key", "lapse_after"),
        Index("ix_purchase_stats_group_lapse", "shop_id", "is_group", "lapse_after"),
        Index("ix_purchase_stats_item_last", "shop_id", "item_key", "last_day"),
        AUTOINCREMENT,
    )
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    item_key = Column(String(80), nullable=False)
    product_id = Column(Integer, ForeignKey("products.id", ondelete="CASCADE"))
    category = Column(String(50))
    # The row that stands for this staple when no product is named: a category, or an uncategorised product.
    is_group = Column(Boolean, nullable=False, default=False)
    unit = Column(String(20), nullable=False, default="")
    purchases = Column(Integer, nullable=False)
    first_day = Column(Date, nullable=False)
    last_day = Column(Date, nullable=False)
    last_quantity = Column(Quantity, nullable=False)
    total_quantity = Column(Quantity, nullable=False)
    total_amount = Column(Money, nullable=False)
    usual_gap = Column(Numeric(8, 2))
    days_per_unit = Column(Numeric(8, 2))
    # Standard deviation of the log gaps (``shop.forecast``): how erratic the rhythm is.
    gap_spread = Column(Numeric(6, 3))
    habit_day = Column(Integer)
    next_due = Column(Date)
    lapse_after = Column(Date)


class ProductDailySales(Base):
    """Quantity and takings of one product on one day from sales that count (voids subtracted)."""

    __tablename__ = "product_daily_sales"
    __table_args__ = (Index("ix_product_daily_sales_shop_day", "shop_id", "day"),)
    product_id = Column(Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    day = Column(Date, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    quantity = Column(Quantity, nullable=False, default=Decimal("0"))
    amount = Column(Money, nullable=False, default=Decimal("0"))


class PromotionUse(Base):
    """A customer's use of a promotion: first and last day, how many sales, and whether they came back
    (a later sale within ``RETURN_DAYS`` of the first use); kept by ``shop.purchase_stats``."""

    __tablename__ = "promotion_uses"
    __table_args__ = (Index("ix_promotion_uses_shop_promotion", "shop_id", "promotion_id"),)
    promotion_id = Column(Integer, ForeignKey("promotions.id", ondelete="CASCADE"), primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    first_day = Column(Date, nullable=False)
    last_day = Column(Date, nullable=False)
    uses = Column(Integer, nullable=False)
    came_back = Column(Boolean, nullable=False)


class ShopDailySales(Base):
    """Number of sales and takings of one shop on one day, from sales that count (voids subtracted)."""

    __tablename__ = "shop_daily_sales"
    shop_id = Column(Integer, ForeignKey("shops.id"), primary_key=True)
    day = Column(Date, primary_key=True)
    sales = Column(Integer, nullable=False, default=0)
    amount = Column(Money, nullable=False, default=Decimal("0"))
