"""``/ws/voice``: the assistant's own conversation, spoken turns in and replies out.

Client ``start`` (sample rate, language, format), audio frames, ``stop``; server ``ready``, ``partial``
(the turn's text so far, whenever it changes), at ``stop`` one ``transcript`` and the ``reply``, then
(when a synthesizer is installed) ``audio`` + binary MP3 frames + ``audio_end``, and ``error`` events
with a ``code`` (messages in ``events.py``). One turn is start…stop; pauses inside it (Vosk's end of
utterance) only extend the transcript. ``format`` may also name a container a MediaRecorder makes
(``webm``, ``ogg``, ``mp4``): those frames are collected and decoded with PyAV at ``stop`` (no partials).

Besides the recognizer, the dialogue comes from ``app.state.voice_reply`` (``async (text, sender,
audio=TurnAudio) -> dict`` with a ``text``) and the reply voice from ``app.state.synthesizer``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn, Protocol

from fastapi import APIRouter, Depends, WebSocket

from assistant.config import Settings, get_settings
from assistant.errors import AssistantError
from assistant.speech.audio import AudioError, check_sample_rate
from assistant.speech.recognizer import AsyncStream, Final, RecognizerService
from assistant.speech.transcribe import transcribe_file
from assistant.speech.vosk_models import ModelUnavailable
from assistant.web.sockets import events
from assistant.web.sockets.connection import (
    INTERNAL_ERROR,
    NO_RECOGNIZER,
    TOO_BIG,
    Connection,
    ConnectionGate,
    GateDep,
    LimitsDep,
    RecognizerDep,
    SocketClosed,
    SocketLimits,
)

ENCODED_FORMATS = {"webm", "ogg", "mp4", "m4a", "mp3", "wav", "amr", "aac"}


@dataclass(frozen=True)
class TurnAudio:
    """The audio of one spoken turn as it arrived: raw 16-bit mono PCM at ``sample_rate``, or an
    encoded file (``sample_rate`` None). The dialogue keeps it when the turn is a recorded greeting."""

    data: bytes
    sample_rate: int | None


Reply = Callable[..., Awaitable[dict[str, Any]]]
"""The dialogue: ``reply(transcript, sender, audio=TurnAudio)`` → ``{"text": ..., ...}``."""


class SpeechOut(Protocol):
    """What the voice socket needs of a synthesizer (``assistant.speech.tts.ReplyVoice`` fits)."""

    def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 audio of ``text`` spoken by ``voice``, chunk by chunk."""


def get_reply(websocket: WebSocket) -> Reply | None:
    """The dialogue callable the lead installs as ``app.state.voice_reply``."""
    return getattr(websocket.app.state, "voice_reply", None)


def get_speech_out(websocket: WebSocket) -> SpeechOut | None:
    """The reply voice, when text-to-speech is installed."""
    return getattr(websocket.app.state, "synthesizer", None)


def get_app_settings(websocket: WebSocket) -> Settings:
    """The app's settings (the process's when the app was built without)."""
    return getattr(websocket.app.state, "settings", None) or get_settings()


ReplyDep = Annotated[Reply | None, Depends(get_reply)]
SpeechOutDep = Annotated[SpeechOut | None, Depends(get_speech_out)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

router = APIRouter(tags=["speech"])


class VoiceConnection(Connection):
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
        voice_for: Callable[[str], str],
    ) -> None:
        super().__init__(websocket, limits=limits, gate=gate)
        self.recognizer = recognizer
        self.reply = reply
        self.speech_out = speech_out
        self.voice_for = voice_for
        self.sender = websocket.query_params.get("sender") or f"voice-{uuid.uuid4().hex[:12]}"
        self.language = recognizer.language if recognizer else None
        self.stream: AsyncStream | None = None
        self.encoded: bytearray | None = None
        self.heard: list[Final] = []  # utterances Vosk ended inside this turn (the owner paused)
        self.last_partial = ""
        self.pcm = bytearray()  # this turn's raw audio, kept for a recorded greeting
        self.sample_rate: int | None = None

    async def error(self, code: str, message: str) -> None:
        """Tell the client what went wrong; the connection stays open."""
        await self.send_event(events.Error(code, message).to_event())

    async def fatal(self, code: str, message: str, close_code: int) -> NoReturn:
        """Tell the client what went wrong and close."""
        await self.error(code, message)
        await self.close(close_code, message)
        raise SocketClosed

    async def refuse_busy(self) -> None:
        """Say why in an error event before closing, as every voice failure does."""
        await self.error(
            "busy", f"{self.limits.max_connections} voice connections are open: try again in a moment"
        )
        await super().refuse_busy()

    async def serve(self) -> None:
        """Turns, until the client leaves."""
        while True:
            message = await self.receive()
            if message.get("bytes") is not None:
                await self.on_audio(message["bytes"])
            elif message.get("text") is not None:
                await self.on_text(message["text"])

    async def on_text(self, text: str) -> None:
        """A control event: start or stop a turn."""
        try:
            event = events.read_voice_event(text)
        except events.BadEvent as error:
            await self.error("bad_message", str(error))
            return
        if isinstance(event, events.Start):
            await self.on_start(event)
        else:
            await self.on_stop()

    async def on_start(self, start: events.Start) -> None:
        """Begin a turn: check language and format, open a recognizer for PCM, answer ``ready``."""
        if self.recognizer is None:
            await self.fatal("model_unavailable", NO_RECOGNIZER, INTERNAL_ERROR)
        if start.language and self.language and start.language != self.language:
            await self.error(
                "language_unavailable",
                f"this server recognises {self.language!r} speech, not {start.language!r}: "
                f"set ASSISTANT_LANGUAGE={start.language} and pull its model",
            )
            return
        if start.format != "pcm" and start.format not in ENCODED_FORMATS:
            await self.error(
                "bad_format",
                f"format {start.format!r} is unknown: send pcm (16-bit mono) or one "
                f"of {', '.join(sorted(ENCODED_FORMATS))}",
            )
            return
        self.sender = start.sender or self.sender
        if start.format != "pcm":
            self.stream, self.encoded = None, bytearray()
            await self.send_event(events.Ready(format=start.format).to_event())
            return
        try:
            sample_rate = check_sample_rate(start.sample_rate)
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
        await self.send_event(events.Ready(format="pcm", sample_rate=sample_rate).to_event())

    async def on_audio(self, data: bytes) -> None:
        """Collect an encoded frame, or recognise a PCM frame and send the turn's text if it changed."""
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
        heard = await self.stream.accept(data)
        if self.stream.stream.audio_seconds > self.limits.max_utterance_seconds or (
            isinstance(heard, Final) and heard.cut_off
        ):
            # counted from start, so noise that Vosk keeps ending as short utterances is cut off as well
            await self.fatal(
                "utterance_too_long",
                f"a request may last {self.limits.max_utterance_seconds:.0f} s: "
                "speak one request at a time and send stop after each",
                TOO_BIG,
            )
        pending = heard.text
        if isinstance(heard, Final):  # the owner paused: keep what was said, the turn ends at stop
            if heard.text:
                self.heard.append(heard)
            pending = ""
        text = " ".join([*(f.text for f in self.heard), pending]).strip()
        if text != self.last_partial:
            self.last_partial = text
            await self.send_event(events.Partial(text).to_event())

    async def on_stop(self) -> None:
        """End the turn: the whole transcript, then the reply."""
        if self.encoded is not None:
            self.pcm, self.sample_rate = bytearray(self.encoded), None
            final = await self.decode_encoded(bytes(self.encoded))
            self.encoded = None
        elif self.stream is not None:
            final = joined([*self.heard, await self.stream.finish()])
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
        """A recorded file's words, decoded in the recognizer's threads (None: the client was told why)."""
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
        return joined(list(transcript.utterances))

    async def turn(self, final: Final) -> None:
        """Send the transcript, the dialogue's reply and (when a voice is installed) its audio."""
        self.last_partial = ""
        await self.send_event(events.Transcript.of(final).to_event())
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
        await self.send_event(events.Reply(text=text, details=answer).to_event())
        if self.speech_out is not None and text:
            await self.speak(text)

    async def speak(self, text: str) -> None:
        """Stream the reply's MP3 between ``audio`` and ``audio_end``; text only if the voice fails."""
        started = False
        try:
            async for chunk in self.speech_out.stream(text, self.voice_for(self.language or "zh")):
                if not started:
                    await self.send_event(events.AudioStart(format="mp3").to_event())
                    started = True
                await self.websocket.send_bytes(chunk)
        except AssistantError as error:
            await self.error(
                "speech_unavailable", f"the reply could not be spoken ({error}); it is shown as text"
            )
        if started:
            await self.send_event(events.AudioEnd().to_event())


def joined(utterances: list[Final]) -> Final:
    """One turn's utterances as a single final result."""
    return Final(
        text=" ".join(u.text for u in utterances if u.text),
        words=tuple(w for u in utterances for w in u.words),
        raw_text=" ".join(u.raw_text for u in utterances if u.raw_text),
        dropped=tuple(w for u in utterances for w in u.dropped),
    )


@router.websocket("/ws/voice")
async def voice_socket(
    websocket: WebSocket,
    recognizer: RecognizerDep,
    limits: LimitsDep,
    gate: GateDep,
    reply: ReplyDep,
    speech_out: SpeechOutDep,
    settings: SettingsDep,
) -> None:
    """The assistant's own voice conversation: audio in; transcript, reply and reply audio out."""
    await VoiceConnection(
        websocket, recognizer=recognizer, limits=limits, gate=gate, reply=reply, speech_out=speech_out,
        voice_for=settings.tts_voice_for,
    ).run()
