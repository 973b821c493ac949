"""The greeting queue on both databases: stored text and audio, consent on every path, sent and cancelled."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import av
import pytest
from sqlalchemy import func, select

from assistant.config import get_settings
from assistant.db.models import Greeting
from assistant.errors import ConsentRequired, Invalid, NotFound
from assistant.shop.consent import record_consent
from assistant.shop.greetings.audio import greeting_audio_path
from assistant.shop.greetings.compose import compose_greeting
from assistant.shop.greetings.queue import (
    cancel,
    create_greeting,
    list_greetings,
    make_composed_greeting,
    mark_sent,
    save_recorded_greeting,
)

NOW = dt.datetime(2026, 3, 15, 9, 30)


def audio_files(*folders: Path) -> list[Path]:
    """Every file under the folders' ``greetings`` subfolders."""
    return sorted(path for folder in folders for path in (folder / "greetings").rglob("*.*"))


def test_no_consent_no_greeting_on_every_path(session, shop, owner_recording, spoken_mp3, voice, data_dir):
    uncle = shop["li"]
    attempts = {
        "composed": lambda: create_greeting(session, customer=uncle, occasion="生日", text="李叔生日快乐",
                                            source="composed", channel="chat", audio=spoken_mp3,
                                            data_dir=data_dir, now=NOW),
        "recorded": lambda: save_recorded_greeting(session, customer=uncle, occasion="生日",
                                                   audio=owner_recording, transcript="李叔生日快乐",
                                                   data_dir=data_dir, now=NOW),
        "synthesized": lambda: asyncio.run(make_composed_greeting(
            session, customer=uncle, occasion="生日", text="李叔生日快乐", synthesizer=voice,
            channel="chat", data_dir=data_dir, now=NOW)),
    }
    for path, attempt in attempts.items():
        with pytest.raises(ConsentRequired) as error:
            attempt()
        assert "李建国" in str(error.value) and "insist" in str(error.value), path
    assert voice.said == []  # nothing was synthesized for him
    assert session.execute(select(func.count(Greeting.id))).scalar() == 0
    assert audio_files(data_dir, get_settings().data_dir) == []


def test_owner_insisting_is_stored_and_logged(session, shop, audit_actions, data_dir):
    greeting = create_greeting(session, customer=shop["li"], occasion="生日", text="李叔生日快乐",
                               source="composed", channel="chat", insist=True, data_dir=data_dir, now=NOW)
    session.commit()
    assert greeting.consent_overridden is True
    assert greeting.created_at == NOW
    assert greeting.text.endswith("回复T退订")  # the opt-out line is added when the text lacks it
    overrides = [d for a, d in audit_actions("customer", shop["li"].id) if a == "consent_override"]
    assert overrides == [{"purpose": "marketing", "reason": "owner insisted", "greeting_id": greeting.id,
                          "occasion": "birthday"}]


def test_recorded_greeting_is_trimmed_encoded_and_linked(session, shop, owner_recording, audit_actions, data_dir):
    greeting = save_recorded_greeting(session, customer=shop["liu"], occasion="生日", audio=owner_recording,
                                      transcript="刘女士生日快乐", channel="phone", data_dir=data_dir, now=NOW)
    session.commit()

    stored = list_greetings(session, shop_id=shop["shop_id"], status="waiting")
    assert [(g.id, g.customer.name, g.source, g.occasion, g.text) for g in stored] == [
        (greeting.id, "刘芳", "recorded", "birthday", "刘女士生日快乐")]
    path = greeting_audio_path(greeting, data_dir=data_dir)
    assert path.parent.parent == data_dir.resolve() / "greetings" and path.suffix == ".m4a"
    assert audio_files(get_settings().data_dir) == []  # the caller's folder, not the settings'
    with av.open(str(path)) as container, av.open(str(owner_recording)) as original:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac"
        seconds = sum(f.samples for f in container.decode(stream)) / stream.codec_context.sample_rate
        original_seconds = float(original.duration / av.time_base)
    assert seconds < original_seconds - 3.0  # 3.5 s of silence were cut (a short pad is kept)
    assert ("add_greeting", {"customer_id": shop["liu"].id, "occasion": "birthday", "source": "recorded",
                             "consent_overridden": False}) in audit_actions("greeting", greeting.id)


def test_corrupt_recording_stores_nothing(session, shop, data_dir):
    with pytest.raises(Invalid):
        save_recorded_greeting(session, customer=shop["liu"], occasion="生日", audio=b"not audio at all" * 50,
                               data_dir=data_dir, now=NOW)
    assert session.execute(select(func.count(Greeting.id))).scalar() == 0
    assert audio_files(data_dir) == []


def test_composed_greeting_is_spoken_and_stored(session, shop, spoken_mp3, voice, data_dir):
    text = compose_greeting(session, customer=shop["liu"], occasion="春节", language="zh", seed=3)
    greeting = asyncio.run(make_composed_greeting(session, customer=shop["liu"], occasion="春节", text=text,
                                                  synthesizer=voice, channel="chat", data_dir=data_dir, now=NOW))
    session.commit()
    assert voice.said == [text]
    assert (greeting.source, greeting.occasion, greeting.text) == ("composed", "spring_festival", text)
    path = greeting_audio_path(greeting, data_dir=data_dir)
    assert path.suffix == ".mp3" and path.read_bytes() == spoken_mp3
    with pytest.raises(NotFound, match="missing"):
        greeting_audio_path(greeting, data_dir=get_settings().data_dir)  # not where this shop keeps it


def test_queue_sent_and_cancelled(session, shop, data_dir):
    first = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                            source="composed", channel="chat", data_dir=data_dir, now=NOW)
    second = create_greeting(session, customer=shop["liu"], occasion="中秋", text="刘女士中秋快乐",
                             source="composed", channel="chat", data_dir=data_dir, now=NOW)
    session.commit()
    sid = shop["shop_id"]

    sent_at = NOW + dt.timedelta(hours=2)
    mark_sent(session, shop_id=sid, greeting_id=first.id, channel="web", now=sent_at)
    cancel(session, shop_id=sid, greeting_id=second.id, channel="chat")
    session.commit()

    assert [g.id for g in list_greetings(session, shop_id=sid)] == [first.id, second.id]
    assert list_greetings(session, shop_id=sid, status="waiting") == []
    assert [g.id for g in list_greetings(session, shop_id=sid, status="sent")] == [first.id]
    assert first.sent_at == sent_at
    assert [g.status for g in list_greetings(session, shop_id=sid, status="cancelled")] == ["cancelled"]
    with pytest.raises(Invalid, match="already sent"):
        cancel(session, shop_id=sid, greeting_id=first.id, channel="chat")
    with pytest.raises(Invalid, match="waiting, sent, cancelled"):
        list_greetings(session, shop_id=sid, status="pending")
    with pytest.raises(NotFound, match="text only"):
        greeting_audio_path(first, data_dir=data_dir)
    with pytest.raises(NotFound):
        mark_sent(session, shop_id=sid + 1000, greeting_id=first.id, channel="web", now=sent_at)


def test_consent_withdrawn_before_sending_blocks_the_send(session, shop, audit_actions, data_dir):
    greeting = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                               source="composed", channel="chat", data_dir=data_dir, now=NOW)
    record_consent(session, customer=shop["liu"], purpose="marketing", granted=False, source="counter")
    session.commit()

    with pytest.raises(ConsentRequired, match="刘芳"):
        mark_sent(session, shop_id=shop["shop_id"], greeting_id=greeting.id, channel="web", now=NOW)
    assert greeting.status == "waiting"

    mark_sent(session, shop_id=shop["shop_id"], greeting_id=greeting.id, channel="web", insist=True, now=NOW)
    session.commit()
    assert greeting.status == "sent" and greeting.consent_overridden is True
    assert "consent_override" in [a for a, _ in audit_actions("customer", shop["liu"].id)]
