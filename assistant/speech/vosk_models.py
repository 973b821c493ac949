"""Finding and downloading Vosk models: ``assistant models pull zh|en`` and ``ASSISTANT_VOSK_MODEL``.

Models live in ``models/vosk/<name>`` (``Settings.models_dir``). A download goes to a temporary file,
is checked against the server's Content-Length and with ``zipfile.testzip``, unpacked into a temporary
folder beside the target, and only then renamed into place, so an interrupted pull never leaves a
half-model that would later fail to load.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import httpx
from tqdm import tqdm

from assistant.config import Settings
from assistant.errors import AssistantError

DEFAULT_BASE_URL = "https://alphacephei.com/vosk/models"
MODELS = {"zh": "vosk-model-small-cn-0.22", "en": "vosk-model-small-en-us-0.15"}
"""The official small model for each speech language (CONTRACT §2)."""

SPEECH_DEFAULT_LANGUAGE = "zh"


class ModelUnavailable(AssistantError):
    """No usable Vosk model: the message says how to get one."""


def speech_language(settings: Settings, language: str | None = None) -> str:
    """The speech language: the one asked for, else ``ASSISTANT_LANGUAGE``, with ``auto`` meaning zh."""
    chosen = language or settings.language
    return SPEECH_DEFAULT_LANGUAGE if chosen in (None, "", "auto") else chosen


def vosk_dir(settings: Settings) -> Path:
    """The folder downloaded Vosk models are unpacked into."""
    return Path(settings.models_dir) / "vosk"


def is_model_dir(path: Path) -> bool:
    """Whether ``path`` looks like an unpacked Vosk model (an acoustic model and its config)."""
    return (path / "am" / "final.mdl").is_file() or (path / "final.mdl").is_file()


def _how_to_get(name: str, folder: Path) -> str:
    return (
        f"run `assistant models pull {_language_of(name)}`; offline, download {DEFAULT_BASE_URL}/{name}.zip "
        f"on another machine and unzip it into {folder}/, or set ASSISTANT_VOSK_MODEL to a model folder"
    )


def _language_of(name: str) -> str:
    return next((lang for lang, model in MODELS.items() if model == name), name)


def resolve_model_path(settings: Settings, language: str | None = None) -> Path:
    """The model folder to load: ASSISTANT_VOSK_MODEL (folder or name), else the language's default."""
    folder = vosk_dir(settings)
    configured = settings.vosk_model
    if configured:
        as_path = Path(configured).expanduser()
        if as_path.is_dir():
            if not is_model_dir(as_path):
                raise ModelUnavailable(
                    f"ASSISTANT_VOSK_MODEL={configured} is a folder but not a Vosk model "
                    "(no am/final.mdl): point it at the unzipped model folder"
                )
            return as_path
        if "/" in configured or configured.startswith("."):
            raise ModelUnavailable(
                f"ASSISTANT_VOSK_MODEL={configured} does not exist: fix the path, or give a "
                f"model name such as {MODELS['zh']}"
            )
        name = configured
    else:
        lang = speech_language(settings, language)
        if lang not in MODELS:
            raise ModelUnavailable(
                f"no speech model for language {lang!r}: use zh or en, or set "
                "ASSISTANT_VOSK_MODEL to a model folder"
            )
        name = MODELS[lang]
    path = folder / name
    if is_model_dir(path):
        return path
    raise ModelUnavailable(f"speech model {name} is not installed: " + _how_to_get(name, folder))


def model_name_for(language_or_name: str) -> str:
    """The model name for ``zh``/``en`` or an explicit Vosk model name."""
    if language_or_name in MODELS:
        return MODELS[language_or_name]
    if language_or_name.startswith("vosk-model-"):
        return language_or_name
    raise ModelUnavailable(
        f"unknown speech language {language_or_name!r}: use `assistant models pull zh` or "
        "`... pull en`, or a full model name such as vosk-model-small-cn-0.22"
    )


def pull_model(
    language_or_name: str,
    *,
    settings: Settings,
    base_url: str = DEFAULT_BASE_URL,
    progress: bool = True,
    force: bool = False,
    timeout: float = 30.0,
) -> Path:
    """Download, check and unpack a Vosk model into ``models/vosk/``; returns its folder."""
    name = model_name_for(language_or_name)
    folder = vosk_dir(settings)
    target = folder / name
    if is_model_dir(target) and not force:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    url = f"{base_url.rstrip('/')}/{name}.zip"
    with tempfile.TemporaryDirectory(prefix=f".{name}-", dir=folder) as scratch:
        archive = Path(scratch) / f"{name}.zip"
        _download(url, archive, name=name, folder=folder, progress=progress, timeout=timeout)
        _check_archive(archive, url)
        unpacked = Path(scratch) / "unpacked"
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(unpacked)
        model_root = _find_model_root(unpacked, url)
        if target.exists():
            shutil.rmtree(target)
        # same file system (the scratch folder sits inside models/vosk/), so this rename is atomic
        model_root.rename(target)
    return target


def _download(url: str, archive: Path, *, name: str, folder: Path, progress: bool, timeout: float) -> None:
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise ModelUnavailable(
                    f"{url} answered HTTP {response.status_code}: check the model name, "
                    "or " + _how_to_get(name, folder)
                )
            expected = int(response.headers.get("content-length") or 0) or None
            received = 0
            with (
                open(archive, "wb") as out,
                tqdm(total=expected, unit="B", unit_scale=True, desc=name, disable=not progress) as bar,
            ):
                for chunk in response.iter_bytes(1 << 16):
                    out.write(chunk)
                    received += len(chunk)
                    bar.update(len(chunk))
    except httpx.HTTPError as error:
        raise ModelUnavailable(
            f"cannot download {url} ({type(error).__name__}: {error}); you seem to be "
            "offline: " + _how_to_get(name, folder)
        ) from error
    if expected is not None and received != expected:
        raise ModelUnavailable(
            f"the download of {url} stopped at {received} of {expected} bytes: run the "
            "pull again (nothing was installed)"
        )


def _check_archive(archive: Path, url: str) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            bad = zipped.testzip()
    except zipfile.BadZipFile as error:
        raise ModelUnavailable(
            f"{url} is not a valid zip archive ({error}): run the pull again or download "
            "it by hand (nothing was installed)"
        ) from error
    if bad is not None:
        raise ModelUnavailable(
            f"{url} is damaged ({bad} fails its checksum): run the pull again (nothing was installed)"
        )


def _find_model_root(unpacked: Path, url: str) -> Path:
    if is_model_dir(unpacked):
        return unpacked
    for child in sorted(unpacked.iterdir()):
        if child.is_dir() and is_model_dir(child):
            return child
    raise ModelUnavailable(
        f"{url} unpacked fine but holds no Vosk model (no am/final.mdl): check the URL "
        "(nothing was installed)"
    )
