"""The two speech WebSockets: ``/ws/vosk`` (vosk-server's protocol, ``vosk.py``) and ``/ws/voice`` (a
spoken turn of the assistant's own conversation, ``voice.py``); their messages are in ``events.py``.

The app mounts ``router`` (adding authentication); services come from ``app.state``: ``recognizer``,
``voice_reply``, optionally ``synthesizer`` and ``speech_limits``.
"""

from fastapi import APIRouter

from assistant.web.sockets import voice, vosk
from assistant.web.sockets.connection import ConnectionGate, SocketLimits
from assistant.web.sockets.voice import TurnAudio

router = APIRouter()
router.include_router(vosk.router)
router.include_router(voice.router)

__all__ = ["ConnectionGate", "SocketLimits", "TurnAudio", "router"]
