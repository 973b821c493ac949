"""Understanding one message: the trained Rasa model's intent and entities, in Rasa's parse format.

``NluParser`` loads a model once and parses many messages. The text goes through the same pipeline as in
training (``NormalizingJiebaTokenizer`` normalises it), so the ``text`` of the result is the normalised
text and entity ``start`` / ``end`` refer to it. TensorFlow and Rasa are imported only when a parser is
made, so ``assistant --help`` stays fast.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
import sys
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import get_settings
from assistant.errors import NotFound

logger = logging.getLogger(__name__)
MODEL_METADATA = "metadata.json"  # what every Rasa 3 model archive holds at its top


def usable_models(models_dir: Path | None = None) -> Iterator[Path]:
    """The model archives in ``models/`` that read back whole, newest first (checked one at a time, as
    they are asked for); an unreadable one (a copy cut short, a disk error) is skipped with a warning,
    so an older good model still serves."""
    folder = models_dir or get_settings().models_dir
    for archive in sorted(folder.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime, reverse=True):
        problem = unreadable_model(archive)
        if problem:
            logger.warning("skipping the model %s: %s", archive.name, problem)
        else:
            yield archive


def newest_model(models_dir: Path | None = None) -> Path:
    """The most recently trained model archive in ``models/`` that can be read."""
    found = next(usable_models(models_dir), None)
    if found is None:
        folder = models_dir or get_settings().models_dir
        raise NotFound(f"no usable trained model in {folder}: run `assistant train` first")
    return found


def unreadable_model(archive: Path) -> str | None:
    """Why ``archive`` is not a whole Rasa model archive, or None when it is."""
    try:
        # Reading every byte checks gzip's CRC, which catches damage the tar headers would not show.
        with gzip.open(archive) as stream:
            while stream.read(1 << 20):
                pass
        with tarfile.open(archive, "r:gz") as model:
            names = model.getnames()
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        return f"it cannot be read ({error})"
    return None if MODEL_METADATA in names else f"it holds no {MODEL_METADATA}, so it is not a Rasa model"


def quiet_rasa_logs() -> None:
    """Keep Rasa's and TensorFlow's start-up chatter out of command output."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # rasa_sdk warns on every form turn about slots that need no validation method (sale_customer is
    # resolved by the proposal, not the form).
    for name in ("rasa", "rasa_sdk", "tensorflow", "absl", "jieba", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import jieba
    import structlog

    jieba.setLogLevel(logging.ERROR)
    # Rasa logs every parse through structlog, which prints everything until someone configures it.
    if not structlog.is_configured():
        from rasa.utils.log_utils import configure_structlog

        # Rasa's set-up sends logging to stdout unless logging is set up already: keep stdout for output.
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(message)s")
        configure_structlog(logging.WARNING)


class NluParser:
    """A loaded Rasa model that turns text into intent + entities."""

    def __init__(self, model_path: Path | None = None, *, context: Any = None) -> None:
        """Load ``model_path`` (default: the newest model in ``models/``); the shop's names come from
        ``context`` (a ``ShopContext``; default: the process's standalone one)."""
        quiet_rasa_logs()
        from rasa.core.agent import Agent
        from rasa.utils.tensorflow.environment import setup_tf_environment

        setup_tf_environment()
        self.model_path = Path(model_path) if model_path else newest_model()
        self._loop = asyncio.new_event_loop()
        self._agent = Agent.load(str(self.model_path))
        if not self._agent.is_ready():
            raise NotFound(f"{self.model_path} is not a usable Rasa model: run `assistant train --force`")
        if context is not None:
            from assistant.brain.shop_names import attach_context

            attach_context(self._agent.processor.graph_runner, context)

    def parse(self, text: str) -> dict[str, Any]:
        """Rasa's parse result for ``text``: intent, entities, intent_ranking, normalised text."""
        return self._loop.run_until_complete(self._agent.parse_message(text))

    def close(self) -> None:
        """Release the event loop the parser runs Rasa's coroutines on."""
        self._loop.close()

    def __enter__(self) -> NluParser:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
