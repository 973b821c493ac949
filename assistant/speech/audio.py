"""Audio in any form a phone or browser makes, turned into what Vosk hears: 16 kHz mono int16 PCM.

Files (WAV, MP3, M4A/AAC, OGG/Opus, WebM, AMR, ...) are decoded with PyAV (FFmpeg) and resampled with
``av.AudioResampler``; raw PCM arriving over a socket at the browser's native rate (44.1/48 kHz) is
resampled chunk by chunk with the same resampler, so its filter state carries across chunk edges.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from assistant.errors import AssistantError

TARGET_RATE = 16000
"""The sample rate every Vosk model here was trained on."""

BYTES_PER_SECOND = TARGET_RATE * 2
MIN_RATE = 8000
MAX_RATE = 192000
DEFAULT_MAX_SECONDS = 15 * 60


class AudioError(AssistantError):
    """Audio that cannot be decoded or accepted; the message says what to send instead."""


@dataclass(frozen=True)
class DecodedAudio:
    """A whole recording as 16 kHz mono int16 PCM."""

    pcm: bytes
    source_rate: int
    source_channels: int
    codec: str

    @property
    def seconds(self) -> float:
        """Duration of the decoded audio."""
        return len(self.pcm) / BYTES_PER_SECOND


def check_sample_rate(rate: object) -> int:
    """``rate`` as an int if it is a sample rate we can resample from, else ``AudioError``."""
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate != int(rate):
        raise AudioError(f"sample rate {rate!r} is not a whole number of Hz: send e.g. 16000 or 48000")
    if not MIN_RATE <= int(rate) <= MAX_RATE:
        raise AudioError(
            f"sample rate {int(rate)} Hz is outside {MIN_RATE}–{MAX_RATE} Hz: record at 16000, "
            "44100 or 48000 Hz"
        )
    return int(rate)


def _frames_to_bytes(frames: list[av.AudioFrame]) -> bytes:
    return b"".join(frame.to_ndarray().astype(np.int16, copy=False).tobytes() for frame in frames)


class PcmResampler:
    """Streaming resampler for raw little-endian int16 PCM at any rate/channel count to 16 kHz mono."""

    def __init__(self, sample_rate: int, *, channels: int = 1) -> None:
        self.sample_rate = check_sample_rate(sample_rate)
        if channels not in (1, 2):
            raise AudioError(f"{channels} channels: send mono (or stereo) 16-bit PCM")
        self.channels = channels
        self._frame_bytes = 2 * channels
        self._carry = b""  # a chunk may end mid-sample; the rest arrives with the next chunk
        self._passthrough = self.sample_rate == TARGET_RATE and channels == 1
        self._resampler = (
            None if self._passthrough else av.AudioResampler(format="s16", layout="mono", rate=TARGET_RATE)
        )

    def convert(self, data: bytes) -> bytes:
        """Resample one chunk; returns the 16 kHz mono PCM ready so far (may be empty)."""
        data = self._carry + data
        usable = len(data) - len(data) % self._frame_bytes
        data, self._carry = data[:usable], data[usable:]
        if not data:
            return b""
        if self._passthrough:
            return data
        samples = np.frombuffer(data, dtype="<i2").reshape(1, -1)  # packed s16: one plane, interleaved
        frame = av.AudioFrame.from_ndarray(
            samples, format="s16", layout="stereo" if self.channels == 2 else "mono"
        )
        frame.sample_rate = self.sample_rate
        return _frames_to_bytes(self._resampler.resample(frame))

    def flush(self) -> bytes:
        """The samples still held inside the resampler's filter, at the end of a stream."""
        if self._passthrough or self._resampler is None:
            return b""
        frames = self._resampler.resample(None)
        # a flushed AudioResampler cannot take more input: start afresh for the next utterance
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=TARGET_RATE)
        return _frames_to_bytes(frames)


def _open(source: Path | bytes, max_bytes: int) -> av.container.InputContainer:
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = len(source)
        handle: object = io.BytesIO(bytes(source))
        name = "the upload"
    else:
        path = Path(source)
        if not path.is_file():
            raise AudioError(f"{path} does not exist: check the file name")
        size = path.stat().st_size
        handle = str(path)
        name = str(path)
    if size == 0:
        raise AudioError(f"{name} is empty: record again and send the whole file")
    if size > max_bytes:
        raise AudioError(
            f"{name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit: "
            "send a shorter recording (a few minutes at most)"
        )
    try:
        return av.open(handle, mode="r")
    except (av.FFmpegError, OSError, ValueError) as error:
        raise AudioError(
            f"{name} is not audio that FFmpeg can read ({error}): send WAV, MP3, M4A, OGG, WebM or AMR"
        ) from error


def iter_pcm(
    source: Path | bytes, *, max_bytes: int = 20 * 1024 * 1024, max_seconds: float = DEFAULT_MAX_SECONDS
) -> Iterator[bytes]:
    """Decode a file (path or bytes) chunk by chunk into 16 kHz mono int16 PCM."""
    container = _open(source, max_bytes)
    with container:
        streams = container.streams.audio
        if not streams:
            raise AudioError("the file has no audio track: send a voice recording")
        stream = streams[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=TARGET_RATE)
        produced = packets = bad = 0
        try:
            for packet in container.demux(stream):
                packets += 1
                try:
                    frames = packet.decode()
                except (av.FFmpegError, ValueError):
                    # phones write the odd frame FFmpeg cannot decode (AMR comfort noise, a damaged
                    # packet): skip it; too many such packets mean the file itself is broken (below)
                    bad += 1
                    continue
                for frame in frames:
                    frame.pts = None  # phones write odd timestamps; the resampler only needs the samples
                    chunk = _frames_to_bytes(resampler.resample(frame))
                    produced += len(chunk)
                    if produced > max_seconds * BYTES_PER_SECOND:
                        raise AudioError(
                            f"the recording is longer than {max_seconds / 60:.0f} minutes: "
                            "split it into shorter pieces"
                        )
                    if chunk:
                        yield chunk
            tail = _frames_to_bytes(resampler.resample(None))
        except (av.FFmpegError, ValueError) as error:
            heard = produced / BYTES_PER_SECOND
            raise AudioError(
                f"the audio is corrupt or cut short after {heard:.1f} s ({error}): "
                "send the complete recording again"
            ) from error
        if bad > max(2, packets // 5):
            raise AudioError(
                f"{bad} of {packets} audio packets are damaged: send the recording again, or as WAV or MP3"
            )
        if tail:
            produced += len(tail)
            yield tail
        if produced == 0:
            raise AudioError("the file holds no audio samples (empty or cut short): record again")


def decode_audio(
    source: Path | bytes, *, max_bytes: int = 20 * 1024 * 1024, max_seconds: float = DEFAULT_MAX_SECONDS
) -> DecodedAudio:
    """Decode a whole file (path or bytes) into 16 kHz mono int16 PCM."""
    container = _open(source, max_bytes)
    with container:
        streams = container.streams.audio
        if not streams:
            raise AudioError("the file has no audio track: send a voice recording")
        context = streams[0].codec_context
        info = (int(context.sample_rate or 0), int(context.channels or 0), context.name)
    pcm = b"".join(iter_pcm(source, max_bytes=max_bytes, max_seconds=max_seconds))
    return DecodedAudio(pcm=pcm, source_rate=info[0], source_channels=info[1], codec=info[2])


def rms_dbfs(pcm: bytes) -> float:
    """Loudness of int16 PCM in dB relative to full scale (-inf for digital silence)."""
    usable = len(pcm) - len(pcm) % 2
    if usable == 0:
        return float("-inf")
    samples = np.frombuffer(pcm[:usable], dtype="<i2").astype(np.float64)
    power = float(np.mean(samples * samples))
    return 10 * np.log10(power / (32768.0**2)) if power > 0 else float("-inf")
