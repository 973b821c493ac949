"""``/ws/vosk`` with the real Korean Vosk model: what a vosk-server client sends and gets back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from assistant.speech.recognizer import ModelCache, RecognizerService
from assistant.web.sockets import SocketLimits


def test_vosk_client_gets_partials_then_the_final_text(app: FastAPI, sentence, frames) -> None:
    messages = []
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        ws.send_text(json.dumps({"config": {"sample_rate": 16000}}))
        for frame in frames(sentence.pcm_16k):
            ws.send_bytes(frame)
            messages.append(json.loads(ws.receive_text()))
        ws.send_text('{"eof" : 1}')
        messages.append(json.loads(ws.receive_text()))
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_text()
    assert closed.value.code == 1000
    assert all(set(m) in ({"partial"}, {"text", "result"}, {"text"}) for m in messages)
    partials = [m["partial"] for m in messages if m.get("partial")]
    finals = [m for m in messages if "text" in m and m["text"]]
    assert partials and messages.index(next(m for m in messages if m.get("partial"))) < messages.index(
        finals[0]
    )
    assert " ".join(m["text"] for m in finals) == sentence.text
    assert [w["word"] for m in finals for w in m["result"]] == sentence.words
    assert all(set(w) == {"conf", "start", "end", "word"} for m in finals for w in m["result"])


def test_vosk_client_at_48k_with_its_own_phrase_list(app: FastAPI, sentence, frames) -> None:
    app.state.recognizer.grammar = None  # the client's phrase_list is the only grammar
    texts = []
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        ws.send_text(json.dumps({"config": {"sample_rate": 48000, "phrase_list": sentence.words}}))
        for frame in frames(sentence.pcm_48k, 9601):  # odd sizes: samples split across frames
            ws.send_bytes(frame)
            texts.append(json.loads(ws.receive_text()).get("text"))
        ws.send_text('{"eof": 1}')
        texts.append(json.loads(ws.receive_text())["text"])
    assert " ".join(t for t in texts if t) == sentence.text


@pytest.mark.parametrize(
    ("message", "code", "error"),
    [
        ("hello", 1003, "must be JSON"),
        ("[1, 2]", 1003, "JSON object"),
        ('{"config": {"sample_rate": 123}}', 1003, "outside 8000"),
        ('{"config": {"sample_rate": "fast"}}', 1003, "not a whole number"),
        ('{"config": {"phrase_list": "사과"}}', 1003, "list of strings"),
        ('{"reset": 1}', 1003, "unknown message"),
    ],
)
def test_vosk_bad_control_messages_close_with_a_reason(
    app: FastAPI, still_serves, message: str, code: int, error: str
) -> None:
    with TestClient(app) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_text(message)
            assert error in json.loads(ws.receive_text())["error"]
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_text()
            assert closed.value.code == code
        still_serves(client)


def test_vosk_oversized_frame(service: RecognizerService, make_app, still_serves) -> None:
    app = make_app(service, SocketLimits(max_frame_bytes=4000))
    with TestClient(app) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_bytes(bytes(4001))
            assert "send smaller frames" in json.loads(ws.receive_text())["error"]
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_text()
            assert closed.value.code == 1009
        still_serves(client)


def test_without_a_model_the_client_is_told_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_app
) -> None:
    from assistant.config import get_settings

    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    lazy = RecognizerService.from_settings(get_settings(), cache=ModelCache())
    with TestClient(make_app(lazy)) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_bytes(bytes(3200))
            assert "assistant models pull zh" in json.loads(ws.receive_text())["error"]
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start", "sample_rate": 16000}')
            event = json.loads(ws.receive_text())
            assert event["code"] == "model_unavailable" and "assistant models pull zh" in event["message"]
    with TestClient(make_app(None)) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_text('{"type": "start"}')
        assert "assistant models pull zh" in json.loads(ws.receive_text())["message"]
