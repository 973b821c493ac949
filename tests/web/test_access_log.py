"""The owner's token never reaches the server's logs, though clients put it in URLs."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from assistant import auth
from assistant.config import ROOT
from assistant.db import make_engine, session_scope, upgrade
from assistant.web.access_log import RedactTokens, redact


def test_redact_keeps_the_path_and_other_parameters():
    assert redact("/login?token=abc-DEF_123&next=/today") == "/login?token=[redacted]&next=/today"
    assert redact("/api/reports/sales?from=2026-03-01&token=s3cr3t") == "/api/reports/sales?from=2026-03-01&token=[redacted]"
    assert redact("/ws/voice?access_token=s3cr3t") == "/ws/voice?access_token=[redacted]"
    assert redact("/customers?q=token") == "/customers?q=token"


def test_filter_cleans_uvicorn_access_and_websocket_records():
    access = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/login?token=s3cr3t", "1.1", 303), None)
    socket_record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, '%s - "WebSocket %s" [accepted]',
                                      ("127.0.0.1:5000", "/ws/voice?token=s3cr3t"), None)
    for record in (access, socket_record):
        assert RedactTokens().filter(record)
        assert "s3cr3t" not in record.getMessage() and "token=[redacted]" in record.getMessage()
    assert access.args[2] == "/login?token=[redacted]"  # uvicorn's access formatter unpacks five arguments


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_assistant_serve_writes_no_token_to_its_logs(tmp_path: Path):
    database = tmp_path / "shop.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    with session_scope(engine) as session:
        token = auth.ensure_owner(session).token
    engine.dispose()
    port = _free_port()
    (tmp_path / "models").mkdir()  # no model: the server starts in a moment
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_DB_URL": f"sqlite:///{database}",
           "ASSISTANT_MODELS_DIR": str(tmp_path / "models"), "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-c", "import sys; from assistant.cli import main; sys.exit(main())",
                               "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
        assert httpx.get(f"{base}/login?token={token}").status_code == 303  # logged in: on to the chat
        assert httpx.get(f"{base}/api/reports/birthdays?token={token}").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.seek(0)
    console = log.read()
    requests = (tmp_path / "data" / "logs" / "server.log").read_text(encoding="utf-8")
    assert "GET /login?token=[redacted] HTTP/1.1" in requests  # every request in the log file
    assert "/api/reports/birthdays?token=[redacted]" in requests
    assert "GET /api/reports" not in console  # not on the owner's console
    assert token not in console and token not in requests


def test_assistant_serve_keeps_library_chatter_off_the_console(tmp_path: Path):
    """With the real model loaded, the console holds no TensorFlow lines and no Python warnings: they go
    to DATA_DIR/logs/server.log."""
    import pytest

    from assistant.brain.nlu import newest_model
    from assistant.errors import NotFound

    try:
        model = newest_model(ROOT / "models")
    except NotFound:
        pytest.skip("no trained model (make test trains one first)")
    database = tmp_path / "shop.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_DB_URL": f"sqlite:///{database}",
           "ASSISTANT_MODELS_DIR": str(model.parent), "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    env.pop("PYTHONWARNINGS", None)
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-c", "import sys; from assistant.cli import main; sys.exit(main())",
                               "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json().get("brain"):
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the model did not load"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.seek(0)
    console = log.read()
    assert "Uvicorn running" in console and "server.log" in console
    for chatter in ("tensorflow", "Warning", "warn("):
        assert chatter not in console, console[-3000:]
