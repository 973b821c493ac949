"""Speech in and out: decoding, recognition, synthesis and the owner's recorded greetings.

Recognition's public API is re-exported here; synthesis lives in ``assistant.speech.tts``.
"""

from assistant.speech.audio import AudioError, DecodedAudio, PcmResampler, decode_audio, iter_pcm
from assistant.speech.recognizer import (
    AsyncStream,
    Final,
    ModelCache,
    Partial,
    RecognizerService,
    Stream,
    Word,
    grammar_json,
    tuned_model_dir,
)
from assistant.speech.transcribe import Transcript, transcribe_file, transcribe_pcm
from assistant.speech.vosk_models import MODELS, ModelUnavailable, pull_model, resolve_model_path

__all__ = [
    "MODELS",
    "AsyncStream",
    "AudioError",
    "DecodedAudio",
    "Final",
    "ModelCache",
    "ModelUnavailable",
    "Partial",
    "PcmResampler",
    "RecognizerService",
    "Stream",
    "Transcript",
    "Word",
    "decode_audio",
    "grammar_json",
    "iter_pcm",
    "pull_model",
    "resolve_model_path",
    "transcribe_file",
    "transcribe_pcm",
    "tuned_model_dir",
]
