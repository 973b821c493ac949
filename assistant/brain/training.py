"""Training the Rasa model, only when something that shapes it changed.

The fingerprint covers the pipeline (``config.yml``), the domain, everything under ``nlu/`` (training
data, rules, stories, jieba dictionaries) and our own code that runs inside the pipeline (the
normaliser and the tokenizer). It is stored next to the models in ``models/.fingerprint``; Rasa 3.6
itself always writes a new model, so without it every ``make test`` would retrain.
Before the domain exists only the NLU part is trained (``rasa train nlu``); after, the full model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.config import ROOT, get_settings
from assistant.errors import AssistantError

FINGERPRINT_FILE = ".fingerprint"
# Code that runs inside the pipeline: changing it changes what the model learns from.
PIPELINE_CODE = ("assistant/language/normalize.py", "assistant/brain/tokenizer.py")
MODELS_KEPT = 3


def training_inputs(root: Path = ROOT) -> list[Path]:
    """Every file whose content shapes the trained model, in a stable order."""
    files = [root / "config.yml", *sorted(root.glob("domain*.yml"))]
    if (root / "domain").is_dir():
        files += sorted(p for p in (root / "domain").rglob("*") if p.is_file())
    files += sorted(p for p in (root / "nlu").rglob("*") if p.is_file())
    files += [root / path for path in PIPELINE_CODE]
    return [path for path in files if path.exists()]


def fingerprint(root: Path = ROOT) -> str:
    """A hash of the names and contents of the training inputs."""
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def has_domain(root: Path = ROOT) -> bool:
    """Whether the dialogue domain exists yet (then the full model is trained, else NLU only)."""
    return any(root.glob("domain*.yml")) or (root / "domain").is_dir()


def up_to_date_model(models_dir: Path, current: str) -> Path | None:
    """The model trained from exactly the current inputs, if it is still there."""
    try:
        stored = json.loads((models_dir / FINGERPRINT_FILE).read_text())
    except (OSError, ValueError):
        return None
    model = models_dir / stored.get("model", "")
    if stored.get("fingerprint") == current and model.is_file():
        return model
    return None


def train(
    *, force: bool = False, progress: bool = True, root: Path = ROOT, models_dir: Path | None = None
) -> Path:
    """Train when the inputs changed (or ``force``); return the model to use."""
    models_dir = models_dir or get_settings().models_dir
    models_dir.mkdir(parents=True, exist_ok=True)
    current = fingerprint(root)
    if not force:
        model = up_to_date_model(models_dir, current)
        if model is not None:
            if progress:
                print(f"model is up to date: {model.relative_to(models_dir.parent)}")
            return model

    name = time.strftime("%Y%m%d-%H%M%S") + ("-full" if has_domain(root) else "-nlu")
    command = [sys.executable, "-m", "rasa", "train"]
    if not has_domain(root):
        command.append("nlu")
    # Name the data folder: data/ (what plain `rasa train` reads) also holds the database and caches.
    # Rasa writes the archive where it is told, a piece at a time: into a folder of its own next to the
    # models, then moved into place in one step, so a server starting meanwhile never finds half a model.
    staging = Path(tempfile.mkdtemp(prefix=".training-", dir=models_dir))
    command += ["--config", "config.yml", "--data", "nlu", "--out", str(staging), "--fixed-model-name", name]
    # Rasa's training cache is keyed on config and data only: it would keep a stale tokenisation after a
    # change to the normaliser or a jieba dictionary. Our fingerprint already decided to train: no cache.
    environment = {**os.environ, "RASA_MAX_CACHE_SIZE": "0"}
    if progress:
        print(f"training {'the full model' if has_domain(root) else 'the NLU model (no domain yet)'} ...",
              flush=True)
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=root, env=environment, capture_output=not progress, text=True)
        trained = staging / f"{name}.tar.gz"
        if result.returncode != 0 or not trained.is_file():
            detail = "" if progress else (result.stderr or result.stdout)[-2000:]
            raise AssistantError(f"rasa train failed (exit {result.returncode}); fix the data or config above "
                                 f"and run `assistant train` again{detail and ': ' + detail}")
        model = models_dir / trained.name
        os.replace(trained, model)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    elapsed = time.monotonic() - started
    write_atomically(models_dir / FINGERPRINT_FILE, json.dumps({"fingerprint": current, "model": model.name}))
    _prune(models_dir, keep=model)
    if progress:
        print(f"trained {model.relative_to(models_dir.parent)} in {elapsed:.0f} s", flush=True)
    return model


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a reader sees the old content or the new, never a part."""
    draft = path.with_name(f".{path.name}.{os.getpid()}.draft")  # same folder: os.replace is one step
    draft.write_text(text)
    os.replace(draft, path)


def _prune(models_dir: Path, *, keep: Path) -> None:
    # Old models pile up at ~20 MB each; the newest few are enough to go back to.
    archives = sorted(models_dir.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in archives[MODELS_KEPT:]:
        if old != keep:
            old.unlink()
