"""The shop's speech recognizer: one loaded model shared by all streams, one Kaldi recognizer each.

``RecognizerService`` owns the model (through a ``ModelCache`` passed in, never a module global) and a
thread pool, and opens ``Stream``s (blocking) or ``AsyncStream``s (for the sockets).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vosk

from assistant.config import Settings
from assistant.speech.audio import TARGET_RATE
from assistant.speech.recognizer.models import ModelCache, grammar_json, tuned_model_dir
from assistant.speech.recognizer.stream import (
    DEFAULT_MAX_UTTERANCE_SECONDS,
    DEFAULT_MIN_DYNAMIC_RANGE_DB,
    AsyncStream,
    Postprocess,
    Stream,
)
from assistant.speech.vosk_models import resolve_model_path, speech_language

GrammarSource = Sequence[str] | Callable[[], Sequence[str]]
"""A phrase list, or a function returning the current one (rebuilt when the shop's names change)."""

DEFAULT_MIN_CONFIDENCE = 0.4


@dataclass
class RecognizerService:
    """The shop's speech recognizer: one model, many streams; optional grammar and postprocessing.

    Without ``model_path`` the model is found lazily from ``settings`` (``ASSISTANT_VOSK_MODEL`` or
    ``models/vosk/<default>``), so an app starts without a model and each stream then raises
    ``ModelUnavailable`` saying how to get one. The tuned copy of a model (``end_silence``,
    ``decoder``) is made under the settings' ``models_dir``, so tuning needs ``settings`` too.
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

    def __post_init__(self) -> None:
        # Said at construction, where the mistake is, rather than at the first stream.
        if self.settings is None and self.model_path is None:
            raise ValueError("a recognizer needs a model_path or the settings to find its model in")
        if self.settings is None and (self.end_silence is not None or self.decoder):
            raise ValueError("tuning a model (end_silence, decoder) needs the settings: it is copied "
                             "under their models_dir")

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
        settings = self.settings
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
