"""Stock: every change is a movement; ``Product.stock`` is kept equal to their sum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from assistant import clock
from assistant.db.models import Product, StockMovement
from assistant.errors import Invalid
from assistant.shop import audit
from assistant.shop.bounds import check_size


def move_stock(
    session: Session,
    *,
    product: Product,
    quantity: Decimal,
    reason: str,
    channel: str,
    at: dt.datetime | None = None,
    sale_id: int | None = None,
    note: str | None = None,
) -> StockMovement:
    """Add ``quantity`` (negative for goods out) to a product's stock and record the movement."""
    movement = StockMovement(
        shop_id=product.shop_id, product_id=product.id, quantity=quantity, reason=reason,
        sale_id=sale_id, at=at or clock.now_for(session), channel=channel, note=note,
    )
    session.add(movement)
    product.stock = Decimal(product.stock or 0) + quantity
    return movement


def stock_in(
    session: Session, *, product: Product, quantity: Decimal, channel: str, note: str | None = None
) -> StockMovement:
    """Record goods arriving; refuses a quantity that is not positive."""
    if quantity <= 0:
        raise Invalid(f"quantity {quantity} must be more than zero", field="quantity")
    check_size(quantity, "quantity")
    movement = move_stock(session, product=product, quantity=quantity, reason="stock_in", channel=channel,
                          note=note)
    session.flush()
    audit.record(session, shop_id=product.shop_id, channel=channel, action="stock_in", entity="product",
                 entity_id=product.id, detail={"quantity": str(quantity), "movement_id": movement.id})
    return movement


# Units of weight: a sale said by weight of goods counted otherwise (2斤 of rice sold in 袋) says nothing
# about the count on the shelf. Any other measure word is a count ("a bottle", "两包").
_WEIGHTS = frozenset({"斤", "公斤", "千克", "克", "两", "jin", "kg", "kgs", "kilo", "kilos", "g", "catty", "catties"})


def beyond_stock(quantity: Decimal | str, unit: str | None, *, stock: Decimal | str | None,
                 stock_unit: str | None) -> bool:
    """Whether selling ``quantity`` ``unit`` takes more than the ``stock`` on record (counted in
    ``stock_unit``): the read-back then says so, since her records may be behind. A weight said of goods
    counted otherwise, or the other way round, cannot be compared: never."""
    if stock is None:
        return False
    said = (unit or stock_unit or "").strip().lower()
    kept = (stock_unit or "").strip().lower()
    if said != kept and (said in _WEIGHTS or kept in _WEIGHTS):
        return False
    return Decimal(str(quantity)) > Decimal(str(stock))
