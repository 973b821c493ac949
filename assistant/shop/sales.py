"""Sales: logged after the owner confirms, never changed afterwards; an undo is a new voiding row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import locks
from assistant.db.models import Customer, Product, Promotion, Sale, SaleItem
from assistant.errors import Invalid, NotFound
from assistant.language.wording import shop_unit
from assistant.shop import audit, purchase_stats
from assistant.shop.bounds import check_size
from assistant.shop.channels import CHANNELS
from assistant.shop.sales_query import sale_counts, voided
from assistant.shop.stock import move_stock


@dataclass(frozen=True)
class SaleLine:
    """One line of a sale to record: a product, how much, and (if said) what it cost."""

    product: Product
    quantity: Decimal
    unit: str | None = None
    amount: Decimal | None = None

    def priced_amount(self) -> Decimal:
        """The amount said, or price × quantity when it was not said."""
        if self.amount is not None:
            return self.amount
        return (Decimal(self.product.price) * self.quantity).quantize(Decimal("0.01"))


def check_lines(lines: list[SaleLine]) -> None:
    """Refuse a sale with no lines, a quantity that is not positive, a negative amount, or a number no
    shop means (``bounds``)."""
    if not lines:
        raise Invalid("a sale needs at least one product", field="product", zh="一笔销售至少要有一样商品")
    for line in lines:
        check_size(line.quantity, "quantity")
        if line.quantity <= 0:
            raise Invalid(f"quantity {line.quantity} of {line.product.name} must be more than zero",
                          field="quantity", zh=f"{line.product.name}的数量 {line.quantity} 必须大于零")
        if line.amount is not None and line.amount < 0:
            raise Invalid(f"amount {line.amount} is negative", field="amount", zh=f"金额 {line.amount} 不能是负数")
        check_size(line.priced_amount(), "amount")


def log_sale(
    session: Session,
    *,
    shop_id: int,
    lines: list[SaleLine],
    channel: str,
    customer: Customer | None = None,
    sold_at: dt.datetime | None = None,
    promotion: Promotion | None = None,
    conversation_id: str | None = None,
    import_key: str | None = None,
    move_goods: bool = True,
) -> Sale:
    """Write a confirmed sale with its items, take the goods out of stock, and audit it."""
    if channel not in CHANNELS:
        raise Invalid(f"unknown channel {channel!r}")
    check_lines(lines)
    now = clock.now_for(session)
    when = sold_at or now
    sale = Sale(
        shop_id=shop_id, kind="sale", customer_id=customer.id if customer else None, sold_at=when,
        channel=channel, promotion_id=promotion.id if promotion else None,
        amount=sum((line.priced_amount() for line in lines), Decimal("0")),
        conversation_id=conversation_id, import_key=import_key, recorded_at=now,
    )
    sale.items = [
        SaleItem(shop_id=shop_id, product_id=line.product.id, customer_id=sale.customer_id, sold_at=when,
                 quantity=line.quantity, unit=shop_unit(line.unit, line.product.unit),
                 amount=line.priced_amount())
        for line in lines
    ]
    session.add(sale)
    session.flush()
    if move_goods:
        locks.lock_products(session, (line.product for line in lines))
        for line in lines:
            move_stock(session, product=line.product, quantity=-line.quantity, reason="sale",
                       channel=channel, at=when, sale_id=sale.id)
    purchase_stats.on_sale_logged(session, sale)
    audit.record(session, shop_id=shop_id, channel=channel, action="log_sale", entity="sale",
                 entity_id=sale.id, detail={"amount": str(sale.amount), "items": len(lines)})
    return sale


def void_sale(session: Session, *, shop_id: int, sale_id: int, channel: str,
              conversation_id: str | None = None) -> Sale:
    """Take back a sale: a new ``void`` row pointing at it, and its goods back into stock."""
    sale = session.get(Sale, sale_id)
    if sale is None or sale.shop_id != shop_id or sale.kind != "sale":
        raise NotFound(f"no sale with id {sale_id}")
    if is_voided(session, sale_id=sale_id):
        raise Invalid(f"sale {sale_id} was already taken back", zh="这笔已经撤销过了")
    now = clock.now_for(session)
    void = Sale(
        shop_id=shop_id, kind="void", customer_id=sale.customer_id, sold_at=now, channel=channel,
        amount=-Decimal(sale.amount), voids_sale_id=sale.id, conversation_id=conversation_id,
        recorded_at=now,
    )
    session.add(void)
    session.flush()
    locks.lock_products(session, (item.product for item in sale.items))
    for item in sale.items:
        move_stock(session, product=item.product, quantity=Decimal(item.quantity), reason="void",
                   channel=channel, sale_id=void.id)
    purchase_stats.on_sale_voided(session, sale)
    audit.record(session, shop_id=shop_id, channel=channel, action="void_sale", entity="sale",
                 entity_id=sale.id, detail={"void_id": void.id})
    return void


def is_voided(session: Session, *, sale_id: int) -> bool:
    """Whether a later row voids this sale."""
    return session.execute(select(voided(sale_id))).scalar()


def last_sale_of_conversation(session: Session, *, shop_id: int, conversation_id: str) -> Sale | None:
    """The newest sale this conversation recorded that has not been taken back."""
    return session.execute(
        select(Sale)
        .where(Sale.shop_id == shop_id, Sale.conversation_id == conversation_id, sale_counts())
        .order_by(Sale.id.desc())
        .limit(1)
    ).scalar_one_or_none()
