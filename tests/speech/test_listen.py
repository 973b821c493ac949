"""The counter microphone's state machine, fed from WAV audio by a hand-written source (no hardware)."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import AssistantError
from assistant.speech.listen import BargeIn, CounterListener, DeviceError, ListenerConfig, State
from assistant.speech.recognizer import ModelCache, RecognizerService

from .conftest import GRAMMAR

RATE = 16000
BLOCK = RATE // 10 * 2  # 100 ms


class ScriptedSource:
    """An ``AudioSource`` of 100 ms PCM blocks; after ``fail_after`` reads it fails like a pulled plug."""

    sample_rate = RATE

    def __init__(self, pcm: bytes, *, fail_after: int | None = None) -> None:
        self.pcm = pcm
        self.position = 0
        self.fail_after = fail_after
        self.reads = 0
        self.cleared = 0
        self.closed = False

    def read(self) -> bytes:
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            raise OSError("[Errno -9999] Unanticipated host error")
        block = self.pcm[self.position : self.position + BLOCK]
        self.position += BLOCK
        return block

    def clear(self) -> None:
        self.cleared += 1

    def close(self) -> None:
        self.closed = True


class FakeSpeaker:
    """Plays nothing; a long reply lasts until barge-in (or ``seconds``)."""

    def __init__(self, seconds: float = 10.0) -> None:
        self.seconds = seconds
        self.spoken: list[str] = []
        self.stopped: list[bool] = []

    def __call__(self, text: str, stop: threading.Event) -> None:
        self.spoken.append(text)
        self.stopped.append(stop.wait(self.seconds))


def _silence(seconds: float) -> bytes:
    return bytes(int(seconds * RATE) * 2)


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory, speech_dir: Path) -> dict[str, bytes]:
    """16 kHz PCM of espeak-ng saying the wake phrase and the request."""
    folder = tmp_path_factory.mktemp("counter")
    out = {}
    for name, text in {"wake": "안녕하세요", "request": "사과 주세요"}.items():
        wav = folder / f"{name}.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-s", "130", "-w", str(wav), text], check=True)
        out[name] = subprocess.run(
            ["ffmpeg", "-v", "error", "-i", str(wav), "-ar", "16000", "-ac", "1", "-f", "s16le", "-"],
            check=True,
            capture_output=True,
        ).stdout
    return out


@pytest.fixture
def requests_service(ko_model_dir: Path, model_cache: ModelCache) -> RecognizerService:
    # the Korean model mishears espeak without a grammar; the shop's own grammar plays that part here
    return RecognizerService(cache=model_cache, model_path=ko_model_dir, grammar=GRAMMAR)


def _listener(service: RecognizerService, sources: list[object], **options: object) -> CounterListener:
    notes: list[str] = []
    queue = list(sources)

    def open_source() -> ScriptedSource:
        source = queue.pop(0)
        if isinstance(source, Exception):
            raise source
        return source

    listener = CounterListener(
        service=service,
        open_source=open_source,
        reply=lambda text, audio, rate: f"好的: {text}",
        speak=options.pop("speak", FakeSpeaker(0.0)),
        notify=notes.append,
        sleep=lambda seconds: notes.append(f"slept {seconds}"),
        config=options.pop("config", ListenerConfig(wake_phrases=["안녕하세요"])),
        **options,
    )
    listener.notes = notes  # type: ignore[attr-defined]
    return listener


def test_wake_phrase_then_request_then_reply(
    requests_service: RecognizerService, clips: dict[str, bytes]
) -> None:
    speaker = FakeSpeaker(0.0)
    pcm = _silence(0.5) + clips["wake"] + clips["request"] + _silence(1.5)
    listener = _listener(requests_service, [ScriptedSource(pcm)], speak=speaker)
    turns = listener.run()
    assert len(turns) == 1
    assert "사과 주세요" in turns[0].transcript  # plus, at times, the end of the wake phrase
    assert speaker.spoken == [f"好的: {turns[0].transcript}"]
    assert listener.states[:4] == [State.WAITING, State.LISTENING, State.SPEAKING, State.WAITING]
    assert "listening…" in listener.notes


def test_no_wake_phrase_no_request(requests_service: RecognizerService, clips: dict[str, bytes]) -> None:
    listener = _listener(requests_service, [ScriptedSource(_silence(1.0) + _silence(2.0))])
    assert listener.run() == []
    assert listener.states == [State.WAITING]


def test_barge_in_stops_the_reply_and_hears_the_owner(
    requests_service: RecognizerService, clips: dict[str, bytes]
) -> None:
    speaker = FakeSpeaker(10.0)  # a reply far longer than the audio: only barge-in can stop it
    pcm = (
        _silence(0.5)
        + clips["wake"]
        + clips["request"]
        + _silence(1.0)  # first request
        + _silence(0.5)
        + clips["request"]
        + _silence(1.5)
    )  # the owner talks over the reply
    listener = _listener(requests_service, [ScriptedSource(pcm)], speak=speaker)
    turns = listener.run()
    assert len(turns) == 2
    assert turns[0].interrupted and not turns[1].interrupted
    assert turns[1].transcript.endswith("주세요")
    assert speaker.stopped[0] is True  # playback was told to stop
    assert listener.states[:5] == [
        State.WAITING,
        State.LISTENING,
        State.SPEAKING,
        State.LISTENING,
        State.SPEAKING,
    ]


def test_push_to_talk(requests_service: RecognizerService, clips: dict[str, bytes]) -> None:
    keys: list[int] = []
    source = ScriptedSource(clips["request"] + _silence(1.5))
    listener = _listener(
        requests_service,
        [source],
        config=ListenerConfig(wake_phrases=None),
        wait_for_key=lambda: keys.append(1),
    )
    turns = listener.run(max_turns=1)
    assert [t.transcript for t in turns] == ["사과 주세요"]
    assert keys == [1] and source.cleared == 1  # audio from before the key press is thrown away
    assert "press Enter and speak" in listener.notes


def test_device_errors_are_reported_and_survived(
    requests_service: RecognizerService, clips: dict[str, bytes]
) -> None:
    pcm = _silence(0.3) + clips["wake"] + clips["request"] + _silence(1.5)
    flaky = ScriptedSource(_silence(1.0), fail_after=3)
    listener = _listener(
        requests_service,
        [
            DeviceError("Error querying device -1"),
            DeviceError("unplugged"),
            flaky,
            OSError("device unavailable"),
            ScriptedSource(pcm),
        ],
    )
    turns = listener.run()
    assert len(turns) == 1 and "사과 주세요" in turns[0].transcript
    assert flaky.closed
    notes = "\n".join(listener.notes)
    assert "no microphone: Error querying device -1; retrying in 1 s" in notes
    assert "microphone error: [Errno -9999] Unanticipated host error; reopening" in notes
    assert [n for n in listener.notes if n.startswith("slept")] == ["slept 1.0", "slept 2.0", "slept 1.0"]


def test_a_failing_dialogue_is_reported_not_fatal(
    requests_service: RecognizerService, clips: dict[str, bytes]
) -> None:
    def broken(text: str, audio: bytes, rate: int) -> str:
        raise AssistantError("no trained model: run `assistant train`")

    pcm = _silence(0.3) + clips["wake"] + clips["request"] + _silence(1.5)
    listener = _listener(requests_service, [ScriptedSource(pcm)])
    listener.reply = broken
    listener.run()
    assert "(could not answer: no trained model: run `assistant train`)" in listener.notes


def _tone(db: float, seconds: float) -> bytes:
    amplitude = 32768 * 10 ** (db / 20) * np.sqrt(2)
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * 300 * t)).astype("<i2").tobytes()


def test_barge_in_needs_sustained_sound_above_the_room_noise() -> None:
    vad = BargeIn(threshold_db=-35, margin_db=12, seconds=0.2)
    for _ in range(100):
        vad.learn_noise(_tone(-30, 0.1))  # a noisy shop: fans, the street
    assert vad.noise_floor_db == pytest.approx(-30, abs=0.5)
    assert not any(vad.hears_owner(_tone(-25, 0.1), RATE) for _ in range(5))  # under floor + margin
    vad.reset()
    assert [vad.hears_owner(_tone(-10, 0.1), RATE) for _ in range(2)] == [False, True]
    vad.reset()
    assert not vad.hears_owner(_tone(-10, 0.1), RATE) and not vad.hears_owner(_tone(-60, 0.1), RATE)
