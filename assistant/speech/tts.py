"""Speech synthesis: edge-tts with an on-disk cache and an offline espeak-ng fallback.

Every backend hands out the same format, MP3 (mono, 24 kHz, the format edge-tts streams), so callers
(the voice socket, the phone page, ``assistant say``, composed greetings) never branch on who spoke.
``ReplyVoice`` is what they use: cache first, then edge-tts, and espeak-ng when edge-tts fails or has
not produced its first audio within a few seconds, so speech never holds a reply back for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import logging
import os
import re
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import av
import edge_tts
from edge_tts.exceptions import EdgeTTSException

from assistant.config import Settings, get_settings
from assistant.errors import AssistantError, Invalid

log = logging.getLogger(__name__)

AUDIO_FORMAT = "mp3"
MP3_RATE = 24_000
MP3_BIT_RATE = 48_000
LANGUAGES = ("zh", "en")
# What edge-tts raises when its service is unreachable or misbehaves (it does not wrap aiohttp's errors).
SERVICE_ERRORS: tuple[type[BaseException], ...] = (
    aiohttp.ClientError, asyncio.TimeoutError, EdgeTTSException)
# Han ideographs (basic block and extension A) and CJK punctuation: any of them makes a reply Chinese.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_READ_CHUNK = 16 * 1024
# After a comma, full stop, question mark, ... (kept with its clause); Latin marks only before a space.
_CLAUSE_END = re.compile(r"(?<=[\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001])|(?<=[.!?;:,])(?=\s)")


def detect_language(text: str) -> str:
    """``zh`` when the text contains Chinese characters, else ``en``."""
    return "zh" if _CJK.search(text) else "en"


def audio_duration(data: bytes) -> float:
    """Seconds of audio in an encoded file (MP3, WAV, M4A, ...), counted by decoding it with PyAV."""
    try:
        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.audio[0]
            samples = sum(frame.samples for frame in container.decode(stream))
            return samples / stream.codec_context.sample_rate
    except (av.FFmpegError, IndexError) as error:
        raise Invalid(f"not playable audio ({error}); synthesize it again") from error


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

    @abstractmethod
    def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 chunks for ``text`` spoken with ``voice``, the first one as early as the backend can."""

    async def chunks(self, text: str, voice: str) -> AsyncIterator[SpeechChunk]:
        """Like ``stream``, with each chunk labelled with the backend that produced it."""
        async for data in self.stream(text, voice):
            yield SpeechChunk(data=data, backend=self.name)

    async def synthesize(
        self, text: str, *, language: str | None = None, voice: str | None = None
    ) -> SpeechAudio:
        """The whole utterance; language from the text when not given, voice from the settings."""
        text = clean_text(text)
        language = language or detect_language(text)
        if language not in LANGUAGES:
            raise Invalid(f"language {language!r} is not zh or en", field="language")
        voice = voice or get_settings().tts_voice_for(language)
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


def clean_text(text: str) -> str:
    """The text to speak, trimmed; refuses an empty one."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise Invalid("there is nothing to say", field="text")
    return cleaned


class EdgeTTS(Synthesizer):
    """Microsoft Edge's online voices through edge-tts (needs the internet)."""

    name = "edge-tts"

    def __init__(self, *, rate: str = "+0%", connect_timeout: int = 3, receive_timeout: int = 10) -> None:
        self.rate = rate
        self.connect_timeout = connect_timeout
        self.receive_timeout = receive_timeout

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


class EspeakFallback(Synthesizer):
    """espeak-ng, offline: Mandarin (``cmn``) or American English, encoded to MP3 like edge-tts."""

    name = "espeak-ng"

    def __init__(self, *, executable: str = "espeak-ng") -> None:
        self.executable = executable

    @staticmethod
    def espeak_voice(text: str, voice: str) -> str:
        """espeak-ng's voice: an espeak name passes through; an edge-tts name is replaced by language."""
        if voice and "Neural" not in voice:
            return voice
        return "cmn" if detect_language(text) == "zh" else "en-us"

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 clause by clause: the first clause plays while the rest is still being made."""
        espeak_voice = self.espeak_voice(text, voice)
        for clause in split_clauses(text):
            wav = await self.speak_wav(clause, espeak_voice)
            # Bare MP3 frames (no ID3 tag, no Xing header), so the clauses join into one valid stream.
            yield await asyncio.to_thread(encode_mp3, wav, headers=False)

    async def speak_wav(self, text: str, espeak_voice: str) -> bytes:
        """espeak-ng's WAV output for ``text`` (text goes through stdin, so a leading '-' is safe)."""
        try:
            process = await asyncio.create_subprocess_exec(
                self.executable, "-v", espeak_voice, "-b", "1", "--stdout", "--stdin",
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            )
        except FileNotFoundError:
            raise AssistantError("espeak-ng is not installed: run `apt-get install espeak-ng`") from None
        wav, errors = await process.communicate(text.encode("utf-8"))
        if process.returncode != 0 or not wav:
            message = errors.decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
            raise AssistantError(f"espeak-ng could not speak with voice {espeak_voice!r}: {message}")
        return wav


def split_clauses(text: str) -> list[str]:
    """The text cut after each clause-ending punctuation mark (Chinese or Latin), blanks dropped."""
    return [part.strip() for part in _CLAUSE_END.split(text) if part.strip()]


def write_audio_file(mp3: bytes, path: Path) -> None:
    """Write MP3 audio to ``path``: as it is for ``.mp3``, as 16-bit PCM for ``.wav``."""
    if path.suffix.lower() == ".wav":
        data = _transcode(mp3, container="wav", codec="pcm_s16le", sample_format="s16")
    elif path.suffix.lower() == ".mp3":
        data = mp3
    else:
        raise Invalid(f"cannot write {path.name}: use a file name ending in .mp3 or .wav", field="out")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def encode_mp3(audio: bytes, *, headers: bool = True) -> bytes:
    """Any decodable audio re-encoded as mono 24 kHz MP3, the format edge-tts produces.

    ``headers=False`` leaves out the ID3 tag and Xing header, for pieces joined into one stream.
    """
    options = {} if headers else {"id3v2_version": "0", "write_xing": "0"}
    return _transcode(audio, container="mp3", codec="libmp3lame", sample_format="fltp", bit_rate=MP3_BIT_RATE,
                      options=options)


def _transcode(
    audio: bytes, *, container: str, codec: str, sample_format: str, bit_rate: int | None = None,
    options: dict[str, str] | None = None,
) -> bytes:
    out = io.BytesIO()
    with av.open(io.BytesIO(audio)) as source, \
            av.open(out, "w", format=container, options=options or {}) as target:
        stream = target.add_stream(codec, rate=MP3_RATE)
        stream.layout = "mono"
        if bit_rate:
            stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format=sample_format, layout="mono", rate=MP3_RATE)
        for frame in source.decode(source.streams.audio[0]):
            for converted in resampler.resample(frame):
                target.mux(stream.encode(converted))
        for converted in resampler.resample(None):
            target.mux(stream.encode(converted))
        target.mux(stream.encode(None))
    return out.getvalue()


class TTSCache:
    """MP3 files of phrases already spoken, keyed by (voice, rate, text), one file per phrase.

    Replies that name customers and figures rarely repeat word for word, so the folder would grow for
    ever: past ``max_bytes`` the least recently used phrases are deleted (a hit touches its file's
    modification time), down to nine tenths of the limit.
    """

    def __init__(self, folder: Path, *, max_bytes: int = 200 * 1024 * 1024) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._bytes: int | None = None  # the folder's size, counted once and then kept up to date

    def path_for(self, *, voice: str, rate: str, text: str) -> Path:
        """Where the audio of this phrase is (or would be) kept."""
        key = hashlib.sha256("\x00".join((voice, rate, text)).encode("utf-8")).hexdigest()
        return self.folder / f"{key}.{AUDIO_FORMAT}"

    def lookup(self, *, voice: str, rate: str, text: str) -> Path | None:
        """The cached file of this phrase, or None."""
        path = self.path_for(voice=voice, rate=rate, text=text)
        try:
            os.utime(path)  # recently used: the last to be pruned
        except FileNotFoundError:
            return None
        return path

    async def read(self, path: Path) -> AsyncIterator[bytes]:
        """A cached file in chunks, so a hit streams like the service would."""
        with path.open("rb") as file:
            while chunk := file.read(_READ_CHUNK):
                yield chunk

    def writer(self, *, voice: str, rate: str, text: str) -> CacheWriter:
        """A writer that makes the phrase's file appear only when ``commit`` is called."""
        return CacheWriter(self.path_for(voice=voice, rate=rate, text=text), on_commit=self._added)

    def size(self) -> int:
        """Bytes of phrases in the folder now."""
        return sum(entry.stat().st_size for entry in self._phrases())

    def _phrases(self) -> list[os.DirEntry]:
        if not self.folder.is_dir():
            return []
        with os.scandir(self.folder) as entries:
            return [e for e in entries if e.is_file() and not e.name.startswith(".")
                    and e.name.endswith(f".{AUDIO_FORMAT}")]

    def _added(self, size: int) -> None:
        if self._bytes is None:
            self._bytes = self.size()
        else:
            self._bytes += size
        if self._bytes > self.max_bytes:
            self.prune()

    def prune(self) -> int:
        """Delete the least recently used phrases until the folder is under nine tenths of the limit;
        returns how many were deleted."""
        phrases = sorted(self._phrases(), key=lambda e: e.stat().st_mtime)
        total = sum(e.stat().st_size for e in phrases)
        deleted = 0
        for entry in phrases:
            if total <= self.max_bytes * 0.9:
                break
            size = entry.stat().st_size
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                deleted += 1
            total -= size
        self._bytes = total
        return deleted


class CacheWriter:
    """Writes one cache file atomically: a temporary file renamed into place on ``commit``."""

    def __init__(self, target: Path, *, on_commit: Callable[[int], None] | None = None) -> None:
        self.target = target
        self._on_commit = on_commit
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=f".{AUDIO_FORMAT}")
        self._file = os.fdopen(handle, "wb")
        self._temporary = Path(name)

    def write(self, data: bytes) -> None:
        """Append a chunk."""
        self._file.write(data)

    def commit(self) -> None:
        """Make the file visible under its key (a reader never sees half a phrase)."""
        self._file.close()
        size = self._temporary.stat().st_size
        os.replace(self._temporary, self.target)
        if self._on_commit is not None:
            self._on_commit(size)

    def discard(self) -> None:
        """Drop what was written (the stream failed or the listener went away)."""
        self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._temporary.unlink()


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
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.cache = cache
        self.first_chunk_timeout = first_chunk_timeout
        self.rate = primary.rate

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


def make_synthesizer(*, offline: bool = False, settings: Settings | None = None) -> Synthesizer:
    """The configured voice: edge-tts + cache + espeak-ng, or espeak-ng alone when ``offline``."""
    fallback = EspeakFallback()
    if offline:
        return fallback
    settings = settings or get_settings()
    cache = TTSCache(settings.data_dir / "tts-cache", max_bytes=settings.tts_cache_mb * 1024 * 1024)
    return ReplyVoice(primary=EdgeTTS(), fallback=fallback, cache=cache)
