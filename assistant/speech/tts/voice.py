"""The assistant's reply voice: cached phrase, else edge-tts, else espeak-ng (never silence)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.speech.tts.base import SpeechChunk, Synthesizer, clean_text
from assistant.speech.tts.cache import TTSCache
from assistant.speech.tts.edge import SERVICE_ERRORS, EdgeTTS
from assistant.speech.tts.espeak import EspeakFallback

log = logging.getLogger(__name__)


class ReplyVoice(Synthesizer):
    """The assistant's voice: cached phrase, else edge-tts, else espeak-ng (never silence)."""

    name = "reply-voice"

    def __init__(
        self,
        *,
        primary: Synthesizer,
        fallback: Synthesizer,
        cache: TTSCache | None = None,
        first_chunk_timeout: float = 3.0,
        voice: str | None = None,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.cache = cache
        self.first_chunk_timeout = first_chunk_timeout
        self.rate = primary.rate
        self.voice = voice

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 chunks from whichever source answers first."""
        async for chunk in self.chunks(text, voice):
            yield chunk.data

    async def chunks(self, text: str, voice: str) -> AsyncIterator[SpeechChunk]:
        """MP3 chunks labelled ``cache``, the primary's name, or the fallback's name with the reason."""
        text = clean_text(text)
        cached = self.cache.lookup(voice=voice, rate=self.rate, text=text) if self.cache else None
        if cached is not None:
            async for data in self.cache.read(cached):
                yield SpeechChunk(data=data, backend="cache")
            return

        primary = self.primary.stream(text, voice).__aiter__()
        try:
            first = await asyncio.wait_for(primary.__anext__(), self.first_chunk_timeout)
        except StopAsyncIteration:
            reason = f"{self.primary.name} returned no audio"
        except asyncio.TimeoutError:
            reason = f"{self.primary.name} sent no audio within {self.first_chunk_timeout:g} s"
        except SERVICE_ERRORS as error:
            reason = f"{self.primary.name} failed: {type(error).__name__}: {error}"
        else:
            reason = None
        if reason is not None:
            await primary.aclose()
            log.warning("speaking with %s: %s", self.fallback.name, reason)
            async for data in self.fallback.stream(text, voice):
                yield SpeechChunk(data=data, backend=self.fallback.name, note=reason)
            return

        writer = self.cache.writer(voice=voice, rate=self.rate, text=text) if self.cache else None
        complete = False
        try:
            if writer:
                writer.write(first)
            yield SpeechChunk(data=first, backend=self.primary.name)
            async for data in primary:
                if writer:
                    writer.write(data)
                yield SpeechChunk(data=data, backend=self.primary.name)
            complete = True
        except SERVICE_ERRORS as error:
            # Audio already went out, so switching voices mid-sentence would only confuse: stop here.
            log.warning("%s broke off mid-sentence (%s); the reply's audio is cut short",
                        self.primary.name, error)
        finally:
            await primary.aclose()
            if writer and complete:
                writer.commit()
            elif writer:
                writer.discard()


def make_synthesizer(*, settings: Settings | None = None, offline: bool = False) -> Synthesizer:
    """The configured voice: edge-tts + cache + espeak-ng, or espeak-ng alone when ``offline``.

    The cache folder, its size and the voice come from ``settings``; espeak-ng alone needs none of them
    (without settings it speaks with the default voices).
    """
    voice = settings.tts_voice if settings is not None else None
    fallback = EspeakFallback(voice=voice)
    if offline:
        return fallback
    if settings is None:
        raise AssistantError("the online voice needs the settings (its cache folder); pass settings=")
    cache = TTSCache(settings.data_dir / "tts-cache", max_bytes=settings.tts_cache_mb * 1024 * 1024)
    return ReplyVoice(primary=EdgeTTS(), fallback=fallback, cache=cache, voice=voice)
