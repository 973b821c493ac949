"""``/ws/vosk``: alphacep/vosk-server's protocol (``asr_server.py``), so existing Vosk clients work.

The client may send ``{"config": {"sample_rate": N, "phrase_list": [...]}}``, then binary 16-bit mono
PCM, then ``{"eof": 1}``; the server answers every audio frame with ``{"partial": ...}`` or, at the end
of an utterance, ``{"text": ..., "result": [...]}`` (CONTRACT §4).
"""

from __future__ import annotations

from typing import NoReturn

from fastapi import APIRouter, WebSocket

from assistant.speech.audio import TARGET_RATE
from assistant.speech.recognizer import AsyncStream, Final, RecognizerService
from assistant.speech.vosk_models import ModelUnavailable
from assistant.web.sockets.connection import (
    INTERNAL_ERROR,
    NO_RECOGNIZER,
    NORMAL,
    TOO_BIG,
    UNSUPPORTED_DATA,
    Connection,
    ConnectionGate,
    GateDep,
    LimitsDep,
    RecognizerDep,
    SocketClosed,
    SocketLimits,
)
from assistant.web.sockets.events import (
    BadEvent,
    VoskConfig,
    VoskError,
    VoskPartial,
    VoskResult,
    read_vosk_message,
)

router = APIRouter(tags=["speech"])


class VoskConnection(Connection):
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

    async def fail(self, code: int, message: str) -> NoReturn:
        """vosk-server has no error message: send one anyway (clients print it) and close with the reason."""
        await self.send_event(VoskError(message).to_event())
        await self.close(code, message)
        raise SocketClosed

    async def serve(self) -> None:
        """Audio frames and control messages until ``eof``."""
        while True:
            message = await self.receive()
            if message.get("bytes") is not None:
                await self.on_audio(message["bytes"])
            elif message.get("text") is not None and await self.on_text(message["text"]):
                return

    async def on_text(self, text: str) -> bool:
        """Handle a control message; True once the stream has ended."""
        try:
            command = read_vosk_message(text)
        except BadEvent as error:
            await self.fail(UNSUPPORTED_DATA, str(error))
        if isinstance(command, VoskConfig):
            self.on_config(command)
            return False
        final = await self.stream.finish() if self.stream else Final(text="")
        await self.send_event(VoskResult.of(final).to_event())
        await self.close(NORMAL, "end of stream")
        return True

    def on_config(self, config: VoskConfig) -> None:
        """Take the client's sample rate and phrase list; as in vosk-server, a new recognizer follows."""
        if config.sample_rate is not None:
            self.sample_rate = config.sample_rate
        if config.phrase_list is not None:
            self.phrases = config.phrase_list
        self.stream = None

    async def on_audio(self, data: bytes) -> None:
        """Recognise a frame of PCM (opening the recognizer on the first one) and send the result."""
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
        heard = await self.stream.accept(data)
        reply = VoskResult.of(heard) if isinstance(heard, Final) else VoskPartial(heard.text)
        await self.send_event(reply.to_event())


@router.websocket("/ws/vosk")
async def vosk_socket(
    websocket: WebSocket, recognizer: RecognizerDep, limits: LimitsDep, gate: GateDep
) -> None:
    """vosk-server's protocol, so existing Vosk clients work unchanged (CONTRACT §4)."""
    await VoskConnection(websocket, recognizer=recognizer, limits=limits, gate=gate).run()
