"""Decoding phone audio and resampling browser PCM to 16 kHz mono (PyAV)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.speech.audio import AudioError, PcmResampler, check_sample_rate, decode_audio, rms_dbfs

FORMATS = {
    "wav": (),
    "m4a": ("-c:a", "aac", "-ar", "44100", "-ac", "2"),
    "mp3": (
        "-ar",
        "44100",
    ),
    "ogg": ("-c:a", "libopus", "-ar", "48000"),
    "webm": (
        "-c:a",
        "libopus",
    ),
}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_phone_format_decodes_to_16k_mono_of_the_same_length(
    suffix: str, speech_dir: Path, encode: Callable[..., Path]
) -> None:
    path = encode(f"sentence-{suffix}.{suffix}", *FORMATS[suffix])
    audio = decode_audio(path)
    assert len(audio.pcm) % 2 == 0
    assert audio.seconds == pytest.approx(93615 / 22050, abs=0.08)  # espeak's 4.25 s, whatever the codec
    assert rms_dbfs(audio.pcm) > -40  # speech, not silence


def test_bytes_decode_like_the_file(speech_dir: Path, encode: Callable[..., Path]) -> None:
    path = encode("sentence-m4a.m4a", *FORMATS["m4a"])
    assert decode_audio(path.read_bytes()).pcm == decode_audio(path).pcm


def _sine(rate: int, seconds: float, frequency: float) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * math.pi * frequency * t) * 12000).astype("<i2").tobytes()


def _dominant_frequency(pcm: bytes, rate: int) -> float:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.argmax(spectrum) * rate / len(samples))


@pytest.mark.parametrize("rate", [44100, 48000, 22050, 8000, 16000])
def test_streaming_resampler_keeps_pitch_and_length_across_odd_chunk_edges(rate: int) -> None:
    pcm = _sine(rate, 2.0, 440.0)
    resampler = PcmResampler(rate)
    sizes = [1, 333, 4097, 960 * 2 + 1]  # odd byte counts split samples between chunks
    out, i, k = b"", 0, 0
    while i < len(pcm):
        out += resampler.convert(pcm[i : i + sizes[k % len(sizes)]])
        i += sizes[k % len(sizes)]
        k += 1
    out += resampler.flush()
    assert len(out) / 32000 == pytest.approx(2.0, abs=0.01)
    assert _dominant_frequency(out, 16000) == pytest.approx(440.0, abs=2.0)


def test_stereo_pcm_is_mixed_down() -> None:
    mono = np.frombuffer(_sine(48000, 1.0, 300.0), dtype="<i2")
    stereo = np.stack([mono, mono], axis=1).reshape(-1).tobytes()
    resampler = PcmResampler(48000, channels=2)
    out = resampler.convert(stereo) + resampler.flush()
    assert len(out) / 32000 == pytest.approx(1.0, abs=0.01)
    assert _dominant_frequency(out, 16000) == pytest.approx(300.0, abs=2.0)


@pytest.mark.parametrize("rate", [0, -16000, 7999, 400000, 16000.5, "16000", None, True])
def test_impossible_sample_rates_are_refused_with_a_hint(rate: object) -> None:
    with pytest.raises(AudioError, match="16000|48000"):
        check_sample_rate(rate)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(AudioError, match="empty: record again"):
        decode_audio(tmp_path / "empty.wav")


def test_text_posing_as_audio(tmp_path: Path) -> None:
    (tmp_path / "notes.m4a").write_text("王阿姨买了两袋米\n" * 20)
    with pytest.raises(AudioError, match="not audio that FFmpeg can read.*send WAV, MP3"):
        decode_audio(tmp_path / "notes.m4a")


def test_truncated_files(speech_dir: Path, encode: Callable[..., Path], tmp_path: Path) -> None:
    wav = (speech_dir / "sentence.wav").read_bytes()
    with pytest.raises(AudioError, match="no audio samples|cut short"):
        decode_audio(wav[:60])  # the header, no samples
    m4a = encode("sentence-m4a.m4a", *FORMATS["m4a"]).read_bytes()
    with pytest.raises(AudioError):
        decode_audio(m4a[: len(m4a) // 20])  # MP4 keeps its index at the end: unreadable when cut
    mp3 = encode("sentence-mp3.mp3", *FORMATS["mp3"]).read_bytes()
    half = decode_audio(mp3[: len(mp3) // 2])  # MP3 frames stand alone: what arrived is still usable
    assert 1.5 < half.seconds < 2.8


def test_oversized_and_overlong_input(speech_dir: Path) -> None:
    wav = speech_dir / "sentence.wav"
    with pytest.raises(AudioError, match="over the .* limit: send a shorter recording"):
        decode_audio(wav, max_bytes=10_000)
    with pytest.raises(AudioError, match="longer than .* minutes"):
        decode_audio(wav, max_seconds=2.0)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="does not exist"):
        decode_audio(tmp_path / "nope.wav")


def test_loudness() -> None:
    assert rms_dbfs(b"") == float("-inf")
    assert rms_dbfs(bytes(3200)) == float("-inf")
    assert rms_dbfs(_sine(16000, 0.5, 440)) == pytest.approx(
        20 * math.log10(12000 / 32768 / math.sqrt(2)), abs=0.1
    )
