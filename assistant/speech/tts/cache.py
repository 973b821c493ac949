"""Phrases already spoken, kept on disk as MP3 files so a repeated reply plays at once."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from assistant.speech.tts.encoding import AUDIO_FORMAT

_READ_CHUNK = 16 * 1024


class TTSCache:
    """MP3 files of phrases already spoken, keyed by (voice, rate, text), one file per phrase.

    Replies that name customers and figures rarely repeat word for word, so the folder would grow for
    ever: past ``max_bytes`` the least recently used phrases are deleted (a hit touches its file's
    modification time), down to nine tenths of the limit.
    """

    def __init__(self, folder: Path, *, max_bytes: int = 200 * 1024 * 1024) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._bytes: int | None = None  # the folder's size, counted once and then kept up to date

    def path_for(self, *, voice: str, rate: str, text: str) -> Path:
        """Where the audio of this phrase is (or would be) kept."""
        key = hashlib.sha256("\x00".join((voice, rate, text)).encode("utf-8")).hexdigest()
        return self.folder / f"{key}.{AUDIO_FORMAT}"

    def lookup(self, *, voice: str, rate: str, text: str) -> Path | None:
        """The cached file of this phrase, or None."""
        path = self.path_for(voice=voice, rate=rate, text=text)
        try:
            os.utime(path)  # recently used: the last to be pruned
        except FileNotFoundError:
            return None
        return path

    async def read(self, path: Path) -> AsyncIterator[bytes]:
        """A cached file in chunks, so a hit streams like the service would."""
        with path.open("rb") as file:
            while chunk := file.read(_READ_CHUNK):
                yield chunk

    def writer(self, *, voice: str, rate: str, text: str) -> CacheWriter:
        """A writer that makes the phrase's file appear only when ``commit`` is called."""
        return CacheWriter(self.path_for(voice=voice, rate=rate, text=text), on_commit=self._added)

    def size(self) -> int:
        """Bytes of phrases in the folder now."""
        return sum(entry.stat().st_size for entry in self._phrases())

    def _phrases(self) -> list[os.DirEntry]:
        if not self.folder.is_dir():
            return []
        with os.scandir(self.folder) as entries:
            return [e for e in entries if e.is_file() and not e.name.startswith(".")
                    and e.name.endswith(f".{AUDIO_FORMAT}")]

    def _added(self, size: int) -> None:
        if self._bytes is None:
            self._bytes = self.size()
        else:
            self._bytes += size
        if self._bytes > self.max_bytes:
            self.prune()

    def prune(self) -> int:
        """Delete the least recently used phrases until the folder is under nine tenths of the limit;
        returns how many were deleted."""
        phrases = sorted(self._phrases(), key=lambda e: e.stat().st_mtime)
        total = sum(e.stat().st_size for e in phrases)
        deleted = 0
        for entry in phrases:
            if total <= self.max_bytes * 0.9:
                break
            size = entry.stat().st_size
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                deleted += 1
            total -= size
        self._bytes = total
        return deleted


class CacheWriter:
    """Writes one cache file atomically: a temporary file renamed into place on ``commit``."""

    def __init__(self, target: Path, *, on_commit: Callable[[int], None] | None = None) -> None:
        self.target = target
        self._on_commit = on_commit
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=f".{AUDIO_FORMAT}")
        self._file = os.fdopen(handle, "wb")
        self._temporary = Path(name)

    def write(self, data: bytes) -> None:
        """Append a chunk."""
        self._file.write(data)

    def commit(self) -> None:
        """Make the file visible under its key (a reader never sees half a phrase)."""
        self._file.close()
        size = self._temporary.stat().st_size
        os.replace(self._temporary, self.target)
        if self._on_commit is not None:
            self._on_commit(size)

    def discard(self) -> None:
        """Drop what was written (the stream failed or the listener went away)."""
        self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._temporary.unlink()
