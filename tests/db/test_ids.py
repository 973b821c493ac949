"""Ids are never handed out twice: after an erase, a new customer or sale gets an id of its own."""

from decimal import Decimal

from sqlalchemy import delete, select, text

from assistant.db import make_engine, upgrade
from assistant.db.bulk import IdBlock
from assistant.db.models import Base, Customer, Product, Sale, SaleItem, StockMovement
from assistant.db.session import session_scope
from assistant.shop.customers import add_customer
from assistant.shop.export import erase_customer
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.shops import get_or_create_shop


def test_a_new_customer_never_gets_an_erased_customers_id(engine, tmp_path):
    with session_scope(engine) as session:
        shop_id = get_or_create_shop(session, "测试粮油").id
        add_customer(session, shop_id=shop_id, name="李建国", channel="cli")
        erased_id = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli", marketing_consent=True).id
    with session_scope(engine) as session:
        erase_customer(session, customer=session.get(Customer, erased_id), channel="cli", data_dir=tmp_path)
    with session_scope(engine) as session:
        newcomer = add_customer(session, shop_id=shop_id, name="赵敏", channel="cli")
        assert newcomer.id > erased_id
        assert session.get(Customer, erased_id) is None


def test_an_import_numbers_its_sales_past_every_id_ever_given(shop_db):
    with session_scope(shop_db) as session:
        shop_id = get_or_create_shop(session).id
        rice = session.execute(select(Product).where(Product.name == "东北大米")).scalar_one()
        newest = log_sale(session, shop_id=shop_id, lines=[SaleLine(rice, Decimal("1"))], channel="cli").id
    with session_scope(shop_db) as session:
        for table in (StockMovement, SaleItem):
            session.execute(delete(table).where(table.sale_id == newest))
        session.execute(delete(Sale).where(Sale.id == newest))
        assert IdBlock(session, "sales").take(2)[0] > newest


def test_every_sqlite_table_with_an_integer_id_is_autoincrement(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        created = dict(connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
    engine.dispose()
    # Not the one-row ``data_version``, nor the conversations' event log (read by sender and ``seq``,
    # never by id) and confirmed proposals (keyed by the proposal's text id).
    not_named = {"data_version", "conversation_events", "committed_proposals"}
    with_ids = [t.name for t in Base.metadata.sorted_tables if "id" in t.c and t.name not in not_named]
    assert len(with_ids) == 19  # with the sign-ups and erasure requests of 0007_public_links
    for name in with_ids:
        assert Base.metadata.tables[name].dialect_options["sqlite"]["autoincrement"], name
        assert "AUTOINCREMENT" in created[name], name
    assert "AUTOINCREMENT" not in created["data_version"]


def test_the_migration_keeps_every_row_and_link_of_an_existing_shop(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    upgrade(engine, "0005_credit_ledger")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO shops (id, name, created_at) VALUES (1, '禾香粮油', '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO customers (id, shop_id, name, aliases, birthday_lunar, marketing_consent, "
            "is_group_leader, created_at, updated_at) VALUES (7, 1, '王秀英', '[]', 0, 1, 0, '2026-01-01', "
            "'2026-01-01')"
        ))
        connection.execute(text(
            "INSERT INTO consents (id, shop_id, customer_id, purpose, granted, recorded_at, source) "
            "VALUES (3, 1, 7, 'marketing', 1, '2026-01-01', 'counter')"
        ))
    upgrade(engine)
    with engine.connect() as connection:
        # Rebuilding ``customers`` must not have cascaded into their consents, and foreign keys are on again.
        assert connection.execute(text("SELECT id, customer_id FROM consents")).all() == [(3, 7)]
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with session_scope(engine) as session:
        assert add_customer(session, shop_id=1, name="赵敏", channel="cli").id == 8
    engine.dispose()
