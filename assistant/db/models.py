"""The shared customer database: one schema for SQLite (embedded) and PostgreSQL (server).

Every row carries a ``shop_id`` so several shops can share one server. Sales are append-only: a
correction or an undo is a new ``Sale`` row whose ``voids_sale_id`` points at the row it takes back.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

# Ids are never handed out twice (SQLite's AUTOINCREMENT; PostgreSQL's sequences never go back): a
# conversation's "undo that", a link or an export may name a row long after it was erased, and must never
# reach someone else's row. In ``__table_args__`` of every table with an integer id.
AUTOINCREMENT = {"sqlite_autoincrement": True}

Money = Numeric(12, 2)
Quantity = Numeric(12, 3)

# Channels (where an entry came from) are defined in assistant/shop/channels.py.
TAG_KINDS = ("health", "diet", "household", "interest", "preference", "other")
CONSENT_PURPOSES = ("marketing", "sensitive_data")
GREETING_STATUSES = ("waiting", "sent", "cancelled")
CREDIT_KINDS = ("charge", "payment", "void")


def _utcnow() -> dt.datetime:
    return dt.datetime.utcnow()


def new_link_secret() -> str:
    """A fresh random key for signing a shop's public links (``shop.public.links``)."""
    return secrets.token_urlsafe(32)


class Shop(Base):
    """A shop; the demo is 禾香粮油."""

    __tablename__ = "shops"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    # What a customer may owe at most unless her own limit says otherwise (the owner sets it).
    credit_limit = Column(Numeric(12, 2), nullable=False, default=Decimal("500"), server_default="500")
    # Signs the links customers open themselves (share, sign-up, personal data); a new one retires them all.
    link_secret = Column(String(64), default=new_link_secret)
    # The method that computed its ``purchase_stats`` (``purchase_stats.FIGURES_VERSION``); another, or
    # none, and the next command that opens the shop recomputes them once (``refresh_outdated``).
    figures_version = Column(String(60))


class Owner(Base):
    """The person who may see and change the shop's data (log-in and API token)."""

    __tablename__ = "owners"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    username = Column(String(100), nullable=False, unique=True)
    password_hash = Column(String(200), nullable=False)
    token_hash = Column(String(200), nullable=False, unique=True)
    # Signed the web log-in cookies until they became server-side sessions (LoginSession); kept, unused.
    session_secret = Column(String(100), nullable=False)
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    password_changed_at = Column(DateTime, nullable=False, default=_utcnow)


class LoginSession(Base):
    """One browser's log-in: the cookie holds a random id, the table only its digest, so log-out, a new
    token or a new password can end it on the server (a signed cookie alone cannot be taken back)."""

    __tablename__ = "login_sessions"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    owner_id = Column(Integer, ForeignKey("owners.id", ondelete="CASCADE"), nullable=False, index=True)
    id_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    expires_at = Column(DateTime, nullable=False)


customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_customer_tags_tag", "tag_id"),
)

product_suits = Table(
    "product_suits",
    Base.metadata,
    Column("product_id", Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Customer(Base):
    """A customer of the shop; birthday may be solar (公历) or lunar (农历)."""

    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("shop_id", "name", name="uq_customers_shop_name"),
        Index("ix_customers_shop_birthday", "shop_id", "birthday_month", "birthday_day"),
        Index("ix_customers_shop_group_leader", "shop_id", "is_group_leader"),
        AUTOINCREMENT,
    )
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    name = Column(String(100), nullable=False)
    aliases = Column(JSON, nullable=False, default=list)
    phone = Column(String(40))
    birthday_year = Column(Integer)
    birthday_month = Column(Integer)
    birthday_day = Column(Integer)
    birthday_lunar = Column(Boolean, nullable=False, default=False)
    household = Column(Text)
    notes = Column(Text)
    # Current state of the "marketing" consent; the history is in ``consents``.
    marketing_consent = Column(Boolean, nullable=False, default=False)
    referred_by_id = Column(Integer, ForeignKey("customers.id", ondelete="SET NULL"), index=True)
    is_group_leader = Column(Boolean, nullable=False, default=False)
    commission_rate = Column(Numeric(5, 4))
    # Her own tab limit; None: the shop's ``credit_limit``.
    credit_limit = Column(Numeric(12, 2))
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    updated_at = Column(DateTime, nullable=False, default=_utcnow, onupdate=_utcnow)

    tags = relationship("Tag", secondary=customer_tags, lazy="selectin")
    referred_by = relationship("Customer", remote_side=[id])


class CustomerName(Base):
    """Lookup index of every name and alias a customer is called by (lower-cased), kept in step
    with ``Customer.name`` and ``Customer.aliases`` by ``shop.customers``. Not unique: two customers
    may both be "王阿姨", which is exactly when the assistant must ask which one."""

    __tablename__ = "customer_names"
    __table_args__ = (Index("ix_customer_names_shop_key", "shop_id", "key"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True)
    key = Column(String(100), nullable=False)


class Tag(Base):
    """A fact about customers (高血压, 花生过敏, 有小孩); ``sensitive`` marks health and children's data."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("shop_id", "name", name="uq_tags_shop_name"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    name = Column(String(100), nullable=False)
    kind = Column(String(30), nullable=False, default="other")
    sensitive = Column(Boolean, nullable=False, default=False)


class Consent(Base):
    """One consent decision: granted or withdrawn, for a purpose, when and how it was given."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_customer_purpose", "customer_id", "purpose", "recorded_at"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    purpose = Column(String(30), nullable=False)
    granted = Column(Boolean, nullable=False)
    recorded_at = Column(DateTime, nullable=False, default=_utcnow)
    source = Column(String(30), nullable=False)
    note = Column(Text)


class Product(Base):
    """A product on the shelf; ``stock`` is kept equal to the sum of its stock movements."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("shop_id", "name", name="uq_products_shop_name"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    name = Column(String(100), nullable=False)
    aliases = Column(JSON, nullable=False, default=list)
    category = Column(String(50), nullable=False, default="")
    unit = Column(String(20), nullable=False, default="")
    price = Column(Money, nullable=False, default=Decimal("0"))
    stock = Column(Quantity, nullable=False, default=Decimal("0"))
    created_at = Column(DateTime, nullable=False, default=_utcnow)

    suits = relationship("Tag", secondary=product_suits, lazy="selectin")


class StockMovement(Base):
    """Goods in (+) or out (−): deliveries, sales, voids and counted corrections."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_product_at", "product_id", "at"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    quantity = Column(Quantity, nullable=False)
    reason = Column(String(20), nullable=False)  # stock_in | sale | void | count | import
    sale_id = Column(Integer, ForeignKey("sales.id"))
    at = Column(DateTime, nullable=False, default=_utcnow)
    channel = Column(String(20), nullable=False, default="counter")
    note = Column(Text)


class Promotion(Base):
    """A promotion a sale can use (满减券, 试用装)."""

    __tablename__ = "promotions"
    __table_args__ = (UniqueConstraint("shop_id", "name", name="uq_promotions_shop_name"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    name = Column(String(100), nullable=False)


class Sale(Base):
    """A sale (``kind='sale'``) or the voiding of one (``kind='void'``, ``voids_sale_id`` set).

    Rows are never updated: a correction is a void plus a new sale.
    """

    __tablename__ = "sales"
    __table_args__ = (
        # Shop and time first (every dated query); customer, kind and id make it cover the named
        # customers' visit days (campaigns) without a table lookup per sale (migration 0009).
        Index("ix_sales_shop_sold_at_covering", "shop_id", "sold_at", "customer_id", "kind", "id"),
        Index("ix_sales_customer_sold_at", "customer_id", "sold_at"),
        UniqueConstraint("shop_id", "import_key", name="uq_sales_shop_import_key"),
        AUTOINCREMENT,
    )
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    kind = Column(String(10), nullable=False, default="sale")
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="SET NULL"))
    sold_at = Column(DateTime, nullable=False)
    channel = Column(String(20), nullable=False)
    promotion_id = Column(Integer, ForeignKey("promotions.id"))
    amount = Column(Money, nullable=False, default=Decimal("0"))
    voids_sale_id = Column(Integer, ForeignKey("sales.id"), unique=True)
    conversation_id = Column(String(100))
    import_key = Column(String(64))
    recorded_at = Column(DateTime, nullable=False, default=_utcnow)

    items = relationship("SaleItem", back_populates="sale", lazy="selectin", order_by="SaleItem.id")
    customer = relationship("Customer", lazy="joined")
    promotion = relationship("Promotion", lazy="joined")


class SaleItem(Base):
    """One line of a sale: a product, how much, and what it cost.

    ``customer_id`` and ``sold_at`` repeat the sale's so per-customer, per-product history is one
    indexed scan (the reports read millions of these).
    """

    __tablename__ = "sale_items"
    __table_args__ = (
        Index("ix_sale_items_product_sold_at", "product_id", "sold_at"),
        Index("ix_sale_items_customer_product", "customer_id", "product_id", "sold_at"),
        AUTOINCREMENT,
    )
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    sale_id = Column(Integer, ForeignKey("sales.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="SET NULL"))
    sold_at = Column(DateTime, nullable=False)
    quantity = Column(Quantity, nullable=False)
    unit = Column(String(20), nullable=False, default="")
    amount = Column(Money, nullable=False)

    sale = relationship("Sale", back_populates="items")
    product = relationship("Product", lazy="joined")


class CustomerRequest(Base):
    """A customer asked for a product the shop did not have ("who asked for it" when it arrives)."""

    __tablename__ = "customer_requests"
    __table_args__ = (AUTOINCREMENT,)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False, index=True)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    product_id = Column(Integer, ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    asked_at = Column(DateTime, nullable=False, default=_utcnow)
    fulfilled_at = Column(DateTime)


class Greeting(Base):
    """A greeting for a customer: the owner's recorded voice or a composed, synthesized text."""

    __tablename__ = "greetings"
    __table_args__ = (Index("ix_greetings_shop_status", "shop_id", "status"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    occasion = Column(String(50), nullable=False)
    text = Column(Text, nullable=False, default="")
    audio_path = Column(String(500))
    source = Column(String(20), nullable=False)  # recorded | composed
    status = Column(String(20), nullable=False, default="waiting")
    consent_overridden = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    sent_at = Column(DateTime)

    customer = relationship("Customer", lazy="joined")


class CreditEntry(Base):
    """One line of a customer's tab (赊账), append-only: goods taken on credit (``charge``, with the sale
    that moved the goods), money paid back (``payment``), or a ``void`` taking back an earlier line. The
    balance is the sum of charges minus payments, voided lines left out."""

    __tablename__ = "credit_entries"
    __table_args__ = (Index("ix_credit_entries_shop_customer", "shop_id", "customer_id"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    kind = Column(String(10), nullable=False)  # one of CREDIT_KINDS
    amount = Column(Money, nullable=False)  # positive; a void repeats the amount of the line it takes back
    sale_id = Column(Integer, ForeignKey("sales.id", ondelete="SET NULL"))
    voids_id = Column(Integer, ForeignKey("credit_entries.id", ondelete="CASCADE"), unique=True)
    created_at = Column(DateTime, nullable=False, default=_utcnow)
    channel = Column(String(20), nullable=False)
    conversation_id = Column(String(100))
    note = Column(Text)


class AuditEntry(Base):
    """An append-only record of every change: who, what, when, through which channel."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_shop_at", "shop_id", "at"), AUTOINCREMENT)
    id = Column(Integer, primary_key=True)
    shop_id = Column(Integer, ForeignKey("shops.id"), nullable=False)
    at = Column(DateTime, nullable=False, default=_utcnow)
    actor = Column(String(50), nullable=False, default="owner")
    channel = Column(String(20), nullable=False)
    action = Column(String(50), nullable=False)
    entity = Column(String(30), nullable=False)
    entity_id = Column(Integer)
    detail = Column(JSON, nullable=False, default=dict)


class DataVersion(Base):
    """The one row whose random ``token`` changes with every committed write a report depends on
    (``db.data_version``), so a process knows whether the report answers it keeps are still right."""

    __tablename__ = "data_version"
    id = Column(Integer, primary_key=True)
    token = Column(BigInteger, nullable=False)
    # The token this one replaced: a process that made the change knows what changed in between.
    previous = Column(BigInteger)


# The reports' precomputed tables and the conversations' own tables, declared on the same metadata
# (migrations and schema checks see them); the report tables are imported from here as before.
from assistant.db import conversations as _conversations  # noqa: E402,F401

# Writes to the tables above change the data version; the listeners live there.
from assistant.db import data_version as _data_version  # noqa: E402,F401
from assistant.db.public_tables import ErasureRequest, Signup  # noqa: E402,F401
from assistant.db.report_tables import (  # noqa: E402,F401
    ProductDailySales,
    PromotionUse,
    PurchaseStat,
    ShopDailySales,
)
