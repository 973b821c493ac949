"""The dialogue model loads after the server has started: pages and reports answer at once, the chat
says "one moment" for the ~30 s the model takes, and an unreadable model falls back to the one before.

State on ``app.state``: ``brain`` (None until loaded), ``brain_ready`` (loading is over, with or without
a model) and ``brain_problem`` (why there is no model, in Chinese and English).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.context import ShopContext

logger = logging.getLogger(__name__)

GETTING_READY = "正在准备,请稍等一下 / Getting ready, one moment"
NO_MODEL = ("还没有训练好的模型:请运行 assistant train,然后重新启动 / "
            "There is no trained model yet: run `assistant train`, then restart")
BROKEN_MODEL = ("模型文件读不出来:请运行 assistant train --force,然后重新启动 / "
                "The model files cannot be loaded: run `assistant train --force`, then restart")
NOT_LOADED = "这个服务没有加载对话模型 / This server was started without the dialogue model"


def set_brain(state: Any, brain: object | None) -> None:
    """Start ``state`` with a given brain (tests) or none (then the chat says it was not loaded)."""
    state.brain = brain
    state.brain_ready = True
    state.brain_problem = None if brain is not None else NOT_LOADED


def start_loading(state: Any, context: ShopContext) -> threading.Thread:
    """Load the model in a thread of its own (Rasa's loading is blocking work); chat waits meanwhile."""
    state.brain_ready = False
    loader = threading.Thread(target=load_brain, args=(state, context), name="brain-loader", daemon=True)
    loader.start()
    return loader


def unavailable(state: Any) -> str:
    """What the chat answers while there is no model: one moment, or why there is none."""
    return GETTING_READY if not state.brain_ready else state.brain_problem or NOT_LOADED


async def wait_for_brain(state: Any, seconds: float = 120.0, step: float = 0.5) -> object | None:
    """The loaded brain, waiting up to ``seconds`` while it still loads: a question spoken right after a
    restart is answered once the model is in, not lost (None when there is no model to wait for)."""
    waited = 0.0
    while state.brain is None and not state.brain_ready and waited < seconds:
        await asyncio.sleep(step)
        waited += step
    return state.brain


def load_brain(state: Any, context: ShopContext) -> None:
    """Load the newest model that works for ``context`` into ``state.brain``; when none does,
    ``state.brain_problem`` says why. An archive that cannot be loaded is skipped for the one before."""
    from assistant.brain.dialogue import Brain
    from assistant.brain.nlu import usable_models

    models_dir = context.settings.models_dir
    problem: str | None = NO_MODEL
    try:
        for path in usable_models(models_dir):
            try:
                state.brain = Brain.load(context, model_path=path)
                problem = None
                break
            except Exception as error:  # noqa: BLE001 (whatever breaks in Rasa, pages must keep serving)
                logger.warning("the model %s could not be loaded (%s); trying an older one", path.name, error)
                problem = BROKEN_MODEL
    except Exception:  # noqa: BLE001 (the models folder itself cannot be read)
        logger.exception("looking for a model failed")
        problem = BROKEN_MODEL
    if problem == NO_MODEL and any(models_dir.glob("*.tar.gz")):
        problem = BROKEN_MODEL  # there are archives, but none could be read
    if problem:
        logger.warning("%s", problem)
    state.brain_problem = problem
    state.brain_ready = True
