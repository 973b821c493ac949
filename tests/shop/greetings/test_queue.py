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
    AlreadyGreeted,
    cancel,
    create_greeting,
    list_greetings,
    make_composed_greeting,
    mark_sent,
    resend,
    save_recorded_greeting,
    take_back_resend,
    this_years_greeting,
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
    # The opt-out line is added when the text lacks it: the WeChat one, as she sends them by WeChat.
    assert greeting.text.endswith("不想收到这类消息跟我说一声就行。")
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


def test_one_greeting_per_customer_occasion_and_year(session, shop, voice, data_dir):
    liu = shop["liu"]

    def make(occasion: str, now: dt.datetime) -> Greeting:
        return create_greeting(session, customer=liu, occasion=occasion, text="刘女士,祝您快乐", source="composed",
                               channel="chat", data_dir=data_dir, now=now)

    first = make("生日", NOW)
    session.commit()
    assert this_years_greeting(session, customer=liu, occasion="birthday", today=NOW.date()) is first
    with pytest.raises(AlreadyGreeted) as again:
        make("生日", NOW + dt.timedelta(days=2))
    assert again.value.greeting is first and "3月15日做的" in again.value.zh
    with pytest.raises(AlreadyGreeted):  # refused before the voice is asked to speak it
        asyncio.run(make_composed_greeting(session, customer=liu, occasion="生日", text="刘女士生日快乐",
                                           synthesizer=voice, channel="chat", data_dir=data_dir, now=NOW))
    assert voice.said == []
    # Other occasions, next year, and a new arrival (not a yearly occasion) are not repeats.
    make("中秋", NOW)
    make("新品到货", NOW)
    make("新品到货", NOW)
    next_year = make("生日", dt.datetime(2027, 3, 1, 9))
    # A cancelled greeting does not count: a new one may be made.
    cancel(session, shop_id=shop["shop_id"], greeting_id=next_year.id, channel="chat")
    assert this_years_greeting(session, customer=liu, occasion="生日", today=dt.date(2027, 3, 2)) is None
    make("生日", dt.datetime(2027, 3, 2, 9))
    session.commit()
    assert session.execute(select(func.count(Greeting.id))).scalar() == 6


def test_a_sent_greeting_is_sent_again_and_that_can_be_taken_back(session, shop, audit_actions, data_dir):
    sid = shop["shop_id"]
    greeting = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                               source="composed", channel="chat", data_dir=data_dir, now=NOW)
    sent_at = NOW + dt.timedelta(hours=1)
    with pytest.raises(Invalid, match="not sent"):
        resend(session, shop_id=sid, greeting_id=greeting.id, channel="chat")
    mark_sent(session, shop_id=sid, greeting_id=greeting.id, channel="web", now=sent_at)
    resend(session, shop_id=sid, greeting_id=greeting.id, channel="chat")
    session.commit()
    assert (greeting.status, greeting.sent_at) == ("waiting", None)
    assert [g.id for g in list_greetings(session, shop_id=sid, status="waiting")] == [greeting.id]
    assert ("greeting_resend", {"customer_id": shop["liu"].id, "sent_at": sent_at.isoformat()}) in \
        audit_actions("greeting", greeting.id)
    take_back_resend(session, shop_id=sid, greeting_id=greeting.id, sent_at=sent_at, channel="chat")
    session.commit()
    assert (greeting.status, greeting.sent_at) == ("sent", sent_at)


def test_sending_again_asks_for_consent_again(session, shop, data_dir):
    sid = shop["shop_id"]
    greeting = create_greeting(session, customer=shop["liu"], occasion="生日", text="刘女士生日快乐",
                               source="composed", channel="chat", data_dir=data_dir, now=NOW)
    mark_sent(session, shop_id=sid, greeting_id=greeting.id, channel="web", now=NOW)
    record_consent(session, customer=shop["liu"], purpose="marketing", granted=False, source="link")
    with pytest.raises(ConsentRequired):
        resend(session, shop_id=sid, greeting_id=greeting.id, channel="chat")
    assert greeting.status == "sent"
