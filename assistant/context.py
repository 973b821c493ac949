"""The shop context: what every door needs to reach one shop, built once and passed explicitly.

``create_app``, each CLI command and the standard action server's start-up build one ``ShopContext``;
it travels Brain → in-process action executor → actions → services. It holds the settings, the
database engine and its session factory, the shop's id, and the shop's caches — the name index, the
names the NLU looks for, the kept report answers and the log of this context's own commits that lets
them be patched. Nothing of a shop is kept in module state: two contexts on two databases (a test's and
an evaluation's, or two shops) never see each other's caches.

Every cache is checked against the database's data version (``assistant.db.data_version``) before it
is used, so a change made anywhere — an erase, a rename or an import from another process — is seen by
every cache of every context at once.

Sessions made by the context carry its report cache, change log and day in ``Session.info``: the report
functions keep their plain ``(session, *, shop_id, ...)`` signatures and answer for the context's day
(``clock.today_for``); a session made without a context (a test's, a migration's) simply computes every
answer afresh, for the process settings' day.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant import clock
from assistant.config import Settings, get_settings
from assistant.db import data_version
from assistant.db.session import make_engine
from assistant.language.names import NameIndex
from assistant.shop.name_index import NameIndexCache
from assistant.shop.reports.cache import REPORT_CACHE, ReportCache

if TYPE_CHECKING:
    from assistant.brain.shop_names import ShopNames


@dataclass(eq=False)
class ShopContext:
    """One shop's database, settings and caches (see the module docstring)."""

    settings: Settings
    engine: Engine
    owns_engine: bool = False
    names: NameIndexCache = field(default_factory=lambda: NameIndexCache(check_every=0.0))
    reports: ReportCache = field(default_factory=ReportCache)
    changes: data_version.ChangeLog = field(default_factory=data_version.ChangeLog)
    recognizer: Any = None  # the speech recognizer service, when a door listens (set by the web app)
    _shop_id: int | None = None
    _synthesizer: Any = None
    _shop_names: tuple[NameIndex, ShopNames] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # The NLU's names read for the message being understood (see ``one_turn``): per task, not per process.
    _turn_names: ContextVar[list[ShopNames] | None] = field(
        default_factory=lambda: ContextVar("turn_names", default=None))

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(
            bind=self.engine,
            future=True,
            expire_on_commit=False,
            info={REPORT_CACHE: self.reports, data_version.CHANGE_LOG: self.changes, clock.CLOCK: self},
        )

    @classmethod
    def build(cls, settings: Settings | None = None, *, engine: Engine | None = None,
              shop_id: int | None = None) -> ShopContext:
        """A context for ``engine`` (default: a new engine for the settings' database URL)."""
        settings = settings or get_settings()
        owns = engine is None
        engine = engine or make_engine(settings.resolved_db_url)
        return cls(settings=settings, engine=engine, owns_engine=owns, _shop_id=shop_id)

    def close(self) -> None:
        """Release the database connections this context opened itself."""
        if self.owns_engine:
            self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block succeeds and rolls back when it raises."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def shop_id(self) -> int:
        """The shop this context serves: the one given, the one ``ASSISTANT_SHOP`` names, or the first."""
        if self._shop_id is None:
            from assistant.shop.shops import default_shop_id, get_or_create_shop

            with self.session() as session:
                self._shop_id = (get_or_create_shop(session, self.settings.shop).id if self.settings.shop
                                 else default_shop_id(session))
        return self._shop_id

    def today(self) -> dt.date:
        """This shop's today: the day its settings pin (``ASSISTANT_TODAY``), or the real date."""
        return clock.today(self.settings)

    def now(self) -> dt.datetime:
        """The local time; on a pinned day, that day at the real time of day."""
        return clock.now(self.settings)

    # -- names ---------------------------------------------------------------------------------------

    def name_index(self, session: Session) -> NameIndex:
        """The shop's name index, rebuilt first when the database says names may have changed."""
        return self.names.get(session, shop_id=self.shop_id)

    def current_name_index(self) -> NameIndex:
        """The shop's name index, read in a session of its own (for hooks outside any request, such as
        the speech recogniser's transcript snapping)."""
        with self.session() as session:
            return self.name_index(session)

    def names_changed(self) -> None:
        """This context just added, renamed or removed someone: rebuild the names on next use."""
        self.names.invalidate(self.shop_id)
        with self._lock:
            self._shop_names = None

    @contextmanager
    def one_turn(self) -> Iterator[None]:
        """Understanding one message: the tokenizer and the name extractor share one read of the names."""
        token = self._turn_names.set([])
        try:
            yield
        finally:
            self._turn_names.reset(token)

    def shop_names(self) -> ShopNames:
        """Every form of the shop's names the NLU looks for, from the current name index."""
        turn = self._turn_names.get()
        if turn:
            return turn[0]
        names = self._read_shop_names()
        if turn is not None:
            turn.append(names)
        return names

    def _read_shop_names(self) -> ShopNames:
        from assistant.brain.shop_names import ShopNames

        with self.session() as session:
            index = self.name_index(session)
        with self._lock:
            kept = self._shop_names
            if kept is not None and kept[0] is index:
                return kept[1]
            names = ShopNames.from_index(index)
            self._shop_names = (index, names)
            return names

    def forget(self) -> None:
        """Drop every cache (the database was replaced underneath, e.g. restored from a backup)."""
        self.names.invalidate()
        self.reports.clear()
        with self._lock:
            self._shop_names = None
        self._shop_id = None

    # -- voice ---------------------------------------------------------------------------------------

    @property
    def synthesizer(self) -> Any:
        """The reply voice: edge-tts with a disk cache, espeak-ng when the service cannot be reached."""
        with self._lock:
            if self._synthesizer is None:
                from assistant.speech.tts import make_synthesizer

                self._synthesizer = make_synthesizer(settings=self.settings)
            return self._synthesizer

    @synthesizer.setter
    def synthesizer(self, value: Any) -> None:
        self._synthesizer = value


@cache
def standalone_context() -> ShopContext:
    """The context of a process that only Rasa's own code starts (``rasa run actions``, ``rasa shell``):
    they instantiate actions and NLU components without arguments, so this one place builds it from
    the settings, once per process."""
    return ShopContext.build()
