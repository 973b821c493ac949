"""Where greetings' audio files live: ``<data_dir>/greetings/<shop_id>/``, written whole or not at all.

The row keeps the path relative to the data folder so the folder can move; the data folder is always
the caller's (``settings.data_dir`` of its context), never looked up here.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from assistant.db.models import Greeting
from assistant.errors import NotFound

AUDIO_FOLDER = "greetings"


def new_audio_path(*, data_dir: Path, shop_id: int, suffix: str) -> tuple[Path, str]:
    """An absolute path for a new audio file and the form stored in the row (relative to data_dir)."""
    relative = f"{AUDIO_FOLDER}/{shop_id}/{uuid.uuid4().hex}{suffix}"
    return data_dir / relative, relative


def write_audio(path: Path, audio: bytes) -> None:
    """Write ``audio`` to ``path`` through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(audio)
    temporary.replace(path)


def greeting_audio_path(greeting: Greeting, *, data_dir: Path) -> Path:
    """The greeting's audio file, to play or download; ``NotFound`` when it has none or it is gone."""
    if not greeting.audio_path:
        raise NotFound(f"greeting {greeting.id} has no audio; it is text only")
    folder = (data_dir / AUDIO_FOLDER).resolve()
    path = (data_dir / greeting.audio_path).resolve()
    if folder not in path.parents:
        raise NotFound(f"greeting {greeting.id} points outside the greetings folder")
    if not path.is_file():
        raise NotFound(f"the audio of greeting {greeting.id} is missing from {path.parent}; "
                       "record or make the greeting again")
    return path
