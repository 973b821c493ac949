"""Streaming speech recognition with Vosk: one loaded model shared by all streams, one recognizer each.

``RecognizerService`` owns the model (through a ``ModelCache`` passed in, never a module global) and a
thread pool; ``Stream`` wraps one ``KaldiRecognizer`` and turns each audio chunk into a ``Partial`` or a
``Final`` event; ``AsyncStream`` runs the same calls off the event loop for the sockets.

Steady noise (a fan, a fridge, mains hum, traffic) makes Vosk emit words with full confidence, so
confidence alone cannot filter it. Speech rises and falls with its syllables; steady noise does not.
``Stream`` keeps the loudness of each 20 ms frame of the current utterance, and a final result whose
loud frames (95th percentile) stand less than ``min_dynamic_range_db`` over its quiet ones (10th
percentile) is treated as noise: its words are dropped (``Final.noise_gated``).

End of utterance is Vosk's own endpointing, configured in the model's ``conf/model.conf``
(``--endpoint.rule2.min-trailing-silence`` and rules 3/4). Vosk 0.3.45 has no API for it, so
``end_silence`` makes a shadow copy of the model folder (symlinks, plus a rewritten ``model.conf``) and
loads that: the original model folder is never modified.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import vosk

from assistant.config import Settings, get_settings
from assistant.speech.audio import BYTES_PER_SECOND, TARGET_RATE, PcmResampler
from assistant.speech.vosk_models import resolve_model_path, speech_language

Postprocess = Callable[[str], str]
"""Turns a recognised text into what the dialogue should see (name snapping, normalisation)."""

GrammarSource = Sequence[str] | Callable[[], Sequence[str]]
"""A phrase list, or a function returning the current one (rebuilt when the shop's names change)."""

DEFAULT_MIN_CONFIDENCE = 0.4
# Measured with sox on 10 s clips at 16 kHz: pink, brown, white noise, 50 Hz hum and a fan-like noise
# span at most 6 dB (p95 − p10 of 20 ms frame loudness); espeak speech mixed with them spans 11 dB
# at 5 dB SNR and 15 dB at 10 dB SNR; clean speech with pauses 40 dB and more (docs/speech.md).
DEFAULT_MIN_DYNAMIC_RANGE_DB = 8.0
FRAME_SAMPLES = TARGET_RATE // 50  # 20 ms
_MIN_GATED_FRAMES = 25  # under half a second of audio says too little about its loudness to gate it
DEFAULT_MAX_UTTERANCE_SECONDS = 60.0
UNKNOWN = "[unk]"


@dataclass(frozen=True)
class Word:
    """One recognised word with its time span (seconds) and Vosk's confidence (0–1)."""

    word: str
    start: float
    end: float
    conf: float

    def to_vosk(self) -> dict[str, Any]:
        """The word as vosk-server writes it in ``result``."""
        return {"conf": self.conf, "end": self.end, "start": self.start, "word": self.word}


@dataclass(frozen=True)
class Partial:
    """The text heard so far in the current utterance (may still change)."""

    text: str


@dataclass(frozen=True)
class Final:
    """A finished utterance: kept words, the text the dialogue sees, and what Vosk said before filtering."""

    text: str
    words: tuple[Word, ...] = ()
    raw_text: str = ""
    dropped: tuple[Word, ...] = ()
    cut_off: bool = False  # ended by the utterance length limit, not by silence
    noise_gated: bool = False  # every word dropped: the audio was as steady as noise (see the module)


Event = Partial | Final


class ModelCache:
    """Loaded Vosk models by folder, shared by every stream and connection (thread-safe)."""

    def __init__(self) -> None:
        self._models: dict[Path, vosk.Model] = {}
        self._lock = threading.Lock()

    def get(self, path: Path) -> vosk.Model:
        """The model in ``path``, loaded on first use (a few seconds, ~300 MB for a small model)."""
        key = Path(path).resolve()
        with self._lock:
            model = self._models.get(key)
            if model is None:
                vosk.SetLogLevel(-1)  # Kaldi's per-load chatter on stderr helps nobody at the counter
                model = vosk.Model(str(key))
                self._models[key] = model
            return model


def tuned_model_dir(
    model_path: Path,
    *,
    work_dir: Path,
    end_silence: float | None = None,
    decoder: Mapping[str, float] | None = None,
) -> Path:
    """A shadow of ``model_path`` with a rewritten ``conf/model.conf``; everything else is a symlink.

    ``end_silence``: seconds of silence that end an utterance. Rule 2 (silence after confidently
    decoded speech) gets it; rules 3 and 4 (less certain endings) keep their usual 2× and 4× of it.
    ``decoder``: other model.conf options, e.g. ``{"max-active": 1000, "beam": 8}`` to trade accuracy
    for speed on a slow machine (``docs/speech.md``).
    """
    model_path = Path(model_path).resolve()
    options: dict[str, str] = {}
    if end_silence is not None:
        for rule, factor in (("rule2", 1), ("rule3", 2), ("rule4", 4)):
            options[f"endpoint.{rule}.min-trailing-silence"] = f"{factor * end_silence:.3f}"
    options.update({key.lstrip("-"): f"{value:g}" for key, value in (decoder or {}).items()})
    slug = "-".join(
        ([f"end{round(end_silence * 1000)}ms"] if end_silence is not None else [])
        + [f"{key}{value}" for key, value in sorted((decoder or {}).items())]
    )
    target = Path(work_dir) / f"{model_path.name}-{re.sub(r'[^A-Za-z0-9.]+', '', slug) or 'default'}"
    conf_source = model_path / "conf" / "model.conf"
    lines = conf_source.read_text().splitlines() if conf_source.is_file() else []
    kept = [line for line in lines if line.split("=", 1)[0].lstrip("-") not in options]
    kept += [f"--{key}={value}" for key, value in options.items()]
    wanted = "\n".join(kept) + "\n"
    conf_target = target / "conf" / "model.conf"
    if conf_target.is_file() and conf_target.read_text() == wanted:
        return target
    (target / "conf").mkdir(parents=True, exist_ok=True)
    for entry in model_path.iterdir():
        link = target / entry.name
        if entry.name != "conf" and not link.exists():
            link.symlink_to(entry)
    for entry in (model_path / "conf").iterdir() if (model_path / "conf").is_dir() else ():
        link = target / "conf" / entry.name
        if entry.name != "model.conf" and not link.exists():
            link.symlink_to(entry)
    temporary = conf_target.with_suffix(".tmp")
    temporary.write_text(wanted)
    temporary.replace(conf_target)
    return target


def grammar_json(phrases: Sequence[str]) -> str:
    """Vosk's grammar argument: the phrases plus ``[unk]`` so anything else is not forced onto them."""
    unique = list(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
    if UNKNOWN not in unique:
        unique.append(UNKNOWN)
    # Kaldi reads the JSON itself and does not understand \u escapes: keep the characters as they are
    return json.dumps(unique, ensure_ascii=False)


class Stream:
    """One utterance stream: audio chunks in, ``Partial``/``Final`` events out (blocking calls)."""

    def __init__(
        self,
        recognizer: vosk.KaldiRecognizer,
        *,
        sample_rate: int,
        min_confidence: float,
        postprocess: Postprocess | None,
        max_utterance_seconds: float,
        min_dynamic_range_db: float = DEFAULT_MIN_DYNAMIC_RANGE_DB,
    ) -> None:
        self._recognizer = recognizer
        self._resampler = PcmResampler(sample_rate)
        self.sample_rate = self._resampler.sample_rate
        self.min_confidence = min_confidence
        self.min_dynamic_range_db = min_dynamic_range_db
        self._frame_db: list[float] = []  # loudness of each 20 ms frame of the current utterance
        self._frame_rest = b""
        self.postprocess = postprocess
        self.max_utterance_bytes = int(max_utterance_seconds * BYTES_PER_SECOND)
        self._utterance_bytes = 0
        self._partial = ""
        self.audio_seconds = 0.0

    def accept(self, pcm: bytes) -> Event:
        """Feed int16 mono PCM at the stream's rate: a ``Final`` if an utterance ended, else a ``Partial``."""
        data = self._resampler.convert(pcm)
        if not data:
            return Partial(self._partial)
        self.audio_seconds += len(data) / BYTES_PER_SECOND
        self._utterance_bytes += len(data)
        self._measure(data)
        if self._recognizer.AcceptWaveform(data):
            return self._final(self._recognizer.Result())
        if self._utterance_bytes >= self.max_utterance_bytes:
            return self._final(self._recognizer.FinalResult(), cut_off=True)
        self._partial = json.loads(self._recognizer.PartialResult()).get("partial", "")
        return Partial(self._partial)

    def finish(self) -> Final:
        """End the audio: the final result of whatever is still being heard (empty text if nothing)."""
        tail = self._resampler.flush()
        if tail:
            self.audio_seconds += len(tail) / BYTES_PER_SECOND
            self._measure(tail)
            self._recognizer.AcceptWaveform(tail)
        return self._final(self._recognizer.FinalResult())

    @property
    def utterance_seconds(self) -> float:
        """Audio heard since the last final result."""
        return self._utterance_bytes / BYTES_PER_SECOND

    def dynamic_range_db(self) -> float | None:
        """How far the current utterance's loud frames stand over its quiet ones (p95 − p10, dB);
        None while there is too little audio to tell."""
        if len(self._frame_db) < _MIN_GATED_FRAMES:
            return None
        low, high = np.percentile(self._frame_db, [10, 95])
        return float(high - low)

    def _measure(self, pcm: bytes) -> None:
        """Add the loudness (dBFS) of each whole 20 ms frame of ``pcm`` to the utterance's."""
        data = self._frame_rest + pcm
        whole = len(data) // (2 * FRAME_SAMPLES) * 2 * FRAME_SAMPLES
        self._frame_rest = data[whole:]
        if whole:
            frames = np.frombuffer(data[:whole], dtype="<i2").astype(np.float32).reshape(-1, FRAME_SAMPLES)
            power = np.maximum(np.mean(frames * frames, axis=1), 1.0)  # digital silence: -90 dBFS
            self._frame_db.extend((10 * np.log10(power / 32768.0**2)).tolist())

    def _final(self, result_json: str, *, cut_off: bool = False) -> Final:
        self._utterance_bytes = 0
        self._partial = ""
        dynamic_range = self.dynamic_range_db()
        self._frame_db = []
        result = json.loads(result_json)
        words = tuple(
            Word(word=w["word"], start=float(w["start"]), end=float(w["end"]), conf=float(w["conf"]))
            for w in result.get("result", [])
        )
        gated = bool(words) and dynamic_range is not None and dynamic_range < self.min_dynamic_range_db
        kept = () if gated else tuple(w for w in words if w.conf >= self.min_confidence and w.word != UNKNOWN)
        dropped = tuple(w for w in words if w not in kept)
        text = " ".join(w.word for w in kept) if words else result.get("text", "")
        if text and self.postprocess is not None:
            text = self.postprocess(text)
        return Final(text=text, words=kept, raw_text=result.get("text", ""), dropped=dropped, cut_off=cut_off,
                     noise_gated=gated)


class AsyncStream:
    """A ``Stream`` whose Kaldi calls run in the service's thread pool, off the event loop."""

    def __init__(self, stream: Stream, executor: Executor) -> None:
        self.stream = stream
        self._executor = executor

    async def accept(self, pcm: bytes) -> Event:
        """Feed audio without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.stream.accept, pcm)

    async def finish(self) -> Final:
        """The final result, computed off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.stream.finish)


@dataclass
class RecognizerService:
    """The shop's speech recognizer: one model, many streams; optional grammar and postprocessing.

    Without ``model_path`` the model is found lazily from the settings (``ASSISTANT_VOSK_MODEL`` or
    ``models/vosk/<default>``), so an app starts without a model and each stream then raises
    ``ModelUnavailable`` saying how to get one.
    """

    cache: ModelCache
    model_path: Path | None = None
    language: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    min_dynamic_range_db: float = DEFAULT_MIN_DYNAMIC_RANGE_DB  # 0 turns the steady-noise gate off
    grammar: GrammarSource | None = None
    postprocess: Postprocess | None = None
    max_utterance_seconds: float = DEFAULT_MAX_UTTERANCE_SECONDS
    end_silence: float | None = None
    decoder: Mapping[str, float] | None = None  # model.conf overrides, e.g. {"max-active": 1000}
    settings: Settings | None = None
    workers: int = 8
    _executor: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        cache: ModelCache,
        language: str | None = None,
        grammar: GrammarSource | None = None,
        postprocess: Postprocess | None = None,
        **options: Any,
    ) -> RecognizerService:
        """A service configured from ``ASSISTANT_*`` settings (model, language, silence, confidence)."""
        return cls(
            cache=cache,
            language=speech_language(settings, language),
            settings=settings,
            min_confidence=settings.speech_min_confidence,
            end_silence=settings.speech_end_silence,
            grammar=grammar,
            postprocess=postprocess,
            **options,
        )

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The thread pool the async API runs Kaldi calls in (created on first use)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="vosk")
        return self._executor

    def resolved_model_path(self) -> Path:
        """The model folder to load, with the end-of-speech tuning applied; ``ModelUnavailable`` if none."""
        settings = self.settings or get_settings()
        path = Path(self.model_path) if self.model_path else resolve_model_path(settings, self.language)
        if self.end_silence is not None or self.decoder:
            path = tuned_model_dir(
                path,
                end_silence=self.end_silence,
                decoder=self.decoder,
                work_dir=Path(settings.models_dir) / "vosk" / ".tuned",
            )
        return path

    def model(self) -> vosk.Model:
        """The loaded model (blocking on first call)."""
        return self.cache.get(self.resolved_model_path())

    def phrases(self, grammar: GrammarSource | None = None) -> list[str] | None:
        """The grammar phrases a new stream gets: the argument, else the service's own, else None."""
        source = grammar if grammar is not None else self.grammar
        if source is None:
            return None
        return list(source() if callable(source) else source)

    def open_stream(
        self,
        *,
        sample_rate: int = TARGET_RATE,
        grammar: GrammarSource | None = None,
        postprocess: Postprocess | None = None,
        max_utterance_seconds: float | None = None,
    ) -> Stream:
        """A new blocking stream (files, CLI, the counter microphone's thread)."""
        phrases = self.phrases(grammar)
        model = self.model()
        if phrases:
            recognizer = vosk.KaldiRecognizer(model, TARGET_RATE, grammar_json(phrases))
        else:
            recognizer = vosk.KaldiRecognizer(model, TARGET_RATE)
        recognizer.SetWords(True)
        return Stream(
            recognizer,
            sample_rate=sample_rate,
            min_confidence=self.min_confidence,
            postprocess=postprocess if postprocess is not None else self.postprocess,
            max_utterance_seconds=max_utterance_seconds or self.max_utterance_seconds,
            min_dynamic_range_db=self.min_dynamic_range_db,
        )

    async def open_stream_async(
        self,
        *,
        sample_rate: int = TARGET_RATE,
        grammar: GrammarSource | None = None,
        postprocess: Postprocess | None = None,
        max_utterance_seconds: float | None = None,
    ) -> AsyncStream:
        """A new stream for async callers; the model load and recognizer set-up run off the loop."""
        loop = asyncio.get_running_loop()
        stream = await loop.run_in_executor(
            self.executor,
            lambda: self.open_stream(
                sample_rate=sample_rate,
                grammar=grammar,
                postprocess=postprocess,
                max_utterance_seconds=max_utterance_seconds,
            ),
        )
        return AsyncStream(stream, self.executor)

    def close(self) -> None:
        """Stop the thread pool (the model stays in the cache)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
