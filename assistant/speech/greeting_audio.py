"""The owner's recorded greetings: decode any recording, trim the silence, level it, encode M4A/AAC.

Input can be a file (an uploaded voice memo: M4A, MP3, OGG/Opus, WebM, WAV...), its bytes, or raw 16-bit
mono PCM from the counter microphone or the phone's voice socket. Output is mono AAC at 64 kbit/s in an
M4A file, which phones, WeChat and browsers all play. Decoding is done here at 48 kHz rather than through
the recognizer's 16 kHz path, so the customer hears the owner's voice at full quality.

Loudness: RMS normalisation of the voiced part to -20 dBFS, with the gain capped so the peak stays at or
below -1 dBFS (a quiet memo is lifted, a shouted one is lowered, nothing clips).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from assistant.errors import Invalid

SAMPLE_RATE = 48_000
BIT_RATE = 64_000
TARGET_RMS_DBFS = -20.0
PEAK_CEILING_DBFS = -1.0
# A 20 ms frame counts as voice when it is within 30 dB of the loudest frame: relative, so a quiet memo
# and a loud one are cut and levelled alike, and a room's hum stays out. A recording whose loudest frame
# is under -55 dBFS (a muted or unplugged microphone) is refused as silent.
SILENCE_DBFS = -55.0
RELATIVE_SILENCE_DB = 30.0
FRAME_SECONDS = 0.02
# Kept around the voice so the first and last syllables are not clipped.
PAD_SECONDS = 0.15
MIN_VOICE_SECONDS = 0.3
MAX_SECONDS = 300.0
_EMPTY_ZH = "录音是空的,请重新录一段祝福"


@dataclass(frozen=True)
class GreetingAudio:
    """A finished greeting recording: where it is and how long it plays."""

    path: Path
    duration_seconds: float
    recorded_seconds: float
    gain_db: float


def prepare_greeting_audio(
    source: bytes | Path, *, destination: Path, pcm_sample_rate: int | None = None
) -> GreetingAudio:
    """Decode, trim, level and encode a recording to ``destination`` (.m4a); refuses unusable audio.

    ``source`` is an encoded file or its bytes; with ``pcm_sample_rate`` it is raw 16-bit mono PCM.
    """
    if pcm_sample_rate is not None:
        if not isinstance(source, bytes):
            source = Path(source).read_bytes()
        samples = pcm16_samples(source, sample_rate=pcm_sample_rate)
    else:
        samples = decode_samples(source)
    recorded = len(samples) / SAMPLE_RATE
    if recorded > MAX_SECONDS:
        raise Invalid(f"the recording is {recorded:.0f} s long; a greeting can be at most "
                      f"{MAX_SECONDS / 60:.0f} minutes, record a shorter one", field="audio",
                      zh=f"录音有{recorded:.0f}秒长,祝福最多{MAX_SECONDS / 60:.0f}分钟,请录短一点")
    voiced = trim_silence(samples)
    levelled, gain_db = level_loudness(voiced)
    encode_m4a(levelled, destination)
    return GreetingAudio(path=destination, duration_seconds=len(levelled) / SAMPLE_RATE,
                         recorded_seconds=recorded, gain_db=gain_db)


def decode_samples(source: bytes | Path) -> np.ndarray:
    """Mono float samples at 48 kHz from any audio file PyAV (FFmpeg) can read."""
    if isinstance(source, bytes) and not source:
        raise Invalid("the recording is empty; record the greeting again", field="audio", zh=_EMPTY_ZH)
    opened = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    try:
        with av.open(opened) as container:
            if not container.streams.audio:
                raise Invalid("the file has no sound in it; send a voice recording", field="audio",
                              zh="这个文件里没有声音,请发一段录音")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            pieces = [converted.to_ndarray().reshape(-1)
                      for frame in container.decode(container.streams.audio[0])
                      for converted in resampler.resample(frame)]
            pieces += [converted.to_ndarray().reshape(-1) for converted in resampler.resample(None)]
    except FileNotFoundError:
        raise Invalid(f"no recording at {source}", field="audio", zh=f"找不到录音文件 {source}") from None
    except av.FFmpegError as error:
        raise Invalid(f"the recording could not be read ({error}); it may be damaged, record it again",
                      field="audio", zh="这段录音读不出来,可能坏了,请重新录一段") from error
    samples = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, dtype=np.float32)
    if not len(samples):
        raise Invalid("the recording is empty; record the greeting again", field="audio", zh=_EMPTY_ZH)
    return samples


def pcm16_samples(pcm: bytes, *, sample_rate: int) -> np.ndarray:
    """Mono float samples at 48 kHz from raw little-endian 16-bit mono PCM at ``sample_rate``."""
    if len(pcm) < 2:
        raise Invalid("the recording is empty; record the greeting again", field="audio", zh=_EMPTY_ZH)
    if not 8_000 <= sample_rate <= 192_000:
        raise Invalid(f"sample rate {sample_rate} Hz is not a microphone's rate", field="sample_rate",
                      zh=f"采样率 {sample_rate} Hz 不是麦克风的采样率")
    ints = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    frame = av.AudioFrame.from_ndarray(ints.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = sample_rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    converted = [*resampler.resample(frame), *resampler.resample(None)]
    return np.concatenate([c.to_ndarray().reshape(-1) for c in converted]).astype(np.float32)


def _frame_levels(samples: np.ndarray) -> np.ndarray:
    """RMS level in dBFS of each 20 ms frame."""
    size = int(SAMPLE_RATE * FRAME_SECONDS)
    count = len(samples) // size
    if count == 0:
        return np.full(1, _dbfs(float(np.sqrt(np.mean(np.square(samples))))) if len(samples) else -120.0)
    frames = samples[: count * size].reshape(count, size)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-6))


def _dbfs(amplitude: float) -> float:
    return 20 * float(np.log10(max(amplitude, 1e-6)))


def _voice_threshold(levels: np.ndarray) -> float:
    return max(SILENCE_DBFS, float(levels.max()) - RELATIVE_SILENCE_DB)


def trim_silence(samples: np.ndarray) -> np.ndarray:
    """The samples from the first to the last voiced frame, with a short pad; refuses silence."""
    levels = _frame_levels(samples)
    if float(levels.max()) < SILENCE_DBFS:
        raise Invalid("the recording is silent; check the microphone and record the greeting again",
                      field="audio", zh="录音里没有声音,请检查麦克风后重新录")
    voiced = np.flatnonzero(levels >= _voice_threshold(levels))
    size = int(SAMPLE_RATE * FRAME_SECONDS)
    if len(voiced) * FRAME_SECONDS < MIN_VOICE_SECONDS:
        raise Invalid("the recording has hardly any voice in it; say the greeting again, a little longer",
                      field="audio", zh="录音里几乎听不到说话,请再说一遍祝福,说长一点")
    pad = int(SAMPLE_RATE * PAD_SECONDS)
    start = max(0, int(voiced[0]) * size - pad)
    end = min(len(samples), (int(voiced[-1]) + 1) * size + pad)
    return samples[start:end]


def level_loudness(samples: np.ndarray) -> tuple[np.ndarray, float]:
    """The samples scaled so the voiced frames' RMS is -20 dBFS, peak at most -1 dBFS; and the gain in dB."""
    levels = _frame_levels(samples)
    voiced = levels[levels >= _voice_threshold(levels)]
    # Mean power of the voiced frames, so pauses between sentences do not make the voice too loud.
    voice_rms_db = 10 * float(np.log10(np.mean(np.power(10.0, voiced / 10))))
    peak_db = _dbfs(float(np.max(np.abs(samples))))
    gain_db = min(TARGET_RMS_DBFS - voice_rms_db, PEAK_CEILING_DBFS - peak_db)
    levelled = (samples * np.float32(10 ** (gain_db / 20))).astype(np.float32)
    return levelled, gain_db


def encode_m4a(samples: np.ndarray, destination: Path) -> None:
    """Write mono 48 kHz float samples as AAC (64 kbit/s) in an M4A file, atomically."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.partial")
    try:
        # faststart puts the index first, so a phone can start playing before the download finishes.
        with av.open(str(temporary), "w", format="ipod", options={"movflags": "+faststart"}) as container:
            stream = container.add_stream("aac", rate=SAMPLE_RATE)
            stream.layout = "mono"
            stream.bit_rate = BIT_RATE
            frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="fltp", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
