"""One utterance stream: audio chunks in, ``Partial``/``Final`` events out.

``Stream`` wraps one ``KaldiRecognizer`` and turns each audio chunk into a ``Partial`` or a ``Final``
event; ``AsyncStream`` runs the same calls off the event loop for the sockets.

Steady noise (a fan, a fridge, mains hum, traffic) makes Vosk emit words with full confidence, so
confidence alone cannot filter it. Speech rises and falls with its syllables; steady noise does not.
``Stream`` keeps the loudness of each 20 ms frame of the current utterance, and a final result whose
loud frames (95th percentile) stand less than ``min_dynamic_range_db`` over its quiet ones (10th
percentile) is treated as noise: its words are dropped (``Final.noise_gated``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import Executor

import numpy as np
import vosk

from assistant.speech.audio import BYTES_PER_SECOND, TARGET_RATE, PcmResampler
from assistant.speech.recognizer.events import Event, Final, Partial, Word
from assistant.speech.recognizer.models import UNKNOWN

Postprocess = Callable[[str], str]
"""Turns a recognised text into what the dialogue should see (name snapping, normalisation)."""

# Measured with sox on 10 s clips at 16 kHz: pink, brown, white noise, 50 Hz hum and a fan-like noise
# span at most 6 dB (p95 − p10 of 20 ms frame loudness); espeak speech mixed with them spans 11 dB
# at 5 dB SNR and 15 dB at 10 dB SNR; clean speech with pauses 40 dB and more (docs/speech.md).
DEFAULT_MIN_DYNAMIC_RANGE_DB = 8.0
FRAME_SAMPLES = TARGET_RATE // 50  # 20 ms
_MIN_GATED_FRAMES = 25  # under half a second of audio says too little about its loudness to gate it
DEFAULT_MAX_UTTERANCE_SECONDS = 60.0


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

