"""What a recognizer stream hands out: words heard, the text so far, a finished utterance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Word:
    """One recognised word with its time span (seconds) and Vosk's confidence (0–1)."""

    word: str
    start: float
    end: float
    conf: float

    def to_vosk(self) -> dict[str, Any]:
        """The word as vosk-server writes it in ``result``."""
        return {"conf": self.conf, "end": self.end, "start": self.start, "word": self.word}


@dataclass(frozen=True)
class Partial:
    """The text heard so far in the current utterance (may still change)."""

    text: str


@dataclass(frozen=True)
class Final:
    """A finished utterance: kept words, the text the dialogue sees, and what Vosk said before filtering."""

    text: str
    words: tuple[Word, ...] = ()
    raw_text: str = ""
    dropped: tuple[Word, ...] = ()
    cut_off: bool = False  # ended by the utterance length limit, not by silence
    noise_gated: bool = False  # every word dropped: the audio was as steady as noise (see ``stream``)


Event = Partial | Final
