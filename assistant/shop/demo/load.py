"""Loading the demo shop: through the CSV importer (the path an owner's spreadsheet takes), then what
CSV cannot say (voids, requests, a commission rate)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import session_scope
from assistant.db.models import Customer, CustomerRequest, Product, Sale
from assistant.shop import audit, purchase_stats
from assistant.shop.demo.data import PRODUCTS, example_people
from assistant.shop.demo.simulation import DemoShop, build_demo
from assistant.shop.demo.tabs import add_settled_tabs
from assistant.shop.importer import CUSTOMER_COLUMNS, PRODUCT_COLUMNS, SALE_COLUMNS, import_csv
from assistant.shop.shops import clear_shop, default_shop_id

# The people of the examples and conversations: their tabs start empty.
EXAMPLE_NAMES = {person.name for person in example_people(lambda days: "01-01")}


def load_demo(
    engine: Engine, *, seed: int = 7, now: dt.datetime | None = None, progress: bool = False
) -> str:
    """Replace the shop's data with the demo shop 禾香粮油, its year ending ``now`` (default: the process
    settings' clock, as ``engine`` belongs to no shop context); returns a one-line summary."""
    started = time.perf_counter()
    now = now or clock.now()
    shop = build_demo(seed=seed, today=now.date())
    with tempfile.TemporaryDirectory(prefix="zhanggui-demo-") as folder, session_scope(engine) as session:
        shop_id = default_shop_id(session)
        clear_shop(session, shop_id=shop_id)
        customers, products, sales = _write_csvs(shop, Path(folder))
        report = import_csv(
            session,
            shop_id=shop_id,
            customers=customers,
            products=products,
            sales=sales,
            progress=progress,
            channel="counter",
            rebuild_stats=False,
            now=now,
        )
        _add_what_csv_cannot_say(session, shop_id=shop_id, shop=shop, rng=random.Random(seed), now=now)
    first, last = shop.sales[0][0][:10], shop.sales[-1][0][:10]
    return (
        f"demo shop 禾香粮油 loaded: {report.customers_added} customers, {report.products_added} products, "
        f"{report.sales_added} sales ({report.sale_items_added} items) from {first} to {last}, "
        f"{shop.voids} taken back, {len(shop.requests)} requests, in {time.perf_counter() - started:.1f} s"
    )


def _add_what_csv_cannot_say(
    session: Session, *, shop_id: int, shop: DemoShop, rng: random.Random, now: dt.datetime
) -> None:
    """The group leader's commission, customers' requests, a few voided sales and a few settled tabs."""
    leader = session.execute(
        select(Customer).where(Customer.shop_id == shop_id, Customer.name == "陈美玲")
    ).scalar_one()
    leader.is_group_leader = True
    leader.commission_rate = Decimal("0.05")
    products = {
        p.name: p.id for p in session.execute(select(Product).where(Product.shop_id == shop_id)).scalars()
    }
    people = {
        c.name: c.id for c in session.execute(select(Customer).where(Customer.shop_id == shop_id)).scalars()
    }
    for name, product, days_ago in shop.requests:
        session.add(
            CustomerRequest(
                shop_id=shop_id,
                customer_id=people[name],
                product_id=products[product],
                asked_at=now - dt.timedelta(days=days_ago),
            )
        )
    # A few sales keyed in wrongly and taken back a few minutes later (no stock moved: see importer).
    candidates = session.execute(
        select(Sale.id, Sale.customer_id, Sale.sold_at, Sale.amount)
        .where(Sale.shop_id == shop_id)
        .order_by(Sale.id)
    ).all()
    for sale in rng.sample(candidates, shop.voids):
        session.add(
            Sale(
                shop_id=shop_id,
                kind="void",
                customer_id=sale.customer_id,
                sold_at=sale.sold_at + dt.timedelta(minutes=3),
                channel="counter",
                amount=-sale.amount,
                voids_sale_id=sale.id,
                recorded_at=now,
            )
        )
    session.flush()
    tab_lines = add_settled_tabs(session, shop_id=shop_id, rng=rng, now=now, leave_out=EXAMPLE_NAMES)
    purchase_stats.rebuild(session, shop_id=shop_id)
    audit.record(
        session,
        shop_id=shop_id,
        channel="cli",
        action="load_demo",
        entity="shop",
        entity_id=shop_id,
        detail={"voids": shop.voids, "requests": len(shop.requests), "tab_lines": tab_lines},
        at=now,
    )


def _write_csvs(shop: DemoShop, folder: Path) -> tuple[Path, Path, Path]:
    """The demo as the three contract CSV files in ``folder``."""
    paths = folder / "customers.csv", folder / "products.csv", folder / "sales.csv"
    tables = (
        ([*CUSTOMER_COLUMNS, "referred_by"], [c.row() for c in shop.customers]),
        (list(PRODUCT_COLUMNS), [list(p) for p in PRODUCTS]),
        ([*SALE_COLUMNS, "promotion"], shop.sales),
    )
    for path, (header, rows) in zip(paths, tables, strict=True):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return paths
