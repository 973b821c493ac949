"""A small shop built by hand for the report tests: customers, products and dated sales."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, Promotion, Sale
from assistant.shop.customers import Birthday, add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale, void_sale
from assistant.shop.stock import stock_in


class ShopBuilder:
    """Plain helpers that write through the real services, so the figures stay in step."""

    def __init__(self, session: Session, shop_id: int) -> None:
        self.session = session
        self.shop_id = shop_id
        self.products: dict[str, Product] = {}
        self.customers: dict[str, Customer] = {}

    def product(
        self,
        name: str,
        *,
        category: str = "",
        unit: str = "袋",
        price: str = "10",
        suits: list[str] | None = None,
        stock: int = 0,
    ) -> Product:
        """Add a product (and its opening stock)."""
        product = add_product(
            self.session,
            shop_id=self.shop_id,
            name=name,
            category=category,
            unit=unit,
            price=Decimal(price),
            suits=suits,
            channel="cli",
        )
        if stock:
            stock_in(self.session, product=product, quantity=Decimal(stock), channel="cli")
        self.products[name] = product
        return product

    def customer(
        self,
        name: str,
        *,
        birthday: str | None = None,
        tags: list[str] | None = None,
        consent: bool = True,
        phone: str | None = None,
    ) -> Customer:
        """Add a customer."""
        customer = add_customer(
            self.session,
            shop_id=self.shop_id,
            name=name,
            channel="cli",
            birthday=Birthday.parse(birthday) if birthday else None,
            tags=tags,
            marketing_consent=consent,
            phone=phone,
        )
        self.customers[name] = customer
        return customer

    def sale(
        self,
        customer: str | None,
        product: str,
        quantity: float,
        day: str,
        *,
        amount: str | None = None,
        promotion: Promotion | None = None,
        hour: int = 10,
    ) -> Sale:
        """Log a sale on ``day`` (YYYY-MM-DD) at ``hour`` o'clock."""
        return log_sale(
            self.session,
            shop_id=self.shop_id,
            channel="cli",
            customer=self.customers[customer] if customer else None,
            lines=[
                SaleLine(
                    product=self.products[product],
                    quantity=Decimal(str(quantity)),
                    amount=Decimal(amount) if amount is not None else None,
                )
            ],
            sold_at=dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)),
            promotion=promotion,
        )

    def void(self, sale: Sale) -> None:
        """Take a sale back."""
        void_sale(self.session, shop_id=self.shop_id, sale_id=sale.id, channel="cli")

    def promotion(self, name: str) -> Promotion:
        """Add a promotion."""
        promotion = Promotion(shop_id=self.shop_id, name=name)
        self.session.add(promotion)
        self.session.flush()
        return promotion


@pytest.fixture
def shop(session: Session, shop_id: int) -> ShopBuilder:
    """A builder for the test's shop."""
    return ShopBuilder(session, shop_id)
