"""Streaming speech recognition with Vosk: one loaded model shared by all streams, one recognizer each.

One module per job: ``events`` (``Word``, ``Partial``, ``Final``), ``models`` (the ``ModelCache``, the
tuned model folder, the phrase grammar), ``stream`` (``Stream`` with its steady-noise gate, and
``AsyncStream``) and ``service`` (``RecognizerService``). What callers import is re-exported here.
"""

from assistant.speech.recognizer.events import Event, Final, Partial, Word
from assistant.speech.recognizer.models import UNKNOWN, ModelCache, grammar_json, tuned_model_dir
from assistant.speech.recognizer.service import DEFAULT_MIN_CONFIDENCE, GrammarSource, RecognizerService
from assistant.speech.recognizer.stream import (
    DEFAULT_MAX_UTTERANCE_SECONDS,
    DEFAULT_MIN_DYNAMIC_RANGE_DB,
    FRAME_SAMPLES,
    AsyncStream,
    Postprocess,
    Stream,
)

__all__ = [
    "DEFAULT_MAX_UTTERANCE_SECONDS",
    "DEFAULT_MIN_CONFIDENCE",
    "DEFAULT_MIN_DYNAMIC_RANGE_DB",
    "FRAME_SAMPLES",
    "UNKNOWN",
    "AsyncStream",
    "Event",
    "Final",
    "GrammarSource",
    "ModelCache",
    "Partial",
    "Postprocess",
    "RecognizerService",
    "Stream",
    "Word",
    "grammar_json",
    "tuned_model_dir",
]
