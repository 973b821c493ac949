"""Settings, read once from the environment (CONTRACT §2)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, validator

ROOT = Path(__file__).resolve().parent.parent
"""The repository root: the Rasa project (config.yml, domain, nlu/) lives here."""


class Settings(BaseSettings):
    """The assistant's settings; every field is an optional ``ASSISTANT_*`` variable."""

    db_url: str = "sqlite:///data/shop.db"
    today: dt.date | None = None
    vosk_model: str | None = None
    language: str = "auto"
    tts_voice: str | None = None
    models_dir: Path = ROOT / "models"
    data_dir: Path = ROOT / "data"
    session_hours: int = 12
    max_upload_bytes: int = 20 * 1024 * 1024
    speech_end_silence: float | None = None  # seconds of silence that end an utterance (docs/speech.md)
    speech_min_confidence: float = 0.4  # recognised words below this confidence are dropped
    tts_cache_mb: int = 200  # spoken phrases kept on disk; the least recently used go first past this
    shop: str | None = None  # which shop of the database this installation serves (default: the first)
    redis_url: str | None = None  # Redis for Rasa's lock store when several replicas share one database

    class Config:
        env_prefix = "ASSISTANT_"

    @validator("language")
    def _known_language(cls, value: str) -> str:
        if value not in {"zh", "en", "auto"}:
            raise ValueError("ASSISTANT_LANGUAGE must be zh, en or auto")
        return value

    @validator("today", pre=True)
    def _blank_today_is_none(cls, value: object) -> object:
        return value or None

    @property
    def resolved_db_url(self) -> str:
        """The database URL with a relative SQLite path anchored at the repository root."""
        prefix = "sqlite:///"
        if self.db_url.startswith(prefix) and not self.db_url.startswith(prefix + "/"):
            path = self.db_url[len(prefix):]
            if path and path != ":memory:":
                return prefix + str(ROOT / path)
        return self.db_url

    def tts_voice_for(self, language: str) -> str:
        """The edge-tts voice for a reply language, honouring ``ASSISTANT_TTS_VOICE``."""
        if self.tts_voice:
            return self.tts_voice
        return "en-US-AriaNeural" if language == "en" else "zh-CN-XiaoxiaoNeural"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests call ``get_settings.cache_clear()`` after changing env)."""
    return Settings()
