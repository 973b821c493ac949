"""The data version changes with every committed write a report reads, and only then (both databases)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from assistant.db import data_version
from assistant.shop import audit
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale
from assistant.shop.stock import stock_in


def _change(session, before: int) -> data_version.Change | None:  # noqa: ANN001
    """What this process knows of the one commit from ``before`` to now (None: unknown or no change)."""
    now = data_version.read_token(session)
    if now == before:
        return None
    chain = session.info[data_version.CHANGE_LOG].between(before, now)
    assert chain is not None and len(chain) == 1
    return chain[0]


def test_each_commit_says_what_it_changed(session, shop_id):
    add_customer(session, shop_id=shop_id, name="李建国", channel="cli")
    session.commit()  # the version row exists from the first such write (the test databases start empty)
    start = data_version.read_token(session)
    assert start is not None
    wang = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli", tags=["高血压"])
    session.commit()
    added = _change(session, start)
    assert added.customers == {wang.id} and not added.kinds and not added.everything

    token = data_version.read_token(session)
    rice = add_product(session, shop_id=shop_id, name="东北大米", category="米", price=Decimal("60"), channel="cli")
    session.commit()
    assert _change(session, token).everything  # a product's name and category: anything may depend on it

    token = data_version.read_token(session)
    stock_in(session, product=rice, quantity=Decimal(10), channel="cli")
    session.commit()
    goods = _change(session, token)
    assert goods.kinds == {data_version.STOCK} and not goods.customers and not goods.everything

    token = data_version.read_token(session)
    log_sale(session, shop_id=shop_id, lines=[SaleLine(product=rice, quantity=Decimal(1))], channel="cli",
             customer=wang)
    session.commit()
    sale = _change(session, token)
    assert sale.customers == {wang.id} and sale.kinds == {data_version.SALES, data_version.STOCK}
    assert not sale.everything


def test_reads_rollbacks_and_other_tables_leave_it(session, shop_id):
    add_customer(session, shop_id=shop_id, name="吴师傅", channel="cli")
    session.commit()
    token = data_version.read_token(session)
    assert token is not None
    audit.record(session, shop_id=shop_id, channel="cli", action="note", entity="shop", entity_id=shop_id)
    session.commit()
    assert data_version.read_token(session) == token  # the audit log is read by no report
    add_customer(session, shop_id=shop_id, name="李建国", channel="cli")
    assert data_version.has_pending(session)
    session.rollback()
    assert not data_version.has_pending(session)
    assert data_version.read_token(session) == token


def test_plain_sql_on_a_connection_changes_it_unknown_to_the_reports(engine, session, shop_id):
    add_customer(session, shop_id=shop_id, name="周阿姨", channel="cli")
    session.commit()
    token = data_version.read_token(session)
    with engine.begin() as connection:
        connection.execute(text("SELECT count(*) FROM customers"))
    session.rollback()
    assert data_version.read_token(session) == token
    with engine.begin() as connection:
        connection.execute(text("UPDATE customers SET phone = '13800000000'"))
    session.rollback()
    now = data_version.read_token(session)
    assert now != token
    assert session.info[data_version.CHANGE_LOG].between(token, now) is None
