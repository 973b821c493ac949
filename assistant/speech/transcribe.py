"""A recording (any format a phone makes) to a transcript: ``assistant transcribe FILE``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.speech.audio import BYTES_PER_SECOND, DEFAULT_MAX_SECONDS, iter_pcm
from assistant.speech.recognizer import Final, GrammarSource, RecognizerService

CHUNK_BYTES = BYTES_PER_SECOND // 4
"""Audio is fed in quarter-second chunks, as a live stream would arrive."""


@dataclass(frozen=True)
class Transcript:
    """The utterances of one recording and their joined text."""

    utterances: tuple[Final, ...]
    seconds: float

    @property
    def text(self) -> str:
        """Every non-empty utterance's text, separated by spaces."""
        return " ".join(u.text for u in self.utterances if u.text)

    def to_json(self) -> dict[str, Any]:
        """``assistant transcribe --json`` output."""
        return {
            "text": self.text,
            "seconds": round(self.seconds, 3),
            "utterances": [
                {
                    "text": u.text,
                    "raw_text": u.raw_text,
                    "cut_off": u.cut_off,
                    "words": [w.to_vosk() for w in u.words],
                    "dropped": [w.to_vosk() for w in u.dropped],
                }
                for u in self.utterances
                if u.text
            ],
        }


def transcribe_pcm(
    pcm: bytes, *, service: RecognizerService, grammar: GrammarSource | None = None
) -> Transcript:
    """Transcribe 16 kHz mono int16 PCM."""
    return _run([pcm], service=service, grammar=grammar)


def transcribe_file(
    source: Path | bytes,
    *,
    service: RecognizerService,
    grammar: GrammarSource | None = None,
    max_bytes: int = 20 * 1024 * 1024,
    max_seconds: float = DEFAULT_MAX_SECONDS,
) -> Transcript:
    """Decode a file (path or bytes) and transcribe it; ``AudioError`` if it cannot be decoded."""
    return _run(
        iter_pcm(source, max_bytes=max_bytes, max_seconds=max_seconds), service=service, grammar=grammar
    )


def _run(chunks: Any, *, service: RecognizerService, grammar: GrammarSource | None) -> Transcript:
    stream = service.open_stream(grammar=grammar)
    utterances: list[Final] = []
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= CHUNK_BYTES:
            event = stream.accept(buffer[:CHUNK_BYTES])
            buffer = buffer[CHUNK_BYTES:]
            if isinstance(event, Final):
                utterances.append(event)
    if buffer:
        event = stream.accept(buffer)
        if isinstance(event, Final):
            utterances.append(event)
    utterances.append(stream.finish())
    return Transcript(utterances=tuple(utterances), seconds=stream.audio_seconds)
