"""Speech synthesis: edge-tts with an on-disk cache and an offline espeak-ng fallback.

Every backend hands out the same format, MP3 (mono, 24 kHz, the format edge-tts streams), so callers
(the voice socket, the phone page, ``assistant say``, composed greetings) never branch on who spoke.
``ReplyVoice`` is what they use: cache first, then edge-tts, and espeak-ng when edge-tts fails or has
not produced its first audio within a few seconds, so speech never holds a reply back for long.

One module per job: ``base`` (the ``Synthesizer`` interface and what it hands out), ``encoding`` (MP3
with PyAV), ``edge`` (edge-tts), ``espeak`` (the offline fallback), ``cache`` (phrases on disk) and
``voice`` (``ReplyVoice`` and ``make_synthesizer``). What callers import is re-exported here.
"""

from assistant.speech.tts.base import (
    DEFAULT_VOICES,
    LANGUAGES,
    SpeechAudio,
    SpeechChunk,
    Synthesizer,
    WordBoundary,
    clean_text,
    detect_language,
)
from assistant.speech.tts.cache import CacheWriter, TTSCache
from assistant.speech.tts.edge import SERVICE_ERRORS, EdgeTTS
from assistant.speech.tts.encoding import (
    AUDIO_FORMAT,
    MP3_BIT_RATE,
    MP3_RATE,
    audio_duration,
    encode_mp3,
    write_audio_file,
)
from assistant.speech.tts.espeak import EspeakFallback, split_clauses
from assistant.speech.tts.voice import ReplyVoice, make_synthesizer

__all__ = [
    "AUDIO_FORMAT",
    "DEFAULT_VOICES",
    "LANGUAGES",
    "MP3_BIT_RATE",
    "MP3_RATE",
    "SERVICE_ERRORS",
    "CacheWriter",
    "EdgeTTS",
    "EspeakFallback",
    "ReplyVoice",
    "SpeechAudio",
    "SpeechChunk",
    "Synthesizer",
    "TTSCache",
    "WordBoundary",
    "audio_duration",
    "clean_text",
    "detect_language",
    "encode_mp3",
    "make_synthesizer",
    "split_clauses",
    "write_audio_file",
]
