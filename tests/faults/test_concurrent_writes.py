"""Sales and imports at the same time, in one process (threads): nothing lost, nothing twice, figures
right. The same race the server-level tests (``test_server_faults.py``) run through real processes, here
in seconds on every test run."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from assistant.db import session_factory
from assistant.db.models import Product, PurchaseStat, Sale, ShopDailySales, StockMovement
from assistant.db.retry import run_in_transaction
from assistant.shop import purchase_stats
from assistant.shop.customers import find_customer
from assistant.shop.importer import import_csv
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.shops import get_or_create_shop

CLIENTS, SALES_EACH, IMPORTS, RECEIPTS = 3, 12, 3, 150
BUYERS = ("王秀英", "汪桂兰", "李建国")


def sales_csv(folder: Path, receipts: int = RECEIPTS) -> Path:
    """A sales file of ``receipts`` one-line receipts over the shop's three customers, in March."""
    path = folder / "sales.csv"
    rows = ["date,customer,product,quantity,unit,amount"]
    for i in range(receipts):
        day = 1 + i % 28
        rows.append(f"2026-03-{day:02d} {8 + i % 10:02d}:{i % 60:02d},{BUYERS[i % 3]},花生油,1,桶,89")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def figures(session) -> tuple[list, list]:  # noqa: ANN001
    """Every customer's rhythm rows and every day's takings, comparable across a rebuild."""
    stats = session.execute(
        select(PurchaseStat.customer_id, PurchaseStat.item_key, PurchaseStat.purchases,
               PurchaseStat.total_amount).order_by(PurchaseStat.customer_id, PurchaseStat.item_key)
    ).all()
    days = session.execute(
        select(ShopDailySales.day, ShopDailySales.sales, ShopDailySales.amount).order_by(ShopDailySales.day)
    ).all()
    return [tuple(map(str, row)) for row in stats], [tuple(map(str, row)) for row in days]


def test_chat_sales_and_imports_at_once_lose_nothing_and_keep_the_figures_right(shop_db, tmp_path):
    sessions = session_factory(shop_db)
    with sessions() as session:
        shop_id = get_or_create_shop(session).id
        stock_before = session.execute(select(Product.stock).where(Product.name == "东北大米")).scalar_one()
    csv = sales_csv(tmp_path)
    written: list[int] = []
    failures: list[BaseException] = []
    start = threading.Barrier(CLIENTS + IMPORTS)

    def sell(buyer: str) -> None:
        def one_sale(session) -> int:  # noqa: ANN001
            rice = session.execute(select(Product).where(Product.name == "东北大米")).scalar_one()
            customer = find_customer(session, shop_id=shop_id, name=buyer)
            return log_sale(session, shop_id=shop_id, customer=customer, lines=[SaleLine(rice, Decimal("1"))],
                            channel="chat").id

        start.wait(timeout=30)
        for _ in range(SALES_EACH):
            try:
                written.append(run_in_transaction(sessions, one_sale))
            except BaseException as error:  # noqa: BLE001 (asserted below)
                failures.append(error)

    def load() -> None:
        start.wait(timeout=30)
        try:
            import_csv(shop_db, shop_id=shop_id, sales=csv)
        except BaseException as error:  # noqa: BLE001 (asserted below)
            failures.append(error)

    threads = [threading.Thread(target=sell, args=(buyer,)) for buyer in BUYERS]
    threads += [threading.Thread(target=load) for _ in range(IMPORTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    with sessions() as session:
        chat = session.execute(select(Sale.id).where(Sale.channel == "chat")).scalars().all()
        imported = session.execute(select(func.count()).where(Sale.channel == "import")).scalar()
        stock = session.execute(select(Product.stock).where(Product.name == "东北大米")).scalar_one()
        moved = session.execute(select(func.sum(StockMovement.quantity)).join(Product).where(
            Product.name == "东北大米")).scalar()
        kept = figures(session)
    assert sorted(chat) == sorted(written) and len(written) == CLIENTS * SALES_EACH
    assert imported == RECEIPTS  # three imports of one file: its receipts once
    assert Decimal(stock) == Decimal(stock_before) - CLIENTS * SALES_EACH == Decimal(moved)
    with sessions() as session:
        purchase_stats.rebuild(session, shop_id=shop_id)
        session.flush()
        assert figures(session) == kept  # what each sale kept up is what a full rebuild computes
        session.rollback()
