"""``assistant say``: speak a text into an audio file (edge-tts, cached, espeak-ng when offline)."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from assistant.config import get_settings
from assistant.errors import Invalid
from assistant.speech.tts import LANGUAGES, make_synthesizer, write_audio_file


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    say = subparsers.add_parser("say", help="speak TEXT into an audio file (.mp3 or .wav)")
    say.add_argument("text", metavar="TEXT")
    say.add_argument("--out", required=True, type=Path, metavar="FILE", help="where to write: .mp3 or .wav")
    say.add_argument("--voice", help="an edge-tts voice (default: ASSISTANT_TTS_VOICE or one per language)")
    say.add_argument("--language", choices=LANGUAGES, help="reply language (default: from the text)")
    say.add_argument("--offline", action="store_true", help="use espeak-ng only, without trying edge-tts")
    say.set_defaults(handler=_say)


def _say(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in (".mp3", ".wav"):
        raise Invalid(f"cannot write {args.out.name}: use a file name ending in .mp3 or .wav", field="out")
    synthesizer = make_synthesizer(settings=get_settings(), offline=args.offline)
    spoken = asyncio.run(synthesizer.synthesize(
        args.text, language=args.language, voice=args.voice))
    write_audio_file(spoken.data, args.out)
    print(f"{spoken.backend} spoke {spoken.duration_seconds:.1f} s of audio -> {args.out}")
    if spoken.note:
        print(f"  because {spoken.note}")
    return 0
