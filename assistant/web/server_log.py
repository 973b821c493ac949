"""What ``assistant serve`` prints and what it writes down.

The console is the owner's: the ready link, the log-in, what is missing and what to do about it, and
errors. Library chatter — TensorFlow's start-up lines, deprecation warnings from Rasa's dependencies,
every request uvicorn served — goes to ``DATA_DIR/logs/server.log``, where whoever helps her can read it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "server.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file(data_dir: Path, name: str = LOG_NAME) -> Path:
    """A log file under ``data_dir`` (the server's by default; its folder made when missing)."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def quiet_console(path: Path) -> None:
    """Send Python warnings to ``path`` and keep TensorFlow's native logging quiet; call before anything
    imports TensorFlow (its C++ logging reads the environment once, at import)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    logging.captureWarnings(True)
    warnings_log = logging.getLogger("py.warnings")
    warnings_log.addHandler(handler)
    warnings_log.propagate = False
