"""What both speech sockets share: limits, the connection gate, close codes and one connection's loop.

Services come from ``app.state`` through typed dependencies, so tests build an app with their own:
``recognizer`` (a ``RecognizerService``), ``speech_limits`` and ``speech_gate`` (made on first use).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, WebSocket
from starlette.websockets import WebSocketState

from assistant.speech.recognizer import RecognizerService
from assistant.web.sockets.events import Event

logger = logging.getLogger(__name__)

# WebSocket close codes (RFC 6455 / IANA)
NORMAL = 1000
UNSUPPORTED_DATA = 1003
POLICY_VIOLATION = 1008
TOO_BIG = 1009
INTERNAL_ERROR = 1011
TRY_AGAIN_LATER = 1013

NO_RECOGNIZER = (
    "speech recognition is not set up on this server: run `assistant models pull zh`, then restart"
)


@dataclass(frozen=True)
class SocketLimits:
    """What one speech connection may send; over a limit the client gets an error saying so."""

    max_frame_bytes: int = 256 * 1024  # ~2.7 s of 48 kHz PCM; browsers send 20–250 ms per frame
    max_utterance_seconds: float = 60.0
    max_connections: int = 8  # Kaldi decodes about 2–4 streams in real time per core
    idle_seconds: float = 30.0  # a client silent this long has gone (phone locked, network lost)
    max_encoded_bytes: int = 20 * 1024 * 1024


class ConnectionGate:
    """Counts open speech connections so one busy shop cannot starve the others (or the CPU)."""

    def __init__(self) -> None:
        self.active = 0

    def try_enter(self, limit: int) -> bool:
        """Take a slot if one is free (the event loop is single-threaded, so no lock is needed)."""
        if self.active >= limit:
            return False
        self.active += 1
        return True

    def leave(self) -> None:
        """Give the slot back."""
        self.active = max(0, self.active - 1)


def get_recognizer(websocket: WebSocket) -> RecognizerService | None:
    """The app's recognizer service (None when the app has none configured)."""
    return getattr(websocket.app.state, "recognizer", None)


def get_limits(websocket: WebSocket) -> SocketLimits:
    """The app's speech limits, or the defaults."""
    return getattr(websocket.app.state, "speech_limits", None) or SocketLimits()


def get_gate(websocket: WebSocket) -> ConnectionGate:
    """The app's connection counter, created on first use."""
    gate = getattr(websocket.app.state, "speech_gate", None)
    if gate is None:
        gate = websocket.app.state.speech_gate = ConnectionGate()
    return gate


RecognizerDep = Annotated[RecognizerService | None, Depends(get_recognizer)]
LimitsDep = Annotated[SocketLimits, Depends(get_limits)]
GateDep = Annotated[ConnectionGate, Depends(get_gate)]


class ClientGone(Exception):
    """The client disconnected or fell silent past the idle limit."""


class SocketClosed(Exception):
    """We closed the socket on purpose (a limit or a protocol error); nothing more to do."""


def close_reason(text: str) -> str:
    """A close reason within the protocol's 123-byte limit."""
    encoded = text.encode()
    return text if len(encoded) <= 123 else encoded[:120].decode(errors="ignore") + "..."


class Connection:
    """One speech connection: receiving with an idle limit, sending JSON, closing with a reason.
    Subclasses implement ``serve`` (the protocol) and may override ``refuse_busy``."""

    def __init__(self, websocket: WebSocket, *, limits: SocketLimits, gate: ConnectionGate) -> None:
        self.websocket = websocket
        self.limits = limits
        self.gate = gate

    async def receive(self) -> dict[str, Any]:
        """The next frame (``bytes`` or ``text`` set); ``ClientGone`` when the client left or idled."""
        try:
            message = await asyncio.wait_for(self.websocket.receive(), self.limits.idle_seconds)
        except asyncio.TimeoutError:
            await self.close(
                POLICY_VIOLATION,
                f"nothing received for {self.limits.idle_seconds:.0f} s: reconnect when you speak again",
            )
            raise ClientGone from None
        if message["type"] == "websocket.disconnect":
            raise ClientGone
        return message

    async def send_event(self, event: Event) -> None:
        """Send one control message as a JSON text frame (unless the socket is already closed)."""
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.send_text(json.dumps(event, ensure_ascii=False))

    async def close(self, code: int, reason: str) -> None:
        """Close with ``code`` and a readable reason (unless already closed)."""
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.close(code, close_reason(reason))

    async def run(self) -> None:
        """Accept, serve until the client leaves, and always give the connection slot back."""
        await self.websocket.accept()
        if not self.gate.try_enter(self.limits.max_connections):
            await self.refuse_busy()
            return
        try:
            await self.serve()
        except (ClientGone, SocketClosed):
            pass
        except Exception:  # noqa: BLE001 (one broken connection must never take the server down)
            logger.exception("speech socket failed")
            with contextlib.suppress(Exception):  # the client may already be gone
                await self.close(
                    INTERNAL_ERROR, "internal error in speech recognition: reconnect and try again"
                )
        finally:
            self.gate.leave()

    async def refuse_busy(self) -> None:
        """Every slot is taken: close, asking the client to try again shortly."""
        await self.close(
            TRY_AGAIN_LATER,
            f"{self.limits.max_connections} voice connections are open: try again in a moment",
        )

    async def serve(self) -> None:
        """The protocol, frame by frame."""
        raise NotImplementedError
