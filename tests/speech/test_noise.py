"""Steady noise (a fan, mains hum, traffic) must not become words; speech must still come through.

Vosk gives words it hears in steady noise full confidence, so the confidence filter cannot stop them:
the recognizer's steady-noise gate drops a final result whose loudness hardly varies (see
``assistant/speech/recognizer/stream.py``). Noise is made by sox (seeded), speech by espeak-ng (conftest).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.speech.recognizer import DEFAULT_MIN_DYNAMIC_RANGE_DB, ModelCache, RecognizerService, Stream
from assistant.speech.transcribe import transcribe_file, transcribe_pcm

from .conftest import GRAMMAR, SENTENCE


@pytest.fixture(scope="module")
def noise(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``noise("pinknoise")``: 10 s of that sox noise at 16 kHz, the same samples every run (``-R``)."""
    if shutil.which("sox") is None:
        pytest.skip("sox is not installed (apt-get install sox)")
    folder = tmp_path_factory.mktemp("noise")

    def make(kind: str) -> Path:
        path = folder / f"{kind}.wav"
        if not path.exists():
            subprocess.run(["sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path),
                            "synth", "10", kind, "vol", "0.3"], check=True)
        return path

    return make


def _service(ko_model_dir: Path, model_cache: ModelCache, **options: float) -> RecognizerService:
    return RecognizerService(cache=model_cache, model_path=ko_model_dir, language="ko", **options)


@pytest.mark.parametrize("kind", ["pinknoise", "brownnoise"])
def test_steady_noise_makes_confident_words_that_the_gate_drops(
    kind: str, noise: Callable[[str], Path], ko_model_dir: Path, model_cache: ModelCache
) -> None:
    confidence_only = _service(ko_model_dir, model_cache, min_dynamic_range_db=0.0)
    heard = transcribe_file(noise(kind), service=confidence_only)
    assert heard.text, "the model heard no words in this noise: the gate is not being tested"
    gated = transcribe_file(noise(kind), service=_service(ko_model_dir, model_cache))
    assert gated.text == ""
    assert [u.noise_gated for u in gated.utterances if u.raw_text] == [True]
    # Free decoding differs a little between recognizers (Vosk's lazily built graph): words, not which.
    assert [w for u in gated.utterances for w in u.dropped]


def test_speech_still_comes_through_the_gate_clean_and_in_noise(
    ko_model_dir: Path, model_cache: ModelCache, pcm16k: Callable[[str], bytes]
) -> None:
    service = _service(ko_model_dir, model_cache)
    speech = np.frombuffer(pcm16k(), dtype="<i2").astype(np.float64)
    assert transcribe_pcm(pcm16k(), service=service, grammar=GRAMMAR).text == SENTENCE
    # The same sentence over steady noise 10 dB under it (over the whole clip, pauses included).
    rng = np.random.default_rng(3)
    hiss = np.cumsum(rng.normal(size=speech.size))  # brown noise: a fan's rumble
    hiss -= np.convolve(hiss, np.ones(801) / 801, mode="same")  # without its slow drift
    hiss *= np.sqrt(np.mean(speech**2) / np.mean(hiss**2)) / np.sqrt(10)
    noisy = np.clip(speech + hiss, -32768, 32767).astype("<i2").tobytes()
    assert transcribe_pcm(noisy, service=service, grammar=GRAMMAR).text == SENTENCE


class _FakeKaldi:
    """Stands in for a KaldiRecognizer that "hears" one confident word in whatever it is fed."""

    def AcceptWaveform(self, data: bytes) -> bool:  # noqa: N802 (Vosk's name)
        return False

    def PartialResult(self) -> str:  # noqa: N802
        return '{"partial": "또"}'

    def FinalResult(self) -> str:  # noqa: N802
        return json.dumps({"text": "또", "result": [{"word": "또", "start": 0.0, "end": 0.5, "conf": 1.0}]})


def _final(samples: np.ndarray) -> object:
    stream = Stream(_FakeKaldi(), sample_rate=16000, min_confidence=0.4, postprocess=None,
                    max_utterance_seconds=60)
    stream.accept(samples.astype("<i2").tobytes())
    return stream.finish()


def test_the_gate_judges_how_much_the_loudness_varies() -> None:
    seconds = np.arange(16000 * 2) / 16000
    hum = 3000 * np.sin(2 * np.pi * 50 * seconds)  # mains hum: as steady as sound gets
    assert _final(hum).noise_gated and _final(hum).text == ""
    syllables = hum * (np.sin(2 * np.pi * 4 * seconds) > 0)  # four bursts a second, silence between
    assert not _final(syllables).noise_gated and _final(syllables).text == "또"
    assert not _final(hum[:4000]).noise_gated  # a quarter second says too little to gate it
    assert DEFAULT_MIN_DYNAMIC_RANGE_DB > 6  # over the steadiest noise measured (docs/speech.md)
