"""The FastAPI application: pages, chat, voice and the reports API, all behind the owner's log-in, and the
links customers open themselves (``routes.public``), which need none and reach only what they are for."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, WebSocket, WebSocketException, status
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from assistant.config import Settings
from assistant.context import ShopContext
from assistant.web import brain_loader
from assistant.web import sockets as speech_sockets
from assistant.web.deps import websocket_owner
from assistant.web.error_pages import add_error_pages
from assistant.web.routes import chat, greetings, health, login, pages, public, reports
from assistant.web.security import secure_app

logger = logging.getLogger(__name__)
WEB = Path(__file__).resolve().parent


def create_app(*, settings: Settings | None = None, engine: Engine | None = None, context: ShopContext | None = None,
               brain: object | None = None, load_brain: bool = True, warm_reports: bool = False) -> FastAPI:
    """Build the app around one shop context (made here from ``settings`` and ``engine`` unless given);
    tests pass their own engine and brain, ``serve`` loads the trained model and keeps the everyday
    reports computed in the background (``warm_reports``)."""
    context = context or ShopContext.build(settings, engine=engine)
    settings = context.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.brain is None and load_brain:
            # Loading the model takes ~30 s: pages and reports answer meanwhile, chat says "one moment".
            brain_loader.start_loading(app.state, context)
        _log_speech_status(app.state.recognizer)
        warmer = None
        if warm_reports:
            from assistant.shop.reports.warm import ReportWarmer

            warmer = ReportWarmer(context)
            warmer.start()
        yield
        if warmer is not None:
            warmer.stop()

    app = FastAPI(title="掌柜 Zhanggui", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.context = context
    app.state.settings = settings
    app.state.engine = context.engine
    app.state.sessions = context.sessions  # so every route's session uses the context's caches
    brain_loader.set_brain(app.state, brain)

    context.recognizer = app.state.recognizer = _recognizer(context)
    app.state.synthesizer = context.synthesizer
    app.state.voice_reply = _voice_reply(app)

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for module in (health, login, chat, reports, greetings, pages):
        app.include_router(module.router)
    # Links customers open themselves: no log-in, rate-limited, each reaching only what it is for.
    app.include_router(public.router)
    app.state.public_limits = public.PublicLimits()
    app.include_router(speech_sockets.router, dependencies=[Depends(_require_websocket_owner)])
    secure_app(app, max_upload_bytes=settings.max_upload_bytes)
    add_error_pages(app)
    return app


def _require_websocket_owner(websocket: WebSocket) -> None:
    """Sockets need the owner's session cookie or token like every other route."""
    if websocket_owner(websocket) is None:
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, "log in first, or connect with ?token=TOKEN")


def _recognizer(context: ShopContext) -> object:
    """The shared speech recognizer; its model loads on first use, so serving works without one."""
    from assistant.speech.recognizer import ModelCache, RecognizerService
    from assistant.speech.vocabulary import ShopVocabulary

    settings = context.settings
    language = settings.language if settings.language in {"zh", "en"} else "zh"
    vocabulary = ShopVocabulary(index=context.current_name_index, language=language)
    return RecognizerService.from_settings(settings, cache=ModelCache(), language=language,
                                           postprocess=vocabulary.postprocess)


def _voice_reply(app: FastAPI):  # noqa: ANN202 (an async callable)
    """The voice socket's dialogue: a spoken request, or the greeting the owner was asked to record."""
    from assistant.brain.dialogue import ModelMissing
    from assistant.web.buttons import reply_extras

    async def reply(text: str, sender: str, audio: speech_sockets.TurnAudio | None = None) -> dict[str, Any]:
        brain = await brain_loader.wait_for_brain(app.state)
        if brain is None:
            raise ModelMissing(brain_loader.unavailable(app.state))
        if audio is not None and await brain.wants_recording(sender):
            turn = await brain.take_recording(sender, audio=audio.data, transcript=text, channel="phone",
                                              pcm_sample_rate=audio.sample_rate)
        else:
            turn = await brain.handle(text, sender=sender, channel="phone")
        # The page shows 对 / 不对 / 取消 (in its own language) while a read-back waits.
        return {**turn.to_json(), **await reply_extras(brain, sender, "zh")}

    return reply


def _log_speech_status(recognizer: object) -> None:
    """Say in the server log why the phone's microphone cannot work (the page only says "type instead")."""
    from assistant.web.routes.health import speech_status

    status = speech_status(recognizer)
    if not status["ready"]:
        logger.warning("speech recognition is not available: %s", status["detail"])
