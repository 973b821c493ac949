"""``/ws/voice`` with the real Korean Vosk model: a spoken turn in; transcript, reply and its audio out."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from assistant.speech.recognizer import RecognizerService
from assistant.web.sockets import SocketLimits


def _events_until(ws: Any, kind: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while True:
        message = ws.receive()
        if message.get("bytes") is not None:
            events.append({"type": "binary", "size": len(message["bytes"])})
            continue
        events.append(json.loads(message["text"]))
        if events[-1]["type"] in (kind, "error"):
            return events


def test_voice_socket_carries_a_spoken_turn_to_a_reply(app: FastAPI, sentence, frames) -> None:
    with TestClient(app) as client, client.websocket_connect("/ws/voice?sender=counter-1") as ws:
        ws.send_text(json.dumps({"type": "start", "sample_rate": 48000, "language": "ko"}))
        assert json.loads(ws.receive_text()) == {"type": "ready", "format": "pcm", "sample_rate": 48000}
        for frame in frames(sentence.pcm_48k, 19200):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "audio_end")
    kinds = [e["type"] for e in events]
    assert "partial" in kinds and kinds.index("partial") < kinds.index("transcript")
    assert [e["text"] for e in events if e["type"] == "transcript"] == [sentence.text]
    partials = [e["text"] for e in events if e["type"] == "partial"]
    assert partials[-1] == sentence.text
    assert all(
        a != b for a, b in zip(partials, partials[1:], strict=False)
    )  # sent only when the text changed
    reply = events[kinds.index("reply")]
    assert reply["text"] == "네, 주세요" and reply["intent"] == {"name": "log_sale"}
    assert kinds[kinds.index("reply") + 1 :] == ["audio", "binary", "binary", "audio_end"]
    assert events[kinds.index("audio")]["format"] == "mp3"
    assert app.state.voice_reply.asked == [(sentence.text, "counter-1")]
    heard = app.state.voice_reply.audio[0]  # the turn's own audio travels with it (recorded greetings)
    assert heard.sample_rate is not None and len(heard.data) > heard.sample_rate  # over half a second
    assert app.state.synthesizer.spoken[0][0] == "네, 주세요"


def test_voice_socket_takes_a_webm_recording(app: FastAPI, sentence, frames) -> None:
    app.state.synthesizer = None
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_text(json.dumps({"type": "start", "format": "webm"}))
        assert json.loads(ws.receive_text())["type"] == "ready"
        for frame in frames(sentence.webm, 4096):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "reply")
    assert [e["type"] for e in events] == ["transcript", "reply"]
    assert events[0]["text"] == sentence.text


def test_voice_socket_explains_bad_input_and_keeps_going(app: FastAPI, sentence, frames) -> None:
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_bytes(bytes(3200))
        assert json.loads(ws.receive_text())["code"] == "not_started"
        ws.send_text("사과 주세요")  # text where audio belongs
        assert json.loads(ws.receive_text())["code"] == "bad_message"
        ws.send_text('{"type": "dance"}')
        assert json.loads(ws.receive_text())["code"] == "bad_message"
        ws.send_text('{"type": "start", "sample_rate": 1234567}')
        assert json.loads(ws.receive_text())["code"] == "bad_sample_rate"
        ws.send_text('{"type": "start", "language": "fr"}')
        assert json.loads(ws.receive_text())["code"] == "language_unavailable"
        ws.send_text('{"type": "start", "format": "flac2"}')
        assert json.loads(ws.receive_text())["code"] == "bad_format"
        ws.send_text('{"type": "start", "format": "webm"}')
        json.loads(ws.receive_text())
        ws.send_bytes(sentence.webm[:200])  # a truncated recording
        ws.send_text('{"type": "stop"}')
        error = json.loads(ws.receive_text())
        assert error["code"] == "bad_audio" and "send" in error["message"]
        ws.send_text('{"type": "start", "sample_rate": 16000}')
        json.loads(ws.receive_text())
        for frame in frames(bytes(16000 * 2 * 2)):  # two seconds of silence
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "error")
        assert events[-1]["code"] == "no_speech"
        ws.send_text('{"type": "start", "sample_rate": 16000}')  # and a real turn still works
        json.loads(ws.receive_text())
        for frame in frames(sentence.pcm_16k):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        assert _events_until(ws, "audio_end")[-1]["type"] == "audio_end"


def test_ten_minutes_of_noise_is_cut_off_at_the_utterance_limit(service: RecognizerService, make_app, still_serves) -> None:
    app = make_app(service, SocketLimits(max_utterance_seconds=3.0))
    rng = np.random.default_rng(5)
    second = rng.normal(0, 3000, 16000).astype("<i2").tobytes()
    with TestClient(app) as client:
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start", "sample_rate": 16000}')
            json.loads(ws.receive_text())
            for _ in range(600):  # ten minutes, a second per frame, sent without waiting
                ws.send_bytes(second)
            events = []
            with pytest.raises(WebSocketDisconnect) as closed:
                while True:
                    events.append(json.loads(ws.receive_text()))
        assert closed.value.code == 1009
        assert events[-1]["code"] == "utterance_too_long" and "3 s" in events[-1]["message"]
        assert "reply" not in [e["type"] for e in events]
        assert app.state.voice_reply.asked == []
        still_serves(client)
