"""The two speech WebSockets: ``/ws/vosk`` (vosk-server's protocol) and ``/ws/voice`` (a spoken turn).

``/ws/vosk`` behaves like alphacep/vosk-server's ``asr_server.py`` so existing Vosk clients work: the
client may send ``{"config": {"sample_rate": N, "phrase_list": [...]}}``, then binary 16-bit mono PCM,
then ``{"eof": 1}``; the server answers every audio frame with ``{"partial": ...}`` or, at the end of an
utterance, ``{"text": ..., "result": [...]}``.

``/ws/voice`` carries the assistant's own conversation as typed JSON events with audio in binary frames:
client ``{"type": "start", "sample_rate": 48000, "language": "zh", "format": "pcm"}``, audio frames,
``{"type": "stop"}``; server ``ready``, ``partial`` (the turn's text so far, whenever it changes), at
``stop`` one ``transcript`` and the ``reply``, then (when a synthesizer is installed) ``audio`` + binary
MP3 frames + ``audio_end``, and ``error`` events with a ``code``. One turn is start…stop; pauses inside
it (Vosk's end of utterance) only extend the transcript.
``format`` may also name a container a MediaRecorder makes (``webm``, ``ogg``, ``mp4``): those frames
are collected and decoded with PyAV at ``stop`` (no partials then).

The lead mounts ``router`` and adds authentication. Services come from ``app.state``: ``recognizer``
(a ``RecognizerService``), ``voice_reply`` (``async (text, sender) -> dict`` with a ``text``),
optionally ``synthesizer`` (``stream(text, voice)`` yielding MP3) and ``speech_limits``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, WebSocket
from starlette.websockets import WebSocketState

from assistant.errors import AssistantError
from assistant.speech.audio import TARGET_RATE, AudioError, check_sample_rate
from assistant.speech.recognizer import AsyncStream, Final, Partial, RecognizerService
from assistant.speech.vosk_models import ModelUnavailable

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class TurnAudio:
    """The audio of one spoken turn as it arrived: raw 16-bit mono PCM at ``sample_rate``, or an
    encoded file (``sample_rate`` None). The dialogue keeps it when the turn is a recorded greeting."""

    data: bytes
    sample_rate: int | None


Reply = Callable[..., Awaitable[dict[str, Any]]]
"""The dialogue: ``reply(transcript, sender, audio=TurnAudio)`` → ``{"text": ..., ...}``."""

ENCODED_FORMATS = {"webm", "ogg", "mp4", "m4a", "mp3", "wav", "amr", "aac"}

# WebSocket close codes (RFC 6455 / IANA)
UNSUPPORTED_DATA = 1003
POLICY_VIOLATION = 1008
TOO_BIG = 1009
INTERNAL_ERROR = 1011
TRY_AGAIN_LATER = 1013


class SpeechOut(Protocol):
    """What the voice socket needs of a synthesizer (``assistant.speech.tts.ReplyVoice`` fits)."""

    def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 audio of ``text`` spoken by ``voice``, chunk by chunk."""


@dataclass(frozen=True)
class SocketLimits:
    """What one speech connection may send; over a limit the client gets an error saying so."""

    max_frame_bytes: int = 256 * 1024  # ~2.7 s of 48 kHz PCM; browsers send 20–250 ms per frame
    max_utterance_seconds: float = 60.0
    max_connections: int = 8  # Kaldi decodes about 2–4 streams in real time per core
    idle_seconds: float = 30.0  # a client silent this long has gone (phone locked, network lost)
    max_encoded_bytes: int = 20 * 1024 * 1024


class ConnectionGate:
    """Counts open speech connections so one busy shop cannot starve the others (or the CPU)."""

    def __init__(self) -> None:
        self.active = 0

    def try_enter(self, limit: int) -> bool:
        """Take a slot if one is free (the event loop is single-threaded, so no lock is needed)."""
        if self.active >= limit:
            return False
        self.active += 1
        return True

    def leave(self) -> None:
        """Give the slot back."""
        self.active = max(0, self.active - 1)


def get_recognizer(websocket: WebSocket) -> RecognizerService | None:
    """The app's recognizer service (None when the app has none configured)."""
    return getattr(websocket.app.state, "recognizer", None)


def get_limits(websocket: WebSocket) -> SocketLimits:
    """The app's speech limits, or the defaults."""
    return getattr(websocket.app.state, "speech_limits", None) or SocketLimits()


def get_gate(websocket: WebSocket) -> ConnectionGate:
    """The app's connection counter, created on first use."""
    gate = getattr(websocket.app.state, "speech_gate", None)
    if gate is None:
        gate = websocket.app.state.speech_gate = ConnectionGate()
    return gate


def get_reply(websocket: WebSocket) -> Reply | None:
    """The dialogue callable the lead installs as ``app.state.voice_reply``."""
    return getattr(websocket.app.state, "voice_reply", None)


def get_speech_out(websocket: WebSocket) -> SpeechOut | None:
    """The reply voice, when text-to-speech is installed."""
    return getattr(websocket.app.state, "synthesizer", None)


RecognizerDep = Annotated[RecognizerService | None, Depends(get_recognizer)]
LimitsDep = Annotated[SocketLimits, Depends(get_limits)]
GateDep = Annotated[ConnectionGate, Depends(get_gate)]
ReplyDep = Annotated[Reply | None, Depends(get_reply)]
SpeechOutDep = Annotated[SpeechOut | None, Depends(get_speech_out)]

NO_RECOGNIZER = (
    "speech recognition is not set up on this server: run `assistant models pull zh`, then restart"
)


class ClientGone(Exception):
    """The client disconnected or fell silent past the idle limit."""


class SocketClosed(Exception):
    """We closed the socket on purpose (a limit or a protocol error); nothing more to do."""


def _reason(text: str) -> str:
    """A close reason within the protocol's 123-byte limit."""
    encoded = text.encode()
    return text if len(encoded) <= 123 else encoded[:120].decode(errors="ignore") + "..."


class _Session:
    """What both socket handlers share: receiving with an idle limit, closing with a reason."""

    def __init__(self, websocket: WebSocket, *, limits: SocketLimits, gate: ConnectionGate) -> None:
        self.websocket = websocket
        self.limits = limits
        self.gate = gate

    async def receive(self) -> dict[str, Any]:
        try:
            message = await asyncio.wait_for(self.websocket.receive(), self.limits.idle_seconds)
        except asyncio.TimeoutError:
            await self.close(
                POLICY_VIOLATION,
                f"nothing received for {self.limits.idle_seconds:.0f} s: reconnect when you speak again",
            )
            raise ClientGone from None
        if message["type"] == "websocket.disconnect":
            raise ClientGone
        return message

    async def send_json(self, value: dict[str, Any]) -> None:
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.send_text(json.dumps(value, ensure_ascii=False))

    async def close(self, code: int, reason: str) -> None:
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.close(code, _reason(reason))

    async def run(self) -> None:
        await self.websocket.accept()
        if not self.gate.try_enter(self.limits.max_connections):
            await self.refuse_busy()
            return
        try:
            await self.serve()
        except (ClientGone, SocketClosed):
            pass
        except Exception:  # noqa: BLE001 (one broken connection must never take the server down)
            logger.exception("speech socket failed")
            with contextlib.suppress(Exception):  # the client may already be gone
                await self.close(
                    INTERNAL_ERROR, "internal error in speech recognition: reconnect and try again"
                )
        finally:
            self.gate.leave()

    async def refuse_busy(self) -> None:
        await self.close(
            TRY_AGAIN_LATER,
            f"{self.limits.max_connections} voice connections are open: try again in a moment",
        )

    async def serve(self) -> None:
        raise NotImplementedError


class VoskSession(_Session):
    """One connection speaking vosk-server's protocol."""

    def __init__(
        self,
        websocket: WebSocket,
        *,
        recognizer: RecognizerService | None,
        limits: SocketLimits,
        gate: ConnectionGate,
    ) -> None:
        super().__init__(websocket, limits=limits, gate=gate)
        self.recognizer = recognizer
        self.sample_rate = TARGET_RATE
        self.phrases: list[str] | None = None
        self.stream: AsyncStream | None = None

    async def fail(self, code: int, message: str) -> None:
        """vosk-server has no error message: send one anyway (clients print it) and close with the reason."""
        await self.send_json({"error": message})
        await self.close(code, message)
        raise SocketClosed

    async def serve(self) -> None:
        while True:
            message = await self.receive()
            if message.get("bytes") is not None:
                await self.on_audio(message["bytes"])
            elif message.get("text") is not None and await self.on_text(message["text"]):
                return

    async def on_text(self, text: str) -> bool:
        """Handle a control message; True once the stream has ended."""
        try:
            command = json.loads(text)
        except ValueError:
            await self.fail(
                UNSUPPORTED_DATA,
                'text frames must be JSON ({"config": ...} or {"eof": 1}); send audio as binary frames',
            )
        if not isinstance(command, dict):
            await self.fail(UNSUPPORTED_DATA, 'expected a JSON object: {"config": ...} or {"eof": 1}')
        if "config" in command:
            await self.on_config(command["config"])
            return False
        if "eof" in command:
            final = await self.stream.finish() if self.stream else Final(text="")
            await self.send_json(final.to_vosk())
            await self.close(1000, "end of stream")
            return True
        await self.fail(
            UNSUPPORTED_DATA, 'unknown message: send {"config": ...}, binary audio, or {"eof": 1}'
        )
        return False

    async def on_config(self, config: object) -> None:
        if not isinstance(config, dict):
            await self.fail(
                UNSUPPORTED_DATA, 'config must be an object, e.g. {"config": {"sample_rate": 16000}}'
            )
        try:
            if "sample_rate" in config:
                self.sample_rate = check_sample_rate(config["sample_rate"])
        except AudioError as error:
            await self.fail(UNSUPPORTED_DATA, str(error))
        phrases = config.get("phrase_list")
        if phrases is not None:
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                await self.fail(UNSUPPORTED_DATA, "phrase_list must be a list of strings")
            self.phrases = phrases
        self.stream = None  # as in vosk-server, a new config starts a new recognizer

    async def on_audio(self, data: bytes) -> None:
        if len(data) > self.limits.max_frame_bytes:
            await self.fail(
                TOO_BIG,
                f"audio frame of {len(data)} bytes is over {self.limits.max_frame_bytes}: "
                "send smaller frames (0.1–0.5 s each)",
            )
        if self.stream is None:
            if self.recognizer is None:
                await self.fail(INTERNAL_ERROR, NO_RECOGNIZER)
            try:
                self.stream = await self.recognizer.open_stream_async(
                    sample_rate=self.sample_rate,
                    grammar=self.phrases,
                    max_utterance_seconds=self.limits.max_utterance_seconds,
                )
            except ModelUnavailable as error:
                await self.fail(INTERNAL_ERROR, str(error))
        event = await self.stream.accept(data)
        await self.send_json(event.to_vosk())


class VoiceSession(_Session):
    """One connection of the assistant's own voice conversation: spoken turns in, replies out."""

    def __init__(
        self,
        websocket: WebSocket,
        *,
        recognizer: RecognizerService | None,
        limits: SocketLimits,
        gate: ConnectionGate,
        reply: Reply | None,
        speech_out: SpeechOut | None,
    ) -> None:
        super().__init__(websocket, limits=limits, gate=gate)
        self.recognizer = recognizer
        self.reply = reply
        self.speech_out = speech_out
        self.sender = websocket.query_params.get("sender") or f"voice-{uuid.uuid4().hex[:12]}"
        self.language = recognizer.language if recognizer else None
        self.stream: AsyncStream | None = None
        self.encoded: bytearray | None = None
        self.heard: list[Final] = []  # utterances Vosk ended inside this turn (the owner paused)
        self.last_partial = ""
        self.pcm = bytearray()  # this turn's raw audio, kept for a recorded greeting
        self.sample_rate: int | None = None

    async def error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})

    async def fatal(self, code: str, message: str, close_code: int) -> None:
        await self.error(code, message)
        await self.close(close_code, message)
        raise SocketClosed

    async def refuse_busy(self) -> None:
        await self.error(
            "busy", f"{self.limits.max_connections} voice connections are open: try again in a moment"
        )
        await super().refuse_busy()

    async def serve(self) -> None:
        while True:
            message = await self.receive()
            if message.get("bytes") is not None:
                await self.on_audio(message["bytes"])
            elif message.get("text") is not None:
                await self.on_text(message["text"])

    async def on_text(self, text: str) -> None:
        try:
            event = json.loads(text)
        except ValueError:
            await self.error(
                "bad_message",
                'text frames must be JSON events such as {"type": "start"}; send audio as binary frames',
            )
            return
        kind = event.get("type") if isinstance(event, dict) else None
        if kind == "start":
            await self.on_start(event)
        elif kind == "stop":
            await self.on_stop()
        else:
            await self.error("bad_message", f"unknown event {kind!r}: send start, binary audio, then stop")

    async def on_start(self, event: dict[str, Any]) -> None:
        if self.recognizer is None:
            await self.fatal("model_unavailable", NO_RECOGNIZER, INTERNAL_ERROR)
        language = event.get("language")
        if language and self.language and language != self.language:
            await self.error(
                "language_unavailable",
                f"this server recognises {self.language!r} speech, not "
                f"{language!r}: set ASSISTANT_LANGUAGE={language} and "
                "pull its model",
            )
            return
        audio_format = str(event.get("format") or "pcm").lower()
        if audio_format != "pcm" and audio_format not in ENCODED_FORMATS:
            await self.error(
                "bad_format",
                f"format {audio_format!r} is unknown: send pcm (16-bit mono) or one "
                f"of {', '.join(sorted(ENCODED_FORMATS))}",
            )
            return
        self.sender = str(event.get("sender") or self.sender)
        if audio_format != "pcm":
            self.stream, self.encoded = None, bytearray()
            await self.send_json({"type": "ready", "format": audio_format})
            return
        try:
            sample_rate = check_sample_rate(event.get("sample_rate", TARGET_RATE))
        except AudioError as error:
            await self.error("bad_sample_rate", str(error))
            return
        try:
            self.stream = await self.recognizer.open_stream_async(
                sample_rate=sample_rate, max_utterance_seconds=self.limits.max_utterance_seconds
            )
        except ModelUnavailable as error:
            await self.fatal("model_unavailable", str(error), INTERNAL_ERROR)
        self.encoded = None
        self.heard = []
        self.last_partial = ""
        self.pcm, self.sample_rate = bytearray(), sample_rate
        await self.send_json({"type": "ready", "format": "pcm", "sample_rate": sample_rate})

    async def on_audio(self, data: bytes) -> None:
        if len(data) > self.limits.max_frame_bytes:
            await self.fatal(
                "frame_too_large",
                f"audio frame of {len(data)} bytes is over "
                f"{self.limits.max_frame_bytes}: send 0.1–0.5 s per frame",
                TOO_BIG,
            )
        if self.encoded is not None:
            if len(self.encoded) + len(data) > self.limits.max_encoded_bytes:
                await self.fatal(
                    "utterance_too_long",
                    "the recording is too large: stop after at most "
                    f"{self.limits.max_utterance_seconds:.0f} s",
                    TOO_BIG,
                )
            self.encoded += data
            return
        if self.stream is None:
            await self.error("not_started", 'send {"type": "start", "sample_rate": N} before audio')
            return
        self.pcm += data
        event = await self.stream.accept(data)
        if self.stream.stream.audio_seconds > self.limits.max_utterance_seconds or (
            isinstance(event, Final) and event.cut_off
        ):
            # counted from start, so noise that Vosk keeps ending as short utterances is cut off as well
            await self.fatal(
                "utterance_too_long",
                f"a request may last {self.limits.max_utterance_seconds:.0f} s: "
                "speak one request at a time and send stop after each",
                TOO_BIG,
            )
        if isinstance(event, Final):  # the owner paused: keep what was said, the turn ends at stop
            if event.text:
                self.heard.append(event)
            event = Partial("")
        text = " ".join([*(f.text for f in self.heard), event.text]).strip()
        if text != self.last_partial:
            self.last_partial = text
            await self.send_json(Partial(text).to_event())

    async def on_stop(self) -> None:
        if self.encoded is not None:
            self.pcm, self.sample_rate = bytearray(self.encoded), None
            final = await self.decode_encoded(bytes(self.encoded))
            self.encoded = None
        elif self.stream is not None:
            final = _joined([*self.heard, await self.stream.finish()])
            self.stream, self.heard = None, []
        else:
            await self.error("not_started", 'send {"type": "start"} and audio before {"type": "stop"}')
            return
        if final is None:
            return
        if not final.text:
            await self.error("no_speech", "no words were heard: speak closer to the phone and try again")
            return
        await self.turn(final)
        self.pcm = bytearray()

    async def decode_encoded(self, data: bytes) -> Final | None:
        from assistant.speech.transcribe import transcribe_file

        loop = asyncio.get_running_loop()
        try:
            transcript = await loop.run_in_executor(
                self.recognizer.executor,
                lambda: transcribe_file(
                    data,
                    service=self.recognizer,
                    max_bytes=self.limits.max_encoded_bytes,
                    max_seconds=self.limits.max_utterance_seconds,
                ),
            )
        except AudioError as error:
            await self.error("bad_audio", str(error))
            return None
        except ModelUnavailable as error:
            await self.fatal("model_unavailable", str(error), INTERNAL_ERROR)
        return _joined(list(transcript.utterances))

    async def turn(self, final: Final) -> None:
        """Send the transcript, the dialogue's reply and (when a voice is installed) its audio."""
        self.last_partial = ""
        await self.send_json(final.to_event())
        if self.reply is None:
            await self.error(
                "no_dialogue", "the dialogue model is not loaded: run `assistant train`, then restart"
            )
            return
        try:
            answer = await self.reply(final.text, self.sender,
                                      audio=TurnAudio(bytes(self.pcm), self.sample_rate))
        except AssistantError as error:
            await self.error("reply_failed", str(error))
            return
        text = str(answer.get("text", ""))
        await self.send_json({**answer, "type": "reply", "text": text})
        if self.speech_out is not None and text:
            await self.speak(text)

    async def speak(self, text: str) -> None:
        from assistant.config import get_settings

        voice = get_settings().tts_voice_for(self.language or "zh")
        started = False
        try:
            async for chunk in self.speech_out.stream(text, voice):
                if not started:
                    await self.send_json({"type": "audio", "format": "mp3"})
                    started = True
                await self.websocket.send_bytes(chunk)
        except AssistantError as error:
            await self.error(
                "speech_unavailable", f"the reply could not be spoken ({error}); it is shown as text"
            )
        if started:
            await self.send_json({"type": "audio_end"})


def _joined(utterances: list[Final]) -> Final:
    """One turn's utterances as a single final result."""
    return Final(
        text=" ".join(u.text for u in utterances if u.text),
        words=tuple(w for u in utterances for w in u.words),
        raw_text=" ".join(u.raw_text for u in utterances if u.raw_text),
        dropped=tuple(w for u in utterances for w in u.dropped),
    )


router = APIRouter(tags=["speech"])


@router.websocket("/ws/vosk")
async def vosk_socket(
    websocket: WebSocket, recognizer: RecognizerDep, limits: LimitsDep, gate: GateDep
) -> None:
    """vosk-server's protocol, so existing Vosk clients work unchanged (CONTRACT §4)."""
    await VoskSession(websocket, recognizer=recognizer, limits=limits, gate=gate).run()


@router.websocket("/ws/voice")
async def voice_socket(
    websocket: WebSocket,
    recognizer: RecognizerDep,
    limits: LimitsDep,
    gate: GateDep,
    reply: ReplyDep,
    speech_out: SpeechOutDep,
) -> None:
    """The assistant's own voice conversation: audio in; transcript, reply and reply audio out."""
    await VoiceSession(
        websocket, recognizer=recognizer, limits=limits, gate=gate, reply=reply, speech_out=speech_out
    ).run()
