"""Fault tests: the real ``assistant serve`` in a subprocess, killed with SIGKILL and started again.

A ``Shop`` is a migrated database (a SQLite file, or a fresh PostgreSQL database dropped afterwards) with
two customers, two products and the owner's token, made before the server starts; ``Shop.start()``
runs ``python -m assistant.cli serve`` on it with the trained model of ``ASSISTANT_MODELS_DIR`` (default:
the repository's ``models/``), ``Shop.say`` talks to it over the REST webhook with the token,
``Shop.kill()`` sends SIGKILL, and ``Shop.import_sales`` runs ``python -m assistant.cli import``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from assistant import auth
from assistant.config import ROOT, get_settings
from assistant.db import make_engine, session_factory, session_scope, upgrade

# The server loads the Rasa model and warms the reports: give it time on two busy cores.
START_SECONDS = 600
REPLY_SECONDS = 120
BUYER, ITEM = "王阿姨", "东北大米"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def models_dir() -> Path:
    """Where the trained model is (``ASSISTANT_MODELS_DIR`` or the repository's ``models/``)."""
    folder = Path(os.environ.get("ASSISTANT_MODELS_DIR") or ROOT / "models")
    if not list(folder.glob("*.tar.gz")):
        pytest.skip(f"no trained model in {folder} (run `assistant train`)")
    return folder


@dataclass
class Shop:
    """A shop's database and, while started, the server on it."""

    db_url: str
    folder: Path
    token: str = ""
    port: int = 0
    process: subprocess.Popen | None = None
    logs: list[Path] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The running server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The environment of the server and the CLI: this database, this data folder, the model."""
        return {
            **os.environ,
            "ASSISTANT_DB_URL": self.db_url,
            "ASSISTANT_DATA_DIR": str(self.folder / "data"),
            "ASSISTANT_MODELS_DIR": str(models_dir()),
            "PYTHONPATH": str(ROOT),
        }

    def start(self) -> None:
        """Start ``assistant serve`` and wait until ``/health`` says its dialogue model is loaded (pages serve
        at once; chat answers "one moment" until then)."""
        self.port = _free_port()
        log = self.folder / f"server-{len(self.logs) + 1}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "assistant.cli", "serve", "--port", str(self.port)],
                env=self.env(), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                health = httpx.get(f"{self.url}/health", timeout=2)
                if health.status_code == 200 and health.json().get("brain"):
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start (exit {self.process.poll()}); log: {log.read_text()[-3000:]}")
            time.sleep(0.5)

    def kill(self) -> None:
        """SIGKILL the server (no shutdown handlers run) and reap it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def say(self, message: str, *, sender: str, client: httpx.Client | None = None) -> httpx.Response:
        """Send one message over the REST webhook with the owner's token; the raw response."""
        body = {"sender": sender, "message": message}
        headers = {"Authorization": f"Bearer {self.token}"}
        if client is not None:
            return client.post(f"{self.url}/webhooks/rest/webhook", json=body, headers=headers)
        return httpx.post(f"{self.url}/webhooks/rest/webhook", json=body, headers=headers, timeout=REPLY_SECONDS)

    def import_sales(self, csv: Path) -> subprocess.CompletedProcess:
        """Run ``python -m assistant.cli import --sales csv`` on this database."""
        return subprocess.run(
            [sys.executable, "-m", "assistant.cli", "import", "--sales", str(csv)],
            env=self.env(), cwd=ROOT, capture_output=True, text=True, timeout=600,
        )

    def popen_import(self, csv: Path) -> subprocess.Popen:
        """The same import, started and left running (to be killed)."""
        return subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "import", "--sales", str(csv)],
            env=self.env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def sales_csv(self, receipts: int) -> Path:
        """A sales file of ``receipts`` one-line receipts (peanut oil, the two customers, in March)."""
        path = self.folder / f"sales-{receipts}.csv"
        rows = ["date,customer,product,quantity,unit,amount"]
        buyers = ("王秀英", "李建国")
        for i in range(receipts):
            quantity = 1 + i % 3
            rows.append(f"2026-03-{1 + i % 28:02d} {8 + i % 12:02d}:{i % 60:02d},{buyers[i % 2]},花生油,"
                        f"{quantity},桶,{89 * quantity}")
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return path

    def figures_match_a_rebuild(self) -> bool:
        """Whether the figures kept sale by sale equal what a full rebuild computes (the rebuild is rolled
        back: nothing changes)."""
        from assistant.shop import purchase_stats
        from assistant.shop.shops import default_shop_id

        engine = make_engine(self.db_url)
        try:
            with session_factory(engine)() as session:
                kept = _figures(session)
                purchase_stats.rebuild(session, shop_id=default_shop_id(session))
                session.flush()
                rebuilt = _figures(session)
                session.rollback()
            return kept == rebuilt
        finally:
            engine.dispose()

    def query(self, sql: str, **params: object) -> list[tuple]:
        """Rows of ``sql`` read straight from the database (what is really written)."""
        engine = make_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), params).all()]
        finally:
            engine.dispose()


def _figures(session) -> tuple[list, list]:  # noqa: ANN001
    stats = session.execute(text(
        "SELECT customer_id, item_key, purchases, total_amount, last_day FROM purchase_stats "
        "ORDER BY customer_id, item_key"
    )).all()
    days = session.execute(text("SELECT day, sales, amount FROM shop_daily_sales ORDER BY day")).all()
    return [tuple(map(str, row)) for row in stats], [tuple(map(str, row)) for row in days]


def _fill(db_url: str, folder: Path) -> str:
    """Migrate, add the shop's customers, products and stock and the owner; the owner's token."""
    from assistant.shop.customers import add_customer
    from assistant.shop.products import add_product
    from assistant.shop.shops import get_or_create_shop
    from assistant.shop.stock import stock_in

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_DATA_DIR", str(folder / "data"))
        get_settings.cache_clear()
        engine = make_engine(db_url)
        upgrade(engine)
        with session_scope(engine) as session:
            shop = get_or_create_shop(session)
            add_customer(session, shop_id=shop.id, name="王秀英", aliases=[BUYER], channel="cli")
            add_customer(session, shop_id=shop.id, name="李建国", aliases=["李叔"], channel="cli")
            rice = add_product(session, shop_id=shop.id, name=ITEM, category="米", unit="袋",
                               price=Decimal("60"), channel="cli")
            add_product(session, shop_id=shop.id, name="花生油", category="油", unit="桶", price=Decimal("89"),
                        channel="cli")
            stock_in(session, product=rice, quantity=Decimal("1000"), channel="cli")
            token = auth.ensure_owner(session).token
        engine.dispose()
    get_settings.cache_clear()
    return token


def _postgres_database() -> tuple[str, Callable[[], None]]:
    """A new, empty PostgreSQL database and how to drop it (skips when there is no server)."""
    admin_url = os.environ.get("ASSISTANT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    name = f"zhanggui_faults_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 (any connection failure means "no server here")
        admin.dispose()
        if os.environ.get("ASSISTANT_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here but unreachable at {admin_url}: {error}")
        pytest.skip(f"no PostgreSQL server at {admin_url} ({type(error).__name__})")

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.rsplit("/", 1)[0] + f"/{name}", drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Shop]:
    """A shop on a SQLite file and on a fresh PostgreSQL database (the test starts the server)."""
    models_dir()
    folder = tmp_path / "shop"
    folder.mkdir()
    drop = None
    if request.param == "sqlite":
        db_url = f"sqlite:///{folder / 'shop.db'}"
    else:
        db_url, drop = _postgres_database()
    shop = Shop(db_url=db_url, folder=folder)
    try:
        shop.token = _fill(db_url, folder)
        yield shop
    finally:
        shop.kill()
        if drop is not None:
            drop()
