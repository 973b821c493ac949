"""MP3 in and out with PyAV: every backend's audio re-encoded to one format, files written, lengths measured."""

from __future__ import annotations

import io
import os
from pathlib import Path

import av

from assistant.errors import Invalid

AUDIO_FORMAT = "mp3"
MP3_RATE = 24_000
MP3_BIT_RATE = 48_000


def audio_duration(data: bytes) -> float:
    """Seconds of audio in an encoded file (MP3, WAV, M4A, ...), counted by decoding it with PyAV."""
    try:
        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.audio[0]
            samples = sum(frame.samples for frame in container.decode(stream))
            return samples / stream.codec_context.sample_rate
    except (av.FFmpegError, IndexError) as error:
        raise Invalid(f"not playable audio ({error}); synthesize it again") from error


def write_audio_file(mp3: bytes, path: Path) -> None:
    """Write MP3 audio to ``path``: as it is for ``.mp3``, as 16-bit PCM for ``.wav``."""
    if path.suffix.lower() == ".wav":
        data = _transcode(mp3, container="wav", codec="pcm_s16le", sample_format="s16")
    elif path.suffix.lower() == ".mp3":
        data = mp3
    else:
        raise Invalid(f"cannot write {path.name}: use a file name ending in .mp3 or .wav", field="out")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def encode_mp3(audio: bytes, *, headers: bool = True) -> bytes:
    """Any decodable audio re-encoded as mono 24 kHz MP3, the format edge-tts produces.

    ``headers=False`` leaves out the ID3 tag and Xing header, for pieces joined into one stream.
    """
    options = {} if headers else {"id3v2_version": "0", "write_xing": "0"}
    return _transcode(audio, container="mp3", codec="libmp3lame", sample_format="fltp", bit_rate=MP3_BIT_RATE,
                      options=options)


def _transcode(
    audio: bytes, *, container: str, codec: str, sample_format: str, bit_rate: int | None = None,
    options: dict[str, str] | None = None,
) -> bytes:
    out = io.BytesIO()
    with av.open(io.BytesIO(audio)) as source, \
            av.open(out, "w", format=container, options=options or {}) as target:
        stream = target.add_stream(codec, rate=MP3_RATE)
        stream.layout = "mono"
        if bit_rate:
            stream.bit_rate = bit_rate
        resampler = av.AudioResampler(format=sample_format, layout="mono", rate=MP3_RATE)
        for frame in source.decode(source.streams.audio[0]):
            for converted in resampler.resample(frame):
                target.mux(stream.encode(converted))
        for converted in resampler.resample(None):
            target.mux(stream.encode(converted))
        target.mux(stream.encode(None))
    return out.getvalue()
