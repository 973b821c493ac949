"""Greetings on both databases: composed text, recorded audio, the queue, and consent on every path."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import av
import pytest
from sqlalchemy import func, select

from assistant.config import get_settings
from assistant.db.models import AuditEntry, Greeting
from assistant.errors import ConsentRequired, Invalid, NotFound
from assistant.shop.consent import record_consent
from assistant.shop.customers import add_customer
from assistant.shop.greetings import (
    cancel,
    compose_greeting,
    create_greeting,
    greeting_audio_path,
    list_greetings,
    make_composed_greeting,
    mark_sent,
    save_recorded_greeting,
)
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


def audit_actions(session, entity: str, entity_id: int) -> list[tuple[str, dict]]:
    rows = session.execute(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)).scalars()
    return [(row.action, row.detail) for row in rows]


def greeting_files() -> list[Path]:
    return sorted((get_settings().data_dir / "greetings").rglob("*.*"))


def test_composed_greeting_uses_what_the_shop_knows(session, shop, pin_today):
    pin_today("2026-03-15")
    text = compose_greeting(session, customer=shop["liu"], occasion="生日", language="zh", offer="一小瓶香油")
    assert text.startswith("刘女士") and "生日" in text
    assert "东北大米" in text and "花生油" not in text  # her habit; voided sales do not count
    assert "一小瓶香油" in text and "测试粮油" in text
    assert text.endswith("回复T退订")

    english = compose_greeting(session, customer=shop["liu"], occasion="birthday", language="en")
    assert "Mrs Liu" in english and "birthday" in english.lower() and "rice" in english
    assert english.endswith("Reply STOP to opt out.")


def test_template_choice_is_fixed_by_the_seed(session, shop):
    def compose(seed):
        return compose_greeting(session, customer=shop["liu"], occasion="中秋", language="zh", seed=seed)

    assert compose(7) == compose(7)
    assert len({compose(seed) for seed in range(12)}) > 1
    assert all("中秋" in compose(seed) for seed in range(12))


def test_greeting_for_a_new_customer_and_an_unlisted_occasion(session, shop):
    text = compose_greeting(session, customer=shop["li"], occasion="国庆", language="zh", seed=1)
    assert text.startswith("李叔") and "国庆" in text and text.endswith("回复T退订")
    english = compose_greeting(session, customer=shop["li"], occasion="新品到货", arrival="sesame oil",
                               language="en", seed=1)
    assert english.startswith(("Li Jianguo", "Good news, Li Jianguo")) and "sesame oil" in english


def test_no_consent_no_greeting_on_every_path(session, shop, owner_recording, spoken_mp3):
    uncle = shop["li"]
    voice = FixedVoice(spoken_mp3)
    attempts = {
        "composed": lambda: create_greeting(session, customer=uncle, occasion="生日", text="李叔生日快乐",
                                            source="composed", channel="chat", audio=spoken_mp3),
        "recorded": lambda: save_recorded_greeting(session, customer=uncle, occasion="生日",
                                                   audio=owner_recording, transcript="李叔生日快乐"),
        "synthesized": lambda: asyncio.run(make_composed_greeting(
            session, customer=uncle, occasion="生日", text="李叔生日快乐", synthesizer=voice,
            channel="chat")),
    }
    for path, attempt in attempts.items():
        with pytest.raises(ConsentRequired) as error:
            attempt()
        assert "李建国" in str(error.value) and "insist" in str(error.value), path
    assert voice.said == []  # nothing was synthesized for him
    assert session.execute(select(func.count(Greeting.id))).scalar() == 0
    assert greeting_files() == []


def test_owner_insisting_is_stored_and_logged(session, shop):
    greeting = create_greeting(session, customer=shop["li"], occasion="生日", text="李叔生日快乐",
                               source="composed", channel="chat", insist=True)
    session.commit()
    assert greeting.consent_overridden is True
    assert greeting.text.endswith("回复T退订")  # the opt-out line is added when the text lacks it
    overrides = [d for a, d in audit_actions(session, "customer", shop["li"].id) if a == "consent_override"]
    assert overrides == [{"purpose": "marketing", "reason": "owner insisted", "greeting_id": greeting.id,
                          "occasion": "birthday"}]


def test_recorded_greeting_is_trimmed_encoded_and_linked(session, shop, owner_recording):
    greeting = save_recorded_greeting(session, customer=shop["liu"], occasion="生日", audio=owner_recording,
                                      transcript="刘女士生日快乐", channel="phone")
    session.commit()

    stored = list_greetings(session, shop_id=shop["shop_id"], status="waiting")
    assert [(g.id, g.customer.name, g.source, g.occasion, g.text) for g in stored] == [
        (greeting.id, "刘芳", "recorded", "birthday", "刘女士生日快乐")]
    path = greeting_audio_path(greeting)
    assert path.parent.parent == get_settings().data_dir / "greetings" and path.suffix == ".m4a"
    with av.open(str(path)) as container, av.open(str(owner_recording)) as original:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac"
        seconds = sum(f.samples for f in container.decode(stream)) / stream.codec_context.sample_rate
        original_seconds = float(original.duration / av.time_base)
    assert seconds < original_seconds - 3.0  # 3.5 s of silence were cut (a short pad is kept)
    assert ("add_greeting", {"customer_id": shop["liu"].id, "occasion": "birthday", "source": "recorded",
                             "consent_overridden": False}) in audit_actions(session, "greeting", greeting.id)


def test_corrupt_recording_stores_nothing(session, shop):
    with pytest.raises(Invalid):
        save_recorded_greeting(session, customer=shop["liu"], occasion="生日", audio=b"not audio at all" * 50)
    assert session.execute(select(func.count(Greeting.id))).scalar() == 0
    assert greeting_files() == []


def test_composed_greeting_is_spoken_and_stored(session, shop, spoken_mp3):
    voice = FixedVoice(spoken_mp3)
    text = compose_greeting(session, customer=shop["liu"], occasion="春节", language="zh", seed=3)
    greeting = asyncio.run(make_composed_greeting(session, customer=shop["liu"], occasion="春节", text=text,
                                                  synthesizer=voice, channel="chat"))
    session.commit()
    assert voice.said == [text]
    assert (greeting.source, greeting.occasion, greeting.text) == ("composed", "spring_festival", text)
    path = greeting_audio_path(greeting)
    assert path.suffix == ".mp3" and path.read_bytes() == spoken_mp3


def test_queue_sent_and_cancelled(session, shop, pin_today):
    pin_today("2026-03-15")
    first = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                            source="composed", channel="chat")
    second = create_greeting(session, customer=shop["liu"], occasion="中秋", text="刘女士中秋快乐",
                             source="composed", channel="chat")
    session.commit()
    sid = shop["shop_id"]

    mark_sent(session, shop_id=sid, greeting_id=first.id, channel="web")
    cancel(session, shop_id=sid, greeting_id=second.id, channel="chat")
    session.commit()

    assert [g.id for g in list_greetings(session, shop_id=sid)] == [first.id, second.id]
    assert list_greetings(session, shop_id=sid, status="waiting") == []
    assert [g.id for g in list_greetings(session, shop_id=sid, status="sent")] == [first.id]
    assert first.sent_at.date() == dt.date(2026, 3, 15)
    assert [g.status for g in list_greetings(session, shop_id=sid, status="cancelled")] == ["cancelled"]
    with pytest.raises(Invalid, match="already sent"):
        cancel(session, shop_id=sid, greeting_id=first.id, channel="chat")
    with pytest.raises(Invalid, match="waiting, sent, cancelled"):
        list_greetings(session, shop_id=sid, status="pending")
    with pytest.raises(NotFound, match="text only"):
        greeting_audio_path(first)
    with pytest.raises(NotFound):
        mark_sent(session, shop_id=sid + 1000, greeting_id=first.id, channel="web")


def test_consent_withdrawn_before_sending_blocks_the_send(session, shop):
    greeting = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                               source="composed", channel="chat")
    record_consent(session, customer=shop["liu"], purpose="marketing", granted=False, source="counter")
    session.commit()

    with pytest.raises(ConsentRequired, match="刘芳"):
        mark_sent(session, shop_id=shop["shop_id"], greeting_id=greeting.id, channel="web")
    assert greeting.status == "waiting"

    mark_sent(session, shop_id=shop["shop_id"], greeting_id=greeting.id, channel="web", insist=True)
    session.commit()
    assert greeting.status == "sent" and greeting.consent_overridden is True
    assert "consent_override" in [a for a, _ in audit_actions(session, "customer", shop["liu"].id)]
