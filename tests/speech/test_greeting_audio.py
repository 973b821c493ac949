"""Recorded greetings: real speech (espeak-ng) padded with silence (sox) comes out trimmed, levelled, AAC."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.errors import Invalid
from assistant.speech.greeting_audio import prepare_greeting_audio

LEAD_SILENCE, TAIL_SILENCE = 1.5, 2.0


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True)


def seconds_of(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return sum(f.samples for f in container.decode(stream)) / stream.codec_context.sample_rate


def decode(path: Path) -> tuple[str, str, int, int, np.ndarray]:
    """(container, codec, rate, channels, mono float samples) as a phone's player would decode it."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])
        context = stream.codec_context
        return container.format.name, context.name, context.sample_rate, context.channels, samples


def dbfs(samples: np.ndarray) -> float:
    return 20 * float(np.log10(max(float(np.sqrt(np.mean(np.square(samples)))), 1e-9)))


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Speech as the owner's devices deliver it: padded WAV, a quiet memo, an M4A memo, raw 16 kHz PCM."""
    folder = tmp_path_factory.mktemp("recordings")
    speech = folder / "speech.wav"
    run("espeak-ng", "-v", "cmn", "-w", str(speech), "刘女士，生日快乐，祝您身体健康")
    padded = folder / "padded.wav"
    run("sox", str(speech), str(padded), "pad", str(LEAD_SILENCE), str(TAIL_SILENCE))
    quiet = folder / "quiet.wav"
    run("sox", "-v", "0.05", str(padded), str(quiet))
    memo = folder / "memo.m4a"
    run("ffmpeg", "-loglevel", "error", "-y", "-i", str(padded), "-c:a", "aac", "-b:a", "96k", str(memo))
    pcm = folder / "counter.raw"
    run("sox", str(padded), "-r", "16000", "-b", "16", "-c", "1", "-e", "signed-integer", "-t", "raw",
        str(pcm))
    silent = folder / "silent.wav"
    run("sox", "-n", "-r", "22050", "-c", "1", str(silent), "trim", "0", "3")
    return {"speech": speech, "padded": padded, "quiet": quiet, "memo": memo, "pcm": pcm, "silent": silent}


def test_padded_recording_is_trimmed_levelled_and_encoded_as_aac(recordings, tmp_path):
    out = tmp_path / "greeting.m4a"
    speech_seconds = seconds_of(recordings["speech"])

    result = prepare_greeting_audio(recordings["padded"].read_bytes(), destination=out)

    container, codec, rate, channels, samples = decode(out)
    assert "m4a" in container and codec == "aac" and (rate, channels) == (48_000, 1)
    assert result.path == out
    assert result.recorded_seconds == pytest.approx(speech_seconds + LEAD_SILENCE + TAIL_SILENCE, abs=0.05)
    # The 3.5 s of silence are gone; the voice and a short pad (at most 0.15 s each side) remain.
    assert speech_seconds - 0.3 < result.duration_seconds < speech_seconds + 0.35
    assert seconds_of(out) == pytest.approx(result.duration_seconds, abs=0.1)
    # No long silent stretch at either end: the first and last half second carry sound.
    half = rate // 2
    assert dbfs(samples[:half]) > -45 and dbfs(samples[-half:]) > -45
    assert float(np.max(np.abs(samples))) <= 10 ** (-0.5 / 20)  # no clipping after the AAC round trip


def test_quiet_memo_is_lifted_to_the_target_loudness(recordings, tmp_path):
    loud = prepare_greeting_audio(recordings["padded"], destination=tmp_path / "loud.m4a")
    quiet = prepare_greeting_audio(recordings["quiet"], destination=tmp_path / "quiet.m4a")

    assert quiet.gain_db > loud.gain_db + 20  # 0.05 × volume is 26 dB down
    loud_level = dbfs(decode(loud.path)[4])
    quiet_level = dbfs(decode(quiet.path)[4])
    assert abs(loud_level - quiet_level) < 1.5
    assert quiet.duration_seconds == pytest.approx(loud.duration_seconds, abs=0.1)


def test_phone_memo_in_m4a_is_accepted(recordings, tmp_path):
    result = prepare_greeting_audio(recordings["memo"], destination=tmp_path / "memo-out.m4a")
    assert result.duration_seconds < result.recorded_seconds - 3.0
    assert decode(result.path)[1] == "aac"


def test_counter_microphone_pcm_is_accepted(recordings, tmp_path):
    result = prepare_greeting_audio(recordings["pcm"].read_bytes(), destination=tmp_path / "pcm.m4a",
                                    pcm_sample_rate=16_000)
    assert result.recorded_seconds == pytest.approx(seconds_of(recordings["padded"]), abs=0.05)
    assert result.duration_seconds < result.recorded_seconds - 3.0
    assert decode(result.path)[2] == 48_000


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (lambda r: r["silent"].read_bytes(), "silent"),
        (lambda r: b"", "empty"),
        (lambda r: b"RIFF\x00\x00garbage that is not audio" * 20, "could not be read"),
        (lambda r: r["memo"].read_bytes()[:200], "could not be read"),
    ],
    ids=["silence", "empty", "garbage", "truncated"],
)
def test_unusable_recordings_are_refused_with_a_clear_error(recordings, tmp_path, make_source, message):
    out = tmp_path / "never.m4a"
    with pytest.raises(Invalid) as error:
        prepare_greeting_audio(make_source(recordings), destination=out)
    assert message in str(error.value) and "record" in str(error.value)
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
