"""Greetings' shared fixtures: a shop with a regular who consented and one who never did, real audio."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.db.models import AuditEntry
from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.sales import SaleLine, log_sale, void_sale
from assistant.speech.tts import Synthesizer, encode_mp3


class FixedVoice(Synthesizer):
    """A synthesizer that returns the MP3 it was given and remembers what it was asked to say."""

    name = "fixed"

    def __init__(self, mp3: bytes) -> None:
        self.mp3 = mp3
        self.said: list[str] = []

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        self.said.append(text)
        yield self.mp3


@pytest.fixture(scope="module")
def owner_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The owner's greeting as a real file: espeak-ng speech with 1.5 s / 2 s of silence around it."""
    folder = tmp_path_factory.mktemp("owner")
    speech, padded = folder / "speech.wav", folder / "padded.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(speech), "刘女士生日快乐"], check=True)
    subprocess.run(["sox", str(speech), str(padded), "pad", "1.5", "2"], check=True)
    return padded


@pytest.fixture(scope="module")
def spoken_mp3(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Real speech as MP3, standing in for what edge-tts would have returned."""
    wav = tmp_path_factory.mktemp("tts") / "spoken.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(wav), "happy birthday"], check=True)
    return encode_mp3(wav.read_bytes())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The shop's data folder as the caller names it (not the settings' folder: the services must use this)."""
    return tmp_path / "shop-data"


@pytest.fixture
def shop(session, shop_id):
    """Mrs Liu (consented, buys rice often), Uncle Li (never consented), and the goods they buy."""
    rice = add_product(session, shop_id=shop_id, name="东北大米", aliases=["rice"], category="米", unit="袋",
                       price=Decimal("60"), channel="cli")
    oil = add_product(session, shop_id=shop_id, name="花生油", category="油", unit="桶", price=Decimal("80"),
                      channel="cli")
    liu = add_customer(session, shop_id=shop_id, name="刘芳", aliases=["刘女士", "Mrs Liu"], channel="cli",
                       marketing_consent=True)
    li = add_customer(session, shop_id=shop_id, name="李建国", aliases=["李叔"], channel="cli")
    day = dt.datetime(2026, 1, 5, 10, 0)
    for week in range(3):
        log_sale(session, shop_id=shop_id, customer=liu, channel="counter", move_goods=False,
                 sold_at=day + dt.timedelta(weeks=week),
                 lines=[SaleLine(product=rice, quantity=Decimal("1"))])
    for _ in range(4):
        oil_sale = log_sale(session, shop_id=shop_id, customer=liu, channel="counter", move_goods=False,
                            sold_at=day, lines=[SaleLine(product=oil, quantity=Decimal("1"))])
        void_sale(session, shop_id=shop_id, sale_id=oil_sale.id, channel="counter")  # taken back: not a habit
    session.commit()
    return {"shop_id": shop_id, "liu": liu, "li": li}


@pytest.fixture
def voice(spoken_mp3: bytes) -> FixedVoice:
    """A voice that speaks ``spoken_mp3`` whatever it is asked, and remembers what it was asked."""
    return FixedVoice(spoken_mp3)


@pytest.fixture
def audit_actions(session):
    """``audit_actions(entity, entity_id)``: (action, detail) of the audit entries about a row, oldest first."""

    def actions(entity: str, entity_id: int) -> list[tuple[str, dict]]:
        rows = session.execute(
            select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)).scalars()
        return [(row.action, row.detail) for row in rows]

    return actions
