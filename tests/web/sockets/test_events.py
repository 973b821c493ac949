"""The sockets' messages: each reads back what it writes, and unreadable client frames say what to send."""

from __future__ import annotations

import json

import pytest

from assistant.speech.recognizer import Final, Word
from assistant.web.sockets import events

WORDS = (Word("사과", 0.5, 0.9, 1.0), Word("주세요", 0.9, 1.4, 0.83))

EVERY_MESSAGE = [
    events.VoskConfig(sample_rate=48000, phrase_list=["사과", "주세요"]),
    events.VoskConfig(),
    events.VoskEof(),
    events.VoskPartial("사과"),
    events.VoskResult("사과 주세요", WORDS),
    events.VoskResult(""),
    events.VoskError("send smaller frames"),
    events.Start(sample_rate=44100, language="zh", format="webm", sender="counter-1"),
    events.Stop(),
    events.Ready(format="pcm", sample_rate=48000),
    events.Ready(format="webm"),
    events.Partial("王阿姨 买了"),
    events.Transcript("王阿姨 买了 两袋米", raw_text="王 阿姨 买 了 两 袋 米", words=WORDS, cut_off=True),
    events.Reply("好的", details={"intent": {"name": "log_sale"}, "buttons": []}),
    events.AudioStart(),
    events.AudioEnd(),
    events.Error("no_speech", "no words were heard"),
]


@pytest.mark.parametrize("message", EVERY_MESSAGE, ids=lambda m: type(m).__name__)
def test_every_message_survives_the_wire(message) -> None:
    sent = json.loads(json.dumps(message.to_event()))
    assert type(message).is_type(sent)
    assert type(message).from_event(sent) == message


def test_vosk_messages_look_as_vosk_server_writes_them() -> None:
    final = Final(text="사과 주세요", words=WORDS, raw_text="사과 주세요")
    assert events.VoskResult.of(final).to_event() == {
        "text": "사과 주세요",
        "result": [
            {"conf": 1.0, "end": 0.9, "start": 0.5, "word": "사과"},
            {"conf": 0.83, "end": 1.4, "start": 0.9, "word": "주세요"},
        ],
    }
    assert events.VoskResult.of(Final(text="")).to_event() == {"text": ""}  # no words, no result
    assert events.VoskPartial("사과").to_event() == {"partial": "사과"}


def test_voice_events_carry_their_type() -> None:
    assert events.Ready(format="pcm", sample_rate=16000).to_event() == {
        "type": "ready", "format": "pcm", "sample_rate": 16000,
    }
    assert events.Ready(format="ogg").to_event() == {"type": "ready", "format": "ogg"}
    reply = events.Reply("好的", details={"text": "ignored", "intent": {"name": "greet"}}).to_event()
    assert reply == {"text": "好的", "intent": {"name": "greet"}, "type": "reply"}
    transcript = events.Transcript.of(Final(text="사과", words=WORDS[:1], raw_text="사과 [unk]"))
    assert transcript.to_event() == {
        "type": "transcript", "text": "사과", "raw_text": "사과 [unk]",
        "words": [{"conf": 1.0, "end": 0.9, "start": 0.5, "word": "사과"}], "cut_off": False,
    }


def test_a_start_event_as_browsers_send_it() -> None:
    start = events.read_voice_event('{"type": "start", "sample_rate": 48000, "format": "PCM", "sender": ""}')
    assert start == events.Start(sample_rate=48000, format="pcm", sender=None)
    assert events.read_voice_event('{"type": "start"}') == events.Start(sample_rate=16000)
    assert events.read_voice_event('{"type": "stop"}') == events.Stop()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("사과 주세요", "text frames must be JSON events"),
        ("[1, 2]", "unknown event None"),
        ('{"type": "dance"}', "unknown event 'dance'"),
    ],
)
def test_unreadable_voice_frames_say_what_to_send(text: str, says: str) -> None:
    with pytest.raises(events.BadEvent, match=says):
        events.read_voice_event(text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("hello", "must be JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"config": 16000}', "config must be an object"),
        ('{"config": {"sample_rate": 123}}', "outside 8000"),
        ('{"config": {"sample_rate": true}}', "not a whole number"),
        ('{"config": {"phrase_list": ["사과", 1]}}', "list of strings"),
        ('{"reset": 1}', "unknown message"),
    ],
)
def test_unreadable_vosk_frames_say_what_to_send(text: str, says: str) -> None:
    with pytest.raises(events.BadEvent, match=says):
        events.read_vosk_message(text)


def test_vosk_config_and_eof_are_read() -> None:
    assert events.read_vosk_message('{"config": {"sample_rate": 44100.0}}') == events.VoskConfig(44100)
    assert events.read_vosk_message('{"eof" : 1}') == events.VoskEof()
