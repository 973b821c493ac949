"""The counter microphone: wake phrase (or push-to-talk), the request, the spoken reply, barge-in.

``CounterListener`` is a small state machine driven by blocks of audio from an ``AudioSource``:

- ``waiting``: a tiny Vosk grammar (the wake phrases plus ``[unk]``) listens for "掌柜的" / "hey shop";
  in push-to-talk mode it waits for the Enter key instead;
- ``listening``: the full recognizer hears the request until Vosk's end-of-speech silence;
- ``speaking``: the ``reply`` callable's answer is played by the ``speak`` callable in a thread while
  the microphone keeps listening; when the owner starts talking (energy above the noise floor for a
  moment) playback stops and the listener goes straight back to ``listening`` (barge-in).

A device error (microphone unplugged, PortAudio failure) is reported through ``notify`` and the source is
reopened until it works again; the listener never exits because of the hardware.
"""

from __future__ import annotations

import contextlib
import enum
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.errors import AssistantError
from assistant.speech.audio import rms_dbfs
from assistant.speech.recognizer import Final, RecognizerService, Stream

Reply = Callable[[str, bytes, int], str]
"""The dialogue: the owner's transcript, and the request's own audio (16-bit mono PCM and its rate, kept
when the request is a greeting being recorded), in; the assistant's reply text out."""

Speak = Callable[[str, threading.Event], None]
"""Plays a reply; returns when done or soon after the event is set (barge-in)."""


class DeviceError(AssistantError):
    """The audio device failed or is missing; the listener reopens it."""


class AudioSource(Protocol):
    """Blocks of 16-bit mono PCM from a microphone (or, in tests, a file)."""

    sample_rate: int

    def read(self) -> bytes:
        """The next block (about 100 ms); ``b""`` when a finite source has ended."""

    def clear(self) -> None:
        """Forget audio captured while nobody was reading (after waiting for a key)."""

    def close(self) -> None:
        """Release the device."""


class State(enum.Enum):
    """Where the counter conversation is."""

    WAITING = "waiting"
    LISTENING = "listening"
    SPEAKING = "speaking"


@dataclass
class ListenerConfig:
    """How the counter listener behaves (wake phrases None means push-to-talk)."""

    wake_phrases: Sequence[str] | None = ("掌柜 的",)
    barge_in_db: float = -35.0  # dBFS a block must exceed to count as the owner talking over the reply
    barge_in_margin_db: float = 12.0  # ...and this far above the room's noise floor
    barge_in_seconds: float = 0.2
    request_timeout_seconds: float = 8.0  # nothing said after the wake phrase: go back to waiting
    reopen_seconds: float = 1.0
    max_reopen_seconds: float = 10.0


class BargeIn:
    """Energy voice-activity detection on the input while the reply plays."""

    def __init__(self, *, threshold_db: float, margin_db: float, seconds: float) -> None:
        self.threshold_db = threshold_db
        self.margin_db = margin_db
        self.seconds = seconds
        self.noise_floor_db = -70.0
        self._loud_seconds = 0.0

    def learn_noise(self, block: bytes) -> None:
        """Track the room's noise floor while nobody is talking to the assistant (slow moving average)."""
        level = rms_dbfs(block)
        if level != float("-inf"):
            self.noise_floor_db = 0.95 * self.noise_floor_db + 0.05 * level

    def reset(self) -> None:
        """Start a new reply."""
        self._loud_seconds = 0.0

    def hears_owner(self, block: bytes, sample_rate: int) -> bool:
        """True once the input has been loud for ``seconds`` in a row."""
        threshold = max(self.threshold_db, self.noise_floor_db + self.margin_db)
        if rms_dbfs(block) >= threshold:
            self._loud_seconds += len(block) / (2 * sample_rate)
        else:
            self._loud_seconds = 0.0
        return self._loud_seconds >= self.seconds


@dataclass
class TurnRecord:
    """What happened in one exchange (kept for the caller and the tests)."""

    transcript: str
    reply: str = ""
    interrupted: bool = False


@dataclass
class CounterListener:
    """The hands-free loop at the counter."""

    service: RecognizerService
    open_source: Callable[[], AudioSource]
    reply: Reply
    speak: Speak
    config: ListenerConfig = field(default_factory=ListenerConfig)
    notify: Callable[[str], None] = print
    wait_for_key: Callable[[], None] | None = None
    sleep: Callable[[float], None] = time.sleep
    turns: list[TurnRecord] = field(default_factory=list)
    states: list[State] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.barge_in = BargeIn(
            threshold_db=self.config.barge_in_db,
            margin_db=self.config.barge_in_margin_db,
            seconds=self.config.barge_in_seconds,
        )
        self._source: AudioSource | None = None
        self._stream: Stream | None = None
        self._listened = 0.0
        self._heard = bytearray()  # the request's audio, for a greeting being recorded
        self._speaker: threading.Thread | None = None
        self._stop_speaking = threading.Event()
        self._state = State.WAITING
        self._stopped = False

    @property
    def push_to_talk(self) -> bool:
        """Whether the Enter key (not a wake phrase) starts a request."""
        return not self.config.wake_phrases

    def stop(self) -> None:
        """Ask the loop to end after the current block (from another thread)."""
        self._stopped = True

    def run(self, *, max_turns: int | None = None) -> list[TurnRecord]:
        """Listen until stopped, a finite source ends, or ``max_turns`` replies have been spoken."""
        try:
            while not self._stopped:
                if max_turns is not None and len(self.turns) >= max_turns and self._state is State.WAITING:
                    break
                if self._source is None:
                    self._open()
                    if self._source is None:  # stopped while waiting for a device
                        break
                if self._state is State.WAITING and self.push_to_talk:
                    self._wait_for_key()
                block = self._read()
                if block is None:
                    continue
                if not block:
                    break
                self._step(block)
        finally:
            self._finish_speaking(interrupt=True)
            if self._source is not None:
                with contextlib.suppress(Exception):
                    self._source.close()
        return self.turns

    # -- states -----------------------------------------------------------------------------------

    def _enter(self, state: State) -> None:
        self._state = state
        self.states.append(state)
        sample_rate = self._source.sample_rate if self._source else 16000
        if state is State.WAITING and not self.push_to_talk:
            self._stream = self.service.open_stream(
                sample_rate=sample_rate, grammar=list(self.config.wake_phrases)
            )
        elif state is State.LISTENING:
            self._stream = self.service.open_stream(sample_rate=sample_rate)
            self._listened = 0.0
            self._heard = bytearray()
        elif state is State.SPEAKING or state is State.WAITING:
            self._stream = None

    def _step(self, block: bytes) -> None:
        rate = self._source.sample_rate if self._source else 16000
        if self._state is State.WAITING:
            self.barge_in.learn_noise(block)
            if self._stream is not None and self._heard_wake(self._stream.accept(block).text):
                self.notify("listening…")
                self._enter(State.LISTENING)
        elif self._state is State.LISTENING:
            self._listen(block, rate)
        elif self._state is State.SPEAKING:
            if self._speaker is None or not self._speaker.is_alive():
                self._speaker = None
                self._enter(State.WAITING)
            elif self.barge_in.hears_owner(block, rate):
                self._finish_speaking(interrupt=True)
                self.turns[-1].interrupted = True
                self.notify("(interrupted: listening)")
                self._enter(State.LISTENING)
                self._listen(block, rate)

    def _heard_wake(self, text: str) -> bool:
        heard = text.replace(" ", "")
        return any(p.replace(" ", "") in heard for p in self.config.wake_phrases or () if p.strip())

    def _listen(self, block: bytes, rate: int) -> None:
        assert self._stream is not None
        self._listened += len(block) / (2 * rate)
        self._heard += block
        event = self._stream.accept(block)
        if isinstance(event, Final) and event.text:
            self._answer(event.text, bytes(self._heard), rate)
        elif self._listened >= self.config.request_timeout_seconds and not event.text:
            self.notify("(heard nothing: waiting)")
            self._enter(State.WAITING)

    def _answer(self, transcript: str, audio: bytes, rate: int) -> None:
        self.notify(f"> {transcript}")
        record = TurnRecord(transcript=transcript)
        self.turns.append(record)
        try:
            record.reply = self.reply(transcript, audio, rate)
        except AssistantError as error:
            self.notify(f"(could not answer: {error})")
            self._enter(State.WAITING)
            return
        self.notify(f"< {record.reply}")
        self._stop_speaking = threading.Event()
        self.barge_in.reset()
        self._speaker = threading.Thread(
            target=self._speak_safely,
            args=(record.reply, self._stop_speaking),
            name="counter-speaker",
            daemon=True,
        )
        self._speaker.start()
        self._enter(State.SPEAKING)

    def _speak_safely(self, text: str, stop: threading.Event) -> None:
        try:
            self.speak(text, stop)
        except Exception as error:  # noqa: BLE001 (a failed voice must not end the counter loop)
            self.notify(f"(could not speak the reply: {error})")

    def _finish_speaking(self, *, interrupt: bool) -> None:
        if self._speaker is not None:
            if interrupt:
                self._stop_speaking.set()
            self._speaker.join(timeout=5)
            self._speaker = None

    # -- the device ---------------------------------------------------------------------------------

    def _wait_for_key(self) -> None:
        self.notify("press Enter and speak")
        if self.wait_for_key is not None:
            self.wait_for_key()
        if self._source is not None:
            self._source.clear()
        self._enter(State.LISTENING)

    def _read(self) -> bytes | None:
        """The next block; None after a device error (the source is then reopened), b"" at the end."""
        try:
            return self._source.read()
        except (DeviceError, OSError) as error:
            self.notify(f"(microphone error: {error}; reopening)")
            with contextlib.suppress(Exception):
                self._source.close()
            self._source = None
            return None

    def _open(self) -> None:
        delay = self.config.reopen_seconds
        while not self._stopped:
            try:
                self._source = self.open_source()
            except (DeviceError, OSError) as error:
                self.notify(
                    f"(no microphone: {error}; retrying in {delay:.0f} s: plug one in or pick "
                    "another with --device)"
                )
                self.sleep(delay)
                delay = min(delay * 2, self.config.max_reopen_seconds)
                continue
            # (re)start the current state's recognizer at the device's rate, which may differ after a reopen
            self._enter(self._state)
            return


class MicrophoneSource:
    """The default (or a chosen) input device via sounddevice/PortAudio, 100 ms blocks of int16 mono."""

    def __init__(self, *, device: int | str | None = None, sample_rate: int | None = None) -> None:
        try:
            import sounddevice
        except OSError as error:  # PortAudio itself missing
            raise DeviceError(
                f"PortAudio is not installed ({error}): apt-get install libportaudio2"
            ) from error
        self._sd = sounddevice
        self._blocks: queue.Queue[bytes] = queue.Queue(maxsize=200)
        try:
            info = sounddevice.query_devices(device, "input")
            self.sample_rate = int(sample_rate or info["default_samplerate"])
            self._stream = sounddevice.RawInputStream(
                samplerate=self.sample_rate,
                channels=1,
                dtype="int16",
                device=device,
                blocksize=self.sample_rate // 10,
                callback=self._captured,
            )
            self._stream.start()
        except (sounddevice.PortAudioError, ValueError) as error:
            raise DeviceError(str(error)) from error

    def _captured(self, data: bytes, frames: int, time_info: object, status: object) -> None:
        with contextlib.suppress(
            queue.Full
        ):  # the reader fell behind: dropping audio beats blocking PortAudio
            self._blocks.put_nowait(bytes(data))

    def read(self) -> bytes:
        """The next captured block (waits up to 2 s; longer means the device has stopped)."""
        try:
            return self._blocks.get(timeout=2.0)
        except queue.Empty:
            raise DeviceError("the microphone delivered no audio for 2 s") from None

    def clear(self) -> None:
        """Drop blocks captured while we were not reading."""
        while not self._blocks.empty():
            self._blocks.get_nowait()

    def close(self) -> None:
        """Stop and release the device."""
        with contextlib.suppress(Exception):
            self._stream.stop()
            self._stream.close()


class SpeakerPlayback:
    """A ``Speak`` callable: synthesises the reply (any ``synthesize(text) -> audio bytes``) and plays it."""

    def __init__(self, synthesize: Callable[[str], bytes], *, device: int | str | None = None) -> None:
        self.synthesize = synthesize
        self.device = device

    def __call__(self, text: str, stop: threading.Event) -> None:
        """Play ``text``; returns early when ``stop`` is set."""
        import sounddevice

        from assistant.speech.audio import TARGET_RATE, decode_audio

        pcm = decode_audio(self.synthesize(text)).pcm
        block = TARGET_RATE // 20 * 2  # 50 ms, so a barge-in stops the voice almost at once
        with sounddevice.RawOutputStream(
            samplerate=TARGET_RATE, channels=1, dtype="int16", device=self.device
        ) as out:
            for start in range(0, len(pcm), block):
                if stop.is_set():
                    break
                out.write(pcm[start : start + block])
