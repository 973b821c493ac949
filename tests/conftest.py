"""Shared fixtures: real databases (SQLite file and a PostgreSQL server), a pinned clock, a shop."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant.config import get_settings
from assistant.context import ShopContext
from assistant.db import make_engine, session_scope, upgrade
from assistant.db.models import Base

POSTGRES_ADMIN_URL = os.environ.get("ASSISTANT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test starts from default settings with data written under its own tmp folder."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_") and name not in {"ASSISTANT_REQUIRE_POSTGRES", "ASSISTANT_TEST_POSTGRES"}:
            monkeypatch.delenv(name)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def pin_today(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """Pin "today" for the test: ``pin_today("2026-03-15")``: the process settings' day (contexts built
    after it) and the day of the test's ``context`` when it has one (built before it)."""

    def pin(day: str) -> None:
        monkeypatch.setenv("ASSISTANT_TODAY", day)
        get_settings.cache_clear()
        if "context" in request.fixturenames:
            context = request.getfixturevalue("context")
            context.settings = context.settings.copy(update={"today": dt.date.fromisoformat(day)})

    return pin


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once is much faster)."""
    path = tmp_path_factory.mktemp("template") / "shop.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def read_only_demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo shop of 2026-03-15, loaded once for a module whose tests only read it."""
    from assistant.shop.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "shop.db"
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_TODAY", "2026-03-15")
        get_settings.cache_clear()
        load_demo(engine)
    get_settings.cache_clear()
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run, dropped at the end."""
    try:
        admin = make_engine(POSTGRES_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 (any connection failure means "no server here")
        if os.environ.get("ASSISTANT_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here but unreachable at {POSTGRES_ADMIN_URL}: {error}")
        pytest.skip(f"no PostgreSQL server at {POSTGRES_ADMIN_URL} ({type(error).__name__})")
    name = f"zhanggui_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _sqlite_engine(template: Path, tmp_path: Path) -> Engine:
    path = tmp_path / "shop.db"
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


def _postgres_engine(url: str) -> Engine:
    engine = make_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database: the test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        eng = _sqlite_engine(sqlite_template, tmp_path)
    else:
        eng = _postgres_engine(request.getfixturevalue("postgres_url"))
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty SQLite database, for tests where the server makes no difference."""
    eng = _sqlite_engine(sqlite_template, tmp_path)
    yield eng
    eng.dispose()


@pytest.fixture
def context(engine: Engine) -> ShopContext:
    """The shop context on ``engine``: what the server, the actions and each command are given."""
    return ShopContext.build(engine=engine)


@pytest.fixture
def session(context: ShopContext) -> Iterator[Session]:
    """A session of ``context`` (both databases, with the context's caches, as the server's sessions);
    the test commits what it wants kept."""
    with context.sessions() as s:
        yield s


@pytest.fixture
def shop_id(session: Session) -> int:
    """The id of a fresh shop in ``session``'s database."""
    from assistant.shop.shops import get_or_create_shop

    shop = get_or_create_shop(session, "测试粮油")
    session.commit()
    return shop.id


@pytest.fixture
def shop_db(engine):
    """``engine`` with a small shop in it (both databases)."""
    from assistant.shop.customers import add_customer
    from assistant.shop.products import add_product
    from assistant.shop.shops import get_or_create_shop
    from assistant.shop.stock import stock_in

    with session_scope(engine) as session:
        shop = get_or_create_shop(session)
        add_customer(session, shop_id=shop.id, name="王秀英", aliases=["王阿姨", "Auntie Wang"], household="3栋",
                     channel="cli", marketing_consent=True)
        add_customer(session, shop_id=shop.id, name="汪桂兰", aliases=["汪阿姨"], household="5栋", channel="cli")
        add_customer(session, shop_id=shop.id, name="李建国", aliases=["李叔", "Uncle Li"], channel="cli")
        rice = add_product(session, shop_id=shop.id, name="东北大米", aliases=["northeast rice"], category="米",
                           unit="袋", price=Decimal("60"), channel="cli")
        add_product(session, shop_id=shop.id, name="泰国香米", category="米", unit="袋", price=Decimal("75"),
                    channel="cli")
        add_product(session, shop_id=shop.id, name="花生油", aliases=["peanut oil"], category="油", unit="桶",
                    price=Decimal("89"), channel="cli")
        stock_in(session, product=rice, quantity=Decimal("20"), channel="cli")
    return engine


@pytest.fixture
def shop_context(shop_db, context) -> ShopContext:
    """The shop context of ``shop_db`` (what the server, the actions and the CLI are given)."""
    return context
