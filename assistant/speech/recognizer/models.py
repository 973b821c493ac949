"""Vosk models: loaded once and shared, tuned by a shadow folder, and given a phrase grammar.

End of utterance is Vosk's own endpointing, configured in the model's ``conf/model.conf``
(``--endpoint.rule2.min-trailing-silence`` and rules 3/4). Vosk 0.3.45 has no API for it, so
``tuned_model_dir`` makes a shadow copy of the model folder (symlinks, plus a rewritten ``model.conf``)
for the service to load: the original model folder is never modified.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import vosk

UNKNOWN = "[unk]"


class ModelCache:
    """Loaded Vosk models by folder, shared by every stream and connection (thread-safe)."""

    def __init__(self) -> None:
        self._models: dict[Path, vosk.Model] = {}
        self._lock = threading.Lock()

    def get(self, path: Path) -> vosk.Model:
        """The model in ``path``, loaded on first use (a few seconds, ~300 MB for a small model)."""
        key = Path(path).resolve()
        with self._lock:
            model = self._models.get(key)
            if model is None:
                vosk.SetLogLevel(-1)  # Kaldi's per-load chatter on stderr helps nobody at the counter
                model = vosk.Model(str(key))
                self._models[key] = model
            return model


def tuned_model_dir(
    model_path: Path,
    *,
    work_dir: Path,
    end_silence: float | None = None,
    decoder: Mapping[str, float] | None = None,
) -> Path:
    """A shadow of ``model_path`` with a rewritten ``conf/model.conf``; everything else is a symlink.

    ``end_silence``: seconds of silence that end an utterance. Rule 2 (silence after confidently
    decoded speech) gets it; rules 3 and 4 (less certain endings) keep their usual 2× and 4× of it.
    ``decoder``: other model.conf options, e.g. ``{"max-active": 1000, "beam": 8}`` to trade accuracy
    for speed on a slow machine (``docs/speech.md``).
    """
    model_path = Path(model_path).resolve()
    options: dict[str, str] = {}
    if end_silence is not None:
        for rule, factor in (("rule2", 1), ("rule3", 2), ("rule4", 4)):
            options[f"endpoint.{rule}.min-trailing-silence"] = f"{factor * end_silence:.3f}"
    options.update({key.lstrip("-"): f"{value:g}" for key, value in (decoder or {}).items()})
    slug = "-".join(
        ([f"end{round(end_silence * 1000)}ms"] if end_silence is not None else [])
        + [f"{key}{value}" for key, value in sorted((decoder or {}).items())]
    )
    target = Path(work_dir) / f"{model_path.name}-{re.sub(r'[^A-Za-z0-9.]+', '', slug) or 'default'}"
    conf_source = model_path / "conf" / "model.conf"
    lines = conf_source.read_text().splitlines() if conf_source.is_file() else []
    kept = [line for line in lines if line.split("=", 1)[0].lstrip("-") not in options]
    kept += [f"--{key}={value}" for key, value in options.items()]
    wanted = "\n".join(kept) + "\n"
    conf_target = target / "conf" / "model.conf"
    if conf_target.is_file() and conf_target.read_text() == wanted:
        return target
    (target / "conf").mkdir(parents=True, exist_ok=True)
    for entry in model_path.iterdir():
        link = target / entry.name
        if entry.name != "conf" and not link.exists():
            link.symlink_to(entry)
    for entry in (model_path / "conf").iterdir() if (model_path / "conf").is_dir() else ():
        link = target / "conf" / entry.name
        if entry.name != "model.conf" and not link.exists():
            link.symlink_to(entry)
    temporary = conf_target.with_suffix(".tmp")
    temporary.write_text(wanted)
    temporary.replace(conf_target)
    return target


def grammar_json(phrases: Sequence[str]) -> str:
    """Vosk's grammar argument: the phrases plus ``[unk]`` so anything else is not forced onto them."""
    unique = list(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
    if UNKNOWN not in unique:
        unique.append(UNKNOWN)
    # Kaldi reads the JSON itself and does not understand \u escapes: keep the characters as they are
    return json.dumps(unique, ensure_ascii=False)

