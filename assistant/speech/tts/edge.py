"""Microsoft Edge's online voices through edge-tts (needs the internet)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import edge_tts
from edge_tts.exceptions import EdgeTTSException

from assistant.errors import Invalid
from assistant.speech.tts.base import Synthesizer, WordBoundary

# What edge-tts raises when its service is unreachable or misbehaves (it does not wrap aiohttp's errors).
SERVICE_ERRORS: tuple[type[BaseException], ...] = (
    aiohttp.ClientError, asyncio.TimeoutError, EdgeTTSException)


class EdgeTTS(Synthesizer):
    """Microsoft Edge's online voices through edge-tts (needs the internet)."""

    name = "edge-tts"

    def __init__(self, *, rate: str = "+0%", connect_timeout: int = 3, receive_timeout: int = 10,
                 voice: str | None = None) -> None:
        self.rate = rate
        self.connect_timeout = connect_timeout
        self.receive_timeout = receive_timeout
        self.voice = voice

    async def events(self, text: str, voice: str) -> AsyncIterator[bytes | WordBoundary]:
        """Audio chunks (bytes) and word boundaries in the order the service sends them."""
        try:
            communicate = edge_tts.Communicate(
                text, voice, rate=self.rate, boundary="WordBoundary",
                connect_timeout=self.connect_timeout, receive_timeout=self.receive_timeout,
            )
        except ValueError as error:
            raise Invalid(f"{voice!r} is not an edge-tts voice ({error}); set ASSISTANT_TTS_VOICE to a name "
                          "like zh-CN-XiaoxiaoNeural or en-US-AriaNeural", field="voice") from None
        async for message in communicate.stream():
            if message["type"] == "audio":
                yield message["data"]
            else:
                # Offsets and durations come in 100-nanosecond ticks.
                yield WordBoundary(text=message["text"], offset_seconds=message["offset"] / 1e7,
                                   duration_seconds=message["duration"] / 1e7)

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 chunks as edge-tts receives them from the service."""
        async for event in self.events(text, voice):
            if isinstance(event, bytes):
                yield event
