"""The synthesizer interface every backend implements, and what it hands out.

Every backend hands out the same format, MP3 (mono, 24 kHz, the format edge-tts streams), so callers
never branch on who spoke. A synthesizer is told its voice when it is made (``voice``: one voice for
every language, as ``ASSISTANT_TTS_VOICE`` sets it; None: one voice per language); a caller may still
name a voice for one utterance.
"""

from __future__ import annotations

import asyncio
import re
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass

from assistant.errors import AssistantError, Invalid
from assistant.speech.tts.encoding import AUDIO_FORMAT, audio_duration

LANGUAGES = ("zh", "en")
# edge-tts's voices when none is configured: the same defaults as ``Settings.tts_voice_for``.
DEFAULT_VOICES = {"zh": "zh-CN-XiaoxiaoNeural", "en": "en-US-AriaNeural"}
# Han ideographs (basic block and extension A) and CJK punctuation: any of them makes a reply Chinese.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def detect_language(text: str) -> str:
    """``zh`` when the text contains Chinese characters, else ``en``."""
    return "zh" if _CJK.search(text) else "en"


def clean_text(text: str) -> str:
    """The text to speak, trimmed; refuses an empty one."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise Invalid("there is nothing to say", field="text")
    return cleaned


@dataclass(frozen=True)
class WordBoundary:
    """Where a word starts and how long it lasts in the audio, as edge-tts reports it."""

    text: str
    offset_seconds: float
    duration_seconds: float


@dataclass(frozen=True)
class SpeechChunk:
    """A piece of MP3 audio and which backend produced it (``note`` says why a fallback spoke)."""

    data: bytes
    backend: str
    note: str | None = None


@dataclass(frozen=True)
class SpeechAudio:
    """A whole synthesized utterance: MP3 bytes plus who spoke it and how long it took."""

    data: bytes
    voice: str
    language: str
    backend: str
    duration_seconds: float
    first_byte_seconds: float
    total_seconds: float
    note: str | None = None
    format: str = AUDIO_FORMAT


class Synthesizer(ABC):
    """Turns text into MP3 audio, streamed chunk by chunk."""

    name: str = "synthesizer"
    # edge-tts's rate form ("+0%", "-10%"): part of the cache key, since it changes the audio.
    rate: str = "+0%"
    # The configured voice for every language (ASSISTANT_TTS_VOICE); None: ``DEFAULT_VOICES``.
    voice: str | None = None

    @abstractmethod
    def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 chunks for ``text`` spoken with ``voice``, the first one as early as the backend can."""

    async def chunks(self, text: str, voice: str) -> AsyncIterator[SpeechChunk]:
        """Like ``stream``, with each chunk labelled with the backend that produced it."""
        async for data in self.stream(text, voice):
            yield SpeechChunk(data=data, backend=self.name)

    def voice_for(self, language: str) -> str:
        """The voice this synthesizer speaks ``language`` with: the configured one, else the default."""
        return self.voice or DEFAULT_VOICES["en" if language == "en" else "zh"]

    async def synthesize(
        self, text: str, *, language: str | None = None, voice: str | None = None
    ) -> SpeechAudio:
        """The whole utterance; language from the text when not given, voice from ``voice_for``."""
        text = clean_text(text)
        language = language or detect_language(text)
        if language not in LANGUAGES:
            raise Invalid(f"language {language!r} is not zh or en", field="language")
        voice = voice or self.voice_for(language)
        start = time.perf_counter()
        first: float | None = None
        parts: list[bytes] = []
        backend, note = self.name, None
        async for chunk in self.chunks(text, voice):
            if first is None:
                first = time.perf_counter() - start
            parts.append(chunk.data)
            backend, note = chunk.backend, chunk.note or note
        total = time.perf_counter() - start
        data = b"".join(parts)
        if not data:
            raise AssistantError(f"{backend} produced no audio for {text!r}; try again or use --offline")
        duration = await asyncio.to_thread(audio_duration, data)
        return SpeechAudio(data=data, voice=voice, language=language, backend=backend, note=note,
                           duration_seconds=duration, first_byte_seconds=first or total, total_seconds=total)
