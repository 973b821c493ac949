"""A real uvicorn server for the browser tests: the web app on a temp SQLite database with a small
hand-written brain (no trained model needed) and the Korean Vosk model from PyPI as its ears.

Run by the tests as ``python tests/browser/server.py PORT MODEL_DIR [LOADING_SECONDS]`` with
``ASSISTANT_DB_URL``, ``ASSISTANT_TODAY`` and ``ASSISTANT_DATA_DIR`` in the environment; with
LOADING_SECONDS the brain is "still loading" for that long after start, as after a restart.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

import uvicorn
from sqlalchemy.engine import Engine

from assistant.brain.dialogue import Turn
from assistant.cli.serve import WS_PROTOCOL
from assistant.db import default_engine, session_scope
from assistant.shop.reports import run_report, summarise
from assistant.shop.shops import default_shop_id
from assistant.speech.recognizer import ModelCache, RecognizerService
from assistant.speech.tts import make_synthesizer
from assistant.web.app import create_app
from assistant.web.brain_loader import set_brain


class ShopBrain:
    """Answers "how much did we sell today" from the real sales report, reads a sale back and waits for
    yes or no like the trained dialogue (nothing is written), and says what it heard otherwise."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.turns: dict[str, list[dict[str, str]]] = {}
        self.waiting: dict[str, dict] = {}

    async def handle(self, text: str, sender: str = "owner", channel: str = "chat") -> Turn:
        """One reply, like the trained dialogue's."""
        if "慢慢" in text:
            await asyncio.sleep(1.5)  # long enough for the page's "thinking" state to be seen
        if "卖了多少" in text:
            with session_scope(self.engine) as session:
                report = run_report(session, "sales", shop_id=default_shop_id(session), options={})
                answer = summarise(report, "zh")
        elif "买了" in text:
            answer = "王秀英买了两袋东北大米,一共120元,对吗?"
            self.waiting[sender] = {"kind": "sale", "summary": answer, "data": {}}
        elif text == "/affirm" and self.waiting.pop(sender, None):
            answer = "记好了。"
        elif text == "/deny" and self.waiting.pop(sender, None):
            answer = "好,不记了。"
        else:
            answer = f"听到了:{text}"
        self.turns.setdefault(sender, []).extend([{"from": "owner", "text": text},
                                                  {"from": "assistant", "text": answer}])
        return Turn(messages=[{"recipient_id": sender, "text": answer}])

    async def pending(self, sender: str) -> dict | None:
        """The read-back waiting for yes or no, if any."""
        return self.waiting.get(sender)

    async def history(self, sender: str) -> list[dict[str, str]]:
        """The conversation so far."""
        return list(self.turns.get(sender, []))

    async def wants_recording(self, sender: str) -> bool:
        """This brain never asks the owner to record a greeting."""
        return False


def main() -> None:
    """Serve until killed."""
    port, model_dir = int(sys.argv[1]), Path(sys.argv[2])
    engine = default_engine()
    brain = ShopBrain(engine)
    app = create_app(engine=engine, brain=brain, load_brain=False)
    if len(sys.argv) > 3:  # like the real loader's thread: no brain, then the brain
        app.state.brain, app.state.brain_ready = None, False
        threading.Timer(float(sys.argv[3]), set_brain, args=(app.state, brain)).start()
    # A folder that is not a model (``none``) serves as a shop that has not pulled its speech model yet.
    app.state.recognizer = RecognizerService(
        cache=ModelCache(), model_path=model_dir, language="ko", min_confidence=0.0
    )
    # espeak-ng speaks at once; edge-tts cannot be reached from the test machine anyway.
    app.state.synthesizer = make_synthesizer(offline=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws=WS_PROTOCOL)


if __name__ == "__main__":
    main()
