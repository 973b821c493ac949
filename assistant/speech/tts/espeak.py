"""espeak-ng, offline: the voice that speaks when edge-tts cannot, encoded to MP3 like edge-tts."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from assistant.errors import AssistantError
from assistant.speech.tts.base import Synthesizer, detect_language
from assistant.speech.tts.encoding import encode_mp3

# After a comma, full stop, question mark, ... (kept with its clause); Latin marks only before a space.
_CLAUSE_END = re.compile(r"(?<=[\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001])|(?<=[.!?;:,])(?=\s)")


def split_clauses(text: str) -> list[str]:
    """The text cut after each clause-ending punctuation mark (Chinese or Latin), blanks dropped."""
    return [part.strip() for part in _CLAUSE_END.split(text) if part.strip()]


class EspeakFallback(Synthesizer):
    """espeak-ng, offline: Mandarin (``cmn``) or American English, encoded to MP3 like edge-tts."""

    name = "espeak-ng"

    def __init__(self, *, executable: str = "espeak-ng", voice: str | None = None) -> None:
        self.executable = executable
        self.voice = voice

    @staticmethod
    def espeak_voice(text: str, voice: str) -> str:
        """espeak-ng's voice: an espeak name passes through; an edge-tts name is replaced by language."""
        if voice and "Neural" not in voice:
            return voice
        return "cmn" if detect_language(text) == "zh" else "en-us"

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        """MP3 clause by clause: the first clause plays while the rest is still being made."""
        espeak_voice = self.espeak_voice(text, voice)
        for clause in split_clauses(text):
            wav = await self.speak_wav(clause, espeak_voice)
            # Bare MP3 frames (no ID3 tag, no Xing header), so the clauses join into one valid stream.
            yield await asyncio.to_thread(encode_mp3, wav, headers=False)

    async def speak_wav(self, text: str, espeak_voice: str) -> bytes:
        """espeak-ng's WAV output for ``text`` (text goes through stdin, so a leading '-' is safe)."""
        try:
            process = await asyncio.create_subprocess_exec(
                self.executable, "-v", espeak_voice, "-b", "1", "--stdout", "--stdin",
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            )
        except FileNotFoundError:
            raise AssistantError("espeak-ng is not installed: run `apt-get install espeak-ng`") from None
        wav, errors = await process.communicate(text.encode("utf-8"))
        if process.returncode != 0 or not wav:
            message = errors.decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
            raise AssistantError(f"espeak-ng could not speak with voice {espeak_voice!r}: {message}")
        return wav
