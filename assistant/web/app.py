"""The FastAPI application: pages, chat, voice and the reports API, all behind the owner's log-in."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, WebSocket, WebSocketException, status
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from assistant import auth
from assistant.config import Settings, get_settings
from assistant.db import default_engine, session_factory
from assistant.web import speech_sockets
from assistant.web.deps import websocket_owner
from assistant.web.routes import chat, greetings, health, login, pages, reports

logger = logging.getLogger(__name__)
WEB = Path(__file__).resolve().parent


def create_app(*, settings: Settings | None = None, engine: Engine | None = None,
               brain: object | None = None, load_brain: bool = True, warm_reports: bool = False) -> FastAPI:
    """Build the app; tests pass their own engine and brain, ``serve`` loads the trained model and keeps
    the everyday reports computed in the background (``warm_reports``)."""
    settings = settings or get_settings()
    engine = engine or default_engine()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.brain is None and load_brain:
            app.state.brain = _try_load_brain()
        warmer = None
        if warm_reports:
            from assistant.shop.reports.warm import ReportWarmer

            warmer = ReportWarmer(app.state.sessions)
            warmer.start()
        yield
        if warmer is not None:
            warmer.stop()

    app = FastAPI(title="掌柜 Zhanggui", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.brain = brain
    with app.state.sessions() as session:
        owner = auth.find_owner(session)
        app.state.signer = auth.SessionSigner(owner.session_secret, settings.session_hours) if owner else None

    app.state.recognizer = _recognizer(settings, app)
    app.state.synthesizer = _synthesizer(settings)
    app.state.voice_reply = _voice_reply(app)

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for module in (health, login, chat, reports, greetings, pages):
        app.include_router(module.router)
    app.include_router(speech_sockets.router, dependencies=[Depends(_require_websocket_owner)])
    return app


def _require_websocket_owner(websocket: WebSocket) -> None:
    """Sockets need the owner's session cookie or token like every other route."""
    if websocket_owner(websocket) is None:
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, "log in first, or connect with ?token=TOKEN")


def _recognizer(settings: Settings, app: FastAPI) -> object:
    """The shared speech recognizer; its model loads on first use, so serving works without one."""
    from assistant.shop.name_index import NameIndexCache
    from assistant.speech.recognizer import ModelCache, RecognizerService
    from assistant.speech.vocabulary import ShopVocabulary

    language = settings.language if settings.language in {"zh", "en"} else "zh"
    vocabulary = ShopVocabulary(index=NameIndexCache().reader(app.state.sessions), language=language)
    return RecognizerService.from_settings(settings, cache=ModelCache(), language=language,
                                           postprocess=vocabulary.postprocess)


def _synthesizer(settings: Settings) -> object:
    """The reply voice: edge-tts with a disk cache, espeak-ng when the service cannot be reached."""
    from assistant.speech.tts import make_synthesizer

    return make_synthesizer(settings=settings)


def _voice_reply(app: FastAPI):  # noqa: ANN202 (an async callable)
    """The voice socket's dialogue: a spoken request, or the greeting the owner was asked to record."""
    from assistant.brain.dialogue import ModelMissing

    async def reply(text: str, sender: str, audio: speech_sockets.TurnAudio | None = None) -> dict[str, Any]:
        brain = app.state.brain
        if brain is None:
            raise ModelMissing("the dialogue model is not loaded: run `assistant train`, then restart")
        if audio is not None and await brain.wants_recording(sender):
            turn = await brain.take_recording(sender, audio=audio.data, transcript=text, channel="phone",
                                              pcm_sample_rate=audio.sample_rate)
        else:
            turn = await brain.handle(text, sender=sender, channel="phone")
        return turn.to_json()

    return reply


def _try_load_brain() -> object | None:
    """The trained dialogue model, or None (chat then says how to train it) when there is none yet."""
    from assistant.brain.dialogue import Brain, ModelMissing

    try:
        return Brain.load()
    except ModelMissing as missing:
        logger.warning("%s", missing)
        return None
