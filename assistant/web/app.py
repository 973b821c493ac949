"""The FastAPI application: pages, chat, voice and the reports API, all behind the owner's log-in."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from assistant import auth
from assistant.config import Settings, get_settings
from assistant.db import default_engine, session_factory
from assistant.web.routes import chat, greetings, health, login, reports

logger = logging.getLogger(__name__)
WEB = Path(__file__).resolve().parent


def create_app(*, settings: Settings | None = None, engine: Engine | None = None,
               brain: object | None = None, load_brain: bool = True) -> FastAPI:
    """Build the app; tests pass their own engine and brain, ``serve`` loads the trained model."""
    settings = settings or get_settings()
    engine = engine or default_engine()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.brain is None and load_brain:
            app.state.brain = _try_load_brain()
        yield

    app = FastAPI(title="掌柜 Zhanggui", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.brain = brain
    with app.state.sessions() as session:
        owner = auth.find_owner(session)
        app.state.signer = auth.SessionSigner(owner.session_secret, settings.session_hours) if owner else None

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for module in (health, login, chat, reports, greetings):
        app.include_router(module.router)
    return app


def _try_load_brain() -> object | None:
    """The trained dialogue model, or None (chat then says how to train it) when there is none yet."""
    from assistant.brain.dialogue import Brain, ModelMissing

    try:
        return Brain.load()
    except ModelMissing as missing:
        logger.warning("%s", missing)
        return None
