"""What every speech connection shares: a cap on open connections, freed slots, an idle limit."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from assistant.speech.recognizer import RecognizerService
from assistant.web.sockets import SocketLimits


def test_connection_limit(service: RecognizerService, make_app) -> None:
    app = make_app(service, SocketLimits(max_connections=1))
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as first:
        with client.websocket_connect("/ws/voice") as second:
            assert json.loads(second.receive_text())["code"] == "busy"
            with pytest.raises(WebSocketDisconnect) as closed:
                second.receive_text()
            assert closed.value.code == 1013
        first.send_text('{"type": "start"}')
        assert json.loads(first.receive_text())["type"] == "ready"


def test_a_client_that_vanishes_mid_stream_frees_its_slot(
    service: RecognizerService, sentence, make_app
) -> None:
    app = make_app(service, SocketLimits(max_connections=1))
    with TestClient(app) as client:
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start"}')
            ws.receive_text()
            ws.send_bytes(sentence.pcm_16k[:8000])
        # the client left without stop; the next one gets the slot
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start"}')
            assert json.loads(ws.receive_text())["type"] == "ready"
        assert app.state.speech_gate.active == 0


def test_an_idle_client_is_closed(service: RecognizerService, make_app) -> None:
    app = make_app(service, SocketLimits(idle_seconds=0.3))
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_text()
        assert closed.value.code == 1008
