"""A damaged model never takes the server down: the one before serves, or pages serve and chat says why;
while the model loads, pages answer and chat says "one moment"."""

from __future__ import annotations

import io
import logging
import os
import tarfile
import threading
import time
import types
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.brain import dialogue, nlu
from assistant.brain.dialogue import Turn
from assistant.config import Settings
from assistant.context import ShopContext
from assistant.db import session_scope
from assistant.errors import NotFound
from assistant.web import brain_loader
from assistant.web.app import create_app


def _archive(path: Path, members: dict[str, bytes], *, age: int) -> Path:
    """A tar.gz like Rasa's, ``age`` seconds old (newest = smallest age)."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def _damaged(path: Path, data: bytes, *, age: int) -> Path:
    path.write_bytes(data)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def models(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    return folder


def _good(models: Path, name: str = "20260301-good.tar.gz", age: int = 300) -> Path:
    return _archive(models / name, {"metadata.json": b"{}", "components/x": os.urandom(50_000)}, age=age)


def test_the_newest_readable_model_is_chosen_and_damaged_ones_are_skipped_with_a_warning(models, caplog):
    good = _good(models)
    whole = good.read_bytes()
    _damaged(models / "20260302-cut-short.tar.gz", whole[: len(whole) // 2], age=200)  # a copy cut short
    flipped = bytearray(whole)
    flipped[len(flipped) // 2] ^= 0xFF
    _damaged(models / "20260303-bit-flip.tar.gz", bytes(flipped), age=100)  # damage only the CRC shows
    _archive(models / "20260304-not-rasa.tar.gz", {"readme.txt": b"hello"}, age=50)
    _damaged(models / "20260305-empty.tar.gz", b"", age=10)
    with caplog.at_level(logging.WARNING, logger="assistant.brain.nlu"):
        assert nlu.newest_model(models) == good
    skipped = [r.getMessage() for r in caplog.records]
    for name in ("cut-short", "bit-flip", "not-rasa", "empty"):
        assert any("skipping the model 20260" in m and name in m for m in skipped), name


def test_no_readable_model_says_so(models):
    _damaged(models / "20260305-empty.tar.gz", b"", age=10)
    with pytest.raises(NotFound, match="no usable trained model"):
        nlu.newest_model(models)


class HeldBrain:
    """Stands in for ``Brain.load``: loading waits until the test lets it finish."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.loaded: list[Path] = []

    def load(self, context: ShopContext, model_path: Path | None = None, models_dir: Path | None = None
             ) -> HeldBrain:
        assert self.release.wait(30), "the test never let the model load"
        self.loaded.append(model_path)
        return self

    async def handle(self, text: str, sender: str = "owner", channel: str = "chat") -> Turn:
        return Turn(messages=[{"recipient_id": sender, "text": f"echo: {text}"}])


def _app(sqlite_engine, models: Path):
    with session_scope(sqlite_engine) as session:
        token = auth.ensure_owner(session).token
    app = create_app(settings=Settings(models_dir=models), engine=sqlite_engine, load_brain=True)
    return app, {"authorization": f"Bearer {token}"}


def _wait_until_ready(app) -> None:
    deadline = time.monotonic() + 30
    while not app.state.brain_ready:
        assert time.monotonic() < deadline, "loading never finished"
        time.sleep(0.05)


def test_pages_answer_and_chat_says_one_moment_while_the_model_loads(sqlite_engine, models, monkeypatch):
    good = _good(models)
    held = HeldBrain()
    monkeypatch.setattr(dialogue.Brain, "load", held.load)
    app, token = _app(sqlite_engine, models)
    with TestClient(app, headers=token) as client:
        health = client.get("/health").json()
        assert (health["status"], health["brain"], health["dialogue"]) == ("ok", False, "loading")
        assert client.get("/api/reports/birthdays").status_code == 200
        assert client.get("/today").status_code == 200
        waiting = client.post("/webhooks/rest/webhook", json={"message": "你好"})
        assert waiting.status_code == 503 and waiting.headers["retry-after"] == "5"
        assert waiting.json()["detail"] == "正在准备,请稍等一下 / Getting ready, one moment"
        held.release.set()
        _wait_until_ready(app)
        assert held.loaded == [good]
        assert client.get("/health").json()["dialogue"] == "ready"
        assert client.post("/webhooks/rest/webhook", json={"message": "你好"}).json()[0]["text"] == "echo: 你好"


def test_with_only_damaged_models_pages_serve_and_chat_says_why(sqlite_engine, models):
    _damaged(models / "20260305-empty.tar.gz", b"\x1f\x8b broken", age=10)
    app, token = _app(sqlite_engine, models)
    with TestClient(app, headers=token) as client:
        _wait_until_ready(app)
        assert client.get("/health").json()["dialogue"] == "missing"
        assert client.get("/sales").status_code == 200
        answer = client.post("/webhooks/rest/webhook", json={"message": "你好"})
        assert answer.status_code == 503 and "retry-after" not in answer.headers
        assert answer.json()["detail"] == brain_loader.BROKEN_MODEL
        assert answer.json()["detail"].startswith("模型文件读不出来") and "cannot be loaded" in answer.json()["detail"]


def test_without_any_model_chat_says_to_train(sqlite_engine, models):
    app, token = _app(sqlite_engine, models)
    with TestClient(app, headers=token) as client:
        _wait_until_ready(app)
        detail = client.post("/webhooks/rest/webhook", json={"message": "hi"}).json()["detail"]
        assert detail.startswith("还没有训练好的模型") and "run `assistant train`" in detail


def test_a_model_rasa_cannot_load_falls_back_to_the_one_before(models, sqlite_engine, monkeypatch, caplog):
    older = _good(models, "20260301-older.tar.gz", age=300)
    newer = _good(models, "20260302-newer.tar.gz", age=100)

    class PickyBrain:
        @classmethod
        def load(cls, context: ShopContext, model_path: Path | None = None, models_dir: Path | None = None) -> str:
            if model_path == newer:
                raise ValueError("not a model this Rasa can read")
            return f"brain from {model_path.name}"

    monkeypatch.setattr(dialogue, "Brain", PickyBrain)
    state = types.SimpleNamespace(brain=None)
    context = ShopContext.build(Settings(models_dir=models), engine=sqlite_engine)
    with caplog.at_level(logging.WARNING, logger="assistant.web.brain_loader"):
        brain_loader.load_brain(state, context)
    assert state.brain == f"brain from {older.name}" and state.brain_ready and state.brain_problem is None
    assert any(newer.name in r.getMessage() and "trying an older one" in r.getMessage() for r in caplog.records)


def test_the_real_model_loads_past_a_damaged_newer_copy(models, sqlite_engine):
    """The red team's case, with the trained model: the newest archive is cut short, the server answers."""
    import asyncio

    from assistant.brain.training import train
    trained = train(progress=False)
    good = models / trained.name
    os.symlink(trained.resolve(), good)
    whole = trained.read_bytes()
    _damaged(models / "29991231-235959-full.tar.gz", whole[: len(whole) // 3], age=0)
    state = types.SimpleNamespace(brain=None)
    brain_loader.load_brain(state, ShopContext.build(Settings(models_dir=models), engine=sqlite_engine))
    assert state.brain_problem is None and state.brain is not None
    turn = asyncio.run(state.brain.handle("你好", sender="model-loading-test"))
    assert turn.intent.get("name") == "greet" and turn.text


def test_a_spoken_question_during_loading_waits_for_the_model():
    import asyncio

    state = types.SimpleNamespace(brain=None, brain_ready=False)
    brain = object()
    threading.Timer(0.3, brain_loader.set_brain, args=(state, brain)).start()
    assert asyncio.run(brain_loader.wait_for_brain(state, seconds=10, step=0.05)) is brain


def test_with_no_model_to_wait_for_the_voice_is_told_at_once():
    import asyncio

    state = types.SimpleNamespace(brain=None, brain_ready=True)
    started = time.monotonic()
    assert asyncio.run(brain_loader.wait_for_brain(state, seconds=10)) is None
    assert time.monotonic() - started < 1
