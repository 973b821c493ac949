"""The only route that needs no log-in: is the server up, and can it understand and hear?"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


def speech_status(recognizer: Any) -> dict[str, Any]:
    """Whether a speech model is there to load, and if not, what to do (no customer data)."""
    from assistant.config import get_settings
    from assistant.speech.vosk_models import ModelUnavailable, is_model_dir, resolve_model_path

    if recognizer is None:
        return {"ready": False, "detail": "no speech recognizer is configured"}
    try:
        path = recognizer.model_path or resolve_model_path(recognizer.settings or get_settings(), recognizer.language)
    except ModelUnavailable as missing:
        return {"ready": False, "detail": str(missing)}
    if not is_model_dir(path):
        return {"ready": False, "detail": f"{path} is not a Vosk model folder"}
    return {"ready": True}


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    """Whether the server runs, the dialogue model is loaded (or loading) and a speech model is installed."""
    state = request.app.state
    dialogue = "ready" if state.brain is not None else "loading" if not state.brain_ready else "missing"
    return {"status": "ok", "brain": state.brain is not None, "dialogue": dialogue,
            "speech": speech_status(state.recognizer)}
