"""Where conversations live: as Rasa event objects in the process, and every event in the shop's database.

Rasa's ``InMemoryTrackerStore`` writes the whole conversation to JSON on every save and parses all of it
back on every retrieve (~40 µs an event, most of it Rasa looking up event classes), so a conversation
that goes on all day got slower with every message; and it forgets everything on a restart — a read-back
waiting for "对" was lost with the process. This store keeps the events a save was given as objects (a
retrieve replays them onto a new tracker, as Rasa's own ``tracker.copy()`` does), and, given a shop
context, appends each new event to the database (``conversation_events``) in the same save. A retrieve
checks with one indexed read that the database holds no more of the conversation than this process knows
(another replica, or this one before a restart, may have gone on): if it does, the conversation's last
session is read back from the database.

A session longer than ``LONG_SESSION_EVENTS`` is followed, between two requests, by a new one with the
slots carried over, so the policies' work per turn (and a retrieve from the database) stays bounded
however long the day.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import func, insert, select

from assistant.context import ShopContext
from assistant.db.conversations import ConversationEvent

logger = logging.getLogger(__name__)

# Rasa's rule and memoization policies read the whole session's states on every turn, and a session
# only ends after the domain's idle time (240 minutes), which a busy counter never reaches: past this
# many events (about 30 turns), the next turn starts a new session that carries every slot over.
LONG_SESSION_EVENTS = 240


@dataclass
class _Kept:
    """One conversation as this process knows it: its events from ``base`` (their ``seq``) on."""

    events: list[Any] = field(default_factory=list)
    base: int = 0
    session_start: int = 0  # position in ``events`` of the last session start
    handed_out_from: int = 0  # where the tracker last handed out by a retrieve starts
    tracker: DialogueStateTracker | None = None


class ShopTrackerStore(InMemoryTrackerStore):
    """Conversations kept as event objects, and in the shop's database when a context is given."""

    def __init__(self, context: ShopContext | None = None) -> None:
        super().__init__(domain=None)  # the agent sets its domain
        self.context = context
        self.kept: dict[str, _Kept] = {}
        # Conversations whose lock the caller holds: checked against the database once, then trusted
        # (nobody else can append while the lock is held), so one turn costs one read, not two.
        self._held: dict[str, bool] = {}

    @contextmanager
    def held(self, sender_id: str) -> Iterator[None]:
        """While the caller holds ``sender_id``'s lock: check the database at the first retrieve only."""
        self._held[sender_id] = False
        try:
            yield
        finally:
            self._held.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Keep the tracker's events and append the new ones to the database."""
        await self.stream_events(tracker)
        kept = self.kept.get(tracker.sender_id) or _Kept(base=self._stored_count(tracker.sender_id))
        # The tracker holds the events from the session its retrieve started at.
        base = kept.base + kept.handed_out_from
        known = len(kept.events) - kept.handed_out_from
        events = list(tracker.events)
        start = _last_session_start(events)
        if len(events) - start > LONG_SESSION_EVENTS and _between_requests(tracker):
            events += _new_session_carrying_slots(tracker)
            start = _last_session_start(events)
        if self.context is not None:
            self._append(tracker.sender_id, base, events, first_new=known)
        self.kept[tracker.sender_id] = _Kept(events=events, base=base, session_start=start, tracker=tracker)

    def last_saved(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker this process saved last for ``sender_id`` (to read, never to change), or None."""
        kept = self.kept.get(sender_id)
        return kept.tracker if kept else None

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        if fetch_all_sessions and self.context is not None:
            events = self._read_events(sender_id, from_seq=0)
            return self._tracker(sender_id, events) if events else None
        kept = self.kept.get(sender_id)
        checked = self._held.get(sender_id, False)
        if sender_id in self._held:
            self._held[sender_id] = True
        if self.context is not None and not checked and (
                kept is None or self._stored_count(sender_id) != kept.base + len(kept.events)):
            kept = self._load_last_session(sender_id)
        if kept is None:
            return None
        if fetch_all_sessions:
            return self._tracker(sender_id, kept.events)
        # Like Rasa's store: the last conversation session only (what the processor saves next starts there).
        kept.handed_out_from = kept.session_start
        return self._tracker(sender_id, kept.events[kept.session_start:])

    def _tracker(self, sender_id: str, events: list[Any]) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots,
                                                max_event_history=self.max_event_history)

    # -- the database --------------------------------------------------------------------------------

    def _key(self, sender_id: str) -> str:
        """The conversation's key in the database: several shops may share one, each with its senders."""
        return f"{self.context.shop_id}:{sender_id}"

    def _stored_count(self, sender_id: str) -> int:
        """How many events of the conversation the database holds (0 without a context)."""
        if self.context is None:
            return 0
        with self.context.session() as session:
            last = session.execute(select(func.max(ConversationEvent.seq))
                                   .where(ConversationEvent.sender_id == self._key(sender_id))).scalar()
        return 0 if last is None else last + 1

    def _append(self, sender_id: str, base: int, events: list[Any], *, first_new: int) -> None:
        """Write ``events[first_new:]`` as the conversation's events from ``base + first_new`` on."""
        rows = [{"sender_id": self._key(sender_id), "seq": base + position, "event": json.dumps(event.as_dict()),
                 "session_start": _is_session_start(event)}
                for position, event in enumerate(events[first_new:], start=first_new)]
        if not rows:
            return
        with self.context.session() as session:
            session.execute(insert(ConversationEvent), rows)

    def _load_last_session(self, sender_id: str) -> _Kept | None:
        """The conversation's last session, read back from the database (None: it has no events)."""
        with self.context.session() as session:
            start = session.execute(
                select(func.max(ConversationEvent.seq)).where(ConversationEvent.sender_id == self._key(sender_id),
                                                             ConversationEvent.session_start.is_(True))
            ).scalar()
        events = self._read_events(sender_id, from_seq=start or 0)
        if not events:
            self.kept.pop(sender_id, None)
            return None
        kept = _Kept(events=events, base=start or 0, session_start=_last_session_start(events))
        self.kept[sender_id] = kept
        logger.info("conversation %s continued from the database (%d events)", sender_id, len(events))
        return kept

    def _read_events(self, sender_id: str, *, from_seq: int) -> list[Any]:
        with self.context.session() as session:
            rows = session.execute(
                select(ConversationEvent.event).where(ConversationEvent.sender_id == self._key(sender_id),
                                                      ConversationEvent.seq >= from_seq)
                .order_by(ConversationEvent.seq)
            ).scalars().all()
        return [Event.from_parameters(json.loads(row)) for row in rows]


def _is_session_start(event: Any) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME


def _between_requests(tracker: DialogueStateTracker) -> bool:
    """No form being filled and the turn answered (a read-back waiting for "yes" lives in the ``pending``
    slot, which the new session carries over)."""
    return tracker.active_loop_name is None and tracker.latest_action_name == ACTION_LISTEN_NAME


def _new_session_carrying_slots(tracker: DialogueStateTracker) -> list[Any]:
    """The events of a session start that keeps every slot (language, the last write to undo)."""
    carried = [SlotSet(name, slot.value) for name, slot in tracker.slots.items()
               if slot.value != slot.initial_value and name != REQUESTED_SLOT]
    return [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), *carried,
            ActionExecuted(ACTION_LISTEN_NAME)]


def _last_session_start(events: list[Any]) -> int:
    for position in range(len(events) - 1, 0, -1):
        if _is_session_start(events[position]):
            return position
    return 0
