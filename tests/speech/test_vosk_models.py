"""Finding models and ``assistant models pull`` against a local HTTP server (the model site is offline)."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings, get_settings
from assistant.speech.vosk_models import MODELS, ModelUnavailable, pull_model, resolve_model_path

NAME = MODELS["zh"]


def _model_files(root: Path) -> None:
    (root / "am").mkdir(parents=True)
    (root / "am" / "final.mdl").write_bytes(b"\x00acoustic model" * 500)
    (root / "conf").mkdir()
    (root / "conf" / "model.conf").write_text("--endpoint.rule2.min-trailing-silence=0.5\n")


@pytest.fixture
def model_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server with a good model zip, a corrupt one and a cut-short one."""
    site = tmp_path / "site"
    site.mkdir()
    _model_files(tmp_path / "build" / NAME)
    with zipfile.ZipFile(site / f"{NAME}.zip", "w", zipfile.ZIP_STORED) as archive:
        for path in sorted((tmp_path / "build").rglob("*")):
            archive.write(path, path.relative_to(tmp_path / "build"))
    good = (site / f"{NAME}.zip").read_bytes()
    damaged = bytearray(good)
    offset = good.index(b"acoustic") + 8  # inside final.mdl's stored bytes: its CRC fails
    damaged[offset : offset + 4] = b"XXXX"
    (site / "vosk-model-damaged.zip").write_bytes(bytes(damaged))
    (site / "vosk-model-notzip.zip").write_bytes(b"<html>captive portal</html>")
    with zipfile.ZipFile(site / "vosk-model-empty.zip", "w") as archive:
        archive.writestr("README", "no model here")

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()
    server.server_close()


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(models_dir=tmp_path / "models", **values)


def test_pull_downloads_checks_and_unpacks(model_site: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = model_site
    settings = _settings(tmp_path)
    path = pull_model("zh", settings=settings, base_url=url, progress=False)
    assert path == tmp_path / "models" / "vosk" / NAME
    assert (path / "am" / "final.mdl").read_bytes().startswith(b"\x00acoustic")
    assert resolve_model_path(settings) == path
    assert [p.name for p in (tmp_path / "models" / "vosk").iterdir()] == [NAME]  # no temporary leftovers


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("vosk-model-damaged", "damaged|not a valid zip"),
        ("vosk-model-notzip", "not a valid zip archive"),
        ("vosk-model-empty", "holds no Vosk model"),
        ("vosk-model-missing", "HTTP 404"),
    ],
)
def test_a_bad_download_installs_nothing(
    model_site: tuple[str, Path], tmp_path: Path, name: str, message: str
) -> None:
    url, _ = model_site
    with pytest.raises(ModelUnavailable, match=message):
        pull_model(name, settings=_settings(tmp_path), base_url=url, progress=False)
    assert list((tmp_path / "models" / "vosk").iterdir()) == []


def test_offline_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as raised:
        pull_model(
            "en", settings=_settings(tmp_path), base_url="http://127.0.0.1:9", progress=False, timeout=2
        )
    message = str(raised.value)
    assert "offline" in message
    assert (
        f"vosk-model-small-en-us-0.15.zip on another machine and unzip it into {tmp_path}/models/vosk/"
        in message
    )
    assert "ASSISTANT_VOSK_MODEL" in message


def test_cli_pull(
    model_site: tuple[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, _ = model_site
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    assert main(["models", "pull", "zh", "--base-url", url]) == 0
    assert f"speech model ready in {tmp_path / 'models' / 'vosk' / NAME}" in capsys.readouterr().out
    assert main(["models", "pull", "fr", "--base-url", url]) == 1
    assert "unknown speech language 'fr'" in capsys.readouterr().err


def test_missing_model_says_assistant_models_pull(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="run `assistant models pull zh`"):
        resolve_model_path(_settings(tmp_path))
    with pytest.raises(ModelUnavailable, match="run `assistant models pull en`"):
        resolve_model_path(_settings(tmp_path, language="en"))


def test_vosk_model_setting_takes_a_folder_or_a_name(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "my-model"
    _model_files(folder)
    assert resolve_model_path(_settings(tmp_path, vosk_model=str(folder))) == folder
    with pytest.raises(ModelUnavailable, match="not a Vosk model"):
        resolve_model_path(_settings(tmp_path, vosk_model=str(tmp_path / "elsewhere")))
    with pytest.raises(ModelUnavailable, match="does not exist"):
        resolve_model_path(_settings(tmp_path, vosk_model=str(tmp_path / "nowhere")))
    _model_files(tmp_path / "models" / "vosk" / MODELS["en"])
    assert (
        resolve_model_path(_settings(tmp_path, vosk_model=MODELS["en"]))
        == tmp_path / "models" / "vosk" / MODELS["en"]
    )
