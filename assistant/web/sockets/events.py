"""Every message that crosses the speech sockets, as a dataclass with ``to_event`` / ``from_event``.

Control travels as JSON text frames, audio as binary frames (never inside JSON). ``/ws/vosk`` speaks
vosk-server's untyped messages (``{"config": ...}``, ``{"eof": 1}``, ``{"partial": ...}``,
``{"text": ..., "result": [...]}``); ``/ws/voice`` speaks typed events (``{"type": "start", ...}``).
A client message that cannot be read raises ``BadEvent`` with a message saying what to send instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from assistant.errors import AssistantError
from assistant.speech.audio import TARGET_RATE, AudioError, check_sample_rate
from assistant.speech.recognizer import Final, Word

Event = dict[str, Any]


class BadEvent(AssistantError):
    """A client's text frame that is not a message of the socket's protocol."""


def _json_object(text: str, *, not_json: str, not_object: str | None = None) -> Event:
    """``text`` read as a JSON object, else ``BadEvent`` (``not_object`` None: anything JSON passes)."""
    try:
        value = json.loads(text)
    except ValueError:
        raise BadEvent(not_json) from None
    if not isinstance(value, dict):
        if not_object is not None:
            raise BadEvent(not_object)
        return {}
    return value


# -- vosk-server's protocol (/ws/vosk) --------------------------------------------------------------


@dataclass(frozen=True)
class VoskConfig:
    """Client: the audio's sample rate and an optional phrase list; a new recognizer starts from here."""

    sample_rate: int | None = None
    phrase_list: list[str] | None = None

    @staticmethod
    def is_type(event: Event) -> bool:
        """Whether ``event`` is a config message."""
        return "config" in event

    def to_event(self) -> Event:
        """``{"config": {...}}`` with the fields that are set."""
        config: dict[str, Any] = {}
        if self.sample_rate is not None:
            config["sample_rate"] = self.sample_rate
        if self.phrase_list is not None:
            config["phrase_list"] = list(self.phrase_list)
        return {"config": config}

    @classmethod
    def from_event(cls, event: Event) -> VoskConfig:
        """The config in ``event``, checked as vosk-server would use it."""
        config = event["config"]
        if not isinstance(config, dict):
            raise BadEvent('config must be an object, e.g. {"config": {"sample_rate": 16000}}')
        sample_rate = None
        if "sample_rate" in config:
            try:
                sample_rate = check_sample_rate(config["sample_rate"])
            except AudioError as error:
                raise BadEvent(str(error)) from None
        phrases = config.get("phrase_list")
        if phrases is not None and (
            not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases)
        ):
            raise BadEvent("phrase_list must be a list of strings")
        return cls(sample_rate=sample_rate, phrase_list=phrases)


@dataclass(frozen=True)
class VoskEof:
    """Client: the audio has ended; the server sends the last result and closes."""

    @staticmethod
    def is_type(event: Event) -> bool:
        """Whether ``event`` is the end-of-stream message."""
        return "eof" in event

    def to_event(self) -> Event:
        """``{"eof": 1}``."""
        return {"eof": 1}

    @classmethod
    def from_event(cls, event: Event) -> VoskEof:
        """The end of stream (its value is not looked at, as in vosk-server)."""
        return cls()


def read_vosk_message(text: str) -> VoskConfig | VoskEof:
    """A vosk client's text frame as a typed message, else ``BadEvent``."""
    event = _json_object(
        text,
        not_json='text frames must be JSON ({"config": ...} or {"eof": 1}); send audio as binary frames',
        not_object='expected a JSON object: {"config": ...} or {"eof": 1}',
    )
    for kind in (VoskConfig, VoskEof):
        if kind.is_type(event):
            return kind.from_event(event)
    raise BadEvent('unknown message: send {"config": ...}, binary audio, or {"eof": 1}')


@dataclass(frozen=True)
class VoskPartial:
    """Server: the text heard so far in the current utterance (may still change)."""

    text: str

    @staticmethod
    def is_type(event: Event) -> bool:
        """Whether ``event`` is a partial result."""
        return "partial" in event

    def to_event(self) -> Event:
        """``{"partial": text}``."""
        return {"partial": self.text}

    @classmethod
    def from_event(cls, event: Event) -> VoskPartial:
        """The partial result in ``event``."""
        return cls(text=str(event["partial"]))


@dataclass(frozen=True)
class VoskResult:
    """Server: a finished utterance; ``result`` (the words) only when words were heard, as Vosk does."""

    text: str
    words: tuple[Word, ...] = ()

    @classmethod
    def of(cls, final: Final) -> VoskResult:
        """The result message of a recognised utterance."""
        return cls(text=final.text, words=final.words)

    @staticmethod
    def is_type(event: Event) -> bool:
        """Whether ``event`` is a final result."""
        return "text" in event

    def to_event(self) -> Event:
        """``{"text": ..., "result": [{"conf", "end", "start", "word"}, ...]}``."""
        message: Event = {"text": self.text}
        if self.words:
            message["result"] = [w.to_vosk() for w in self.words]
        return message

    @classmethod
    def from_event(cls, event: Event) -> VoskResult:
        """The final result in ``event``."""
        return cls(text=str(event["text"]), words=tuple(Word(**w) for w in event.get("result", ())))


@dataclass(frozen=True)
class VoskError:
    """Server: why the socket is being closed (vosk-server has no such message; clients print it)."""

    message: str

    @staticmethod
    def is_type(event: Event) -> bool:
        """Whether ``event`` is an error."""
        return "error" in event

    def to_event(self) -> Event:
        """``{"error": message}``."""
        return {"error": self.message}

    @classmethod
    def from_event(cls, event: Event) -> VoskError:
        """The error in ``event``."""
        return cls(message=str(event["error"]))


# -- the assistant's voice conversation (/ws/voice) -------------------------------------------------


T = TypeVar("T", bound="_Typed")


class _Typed:
    """Events of the voice socket carry their kind in ``type`` and their fields by name beside it."""

    type: ClassVar[str]

    @classmethod
    def is_type(cls, event: Event) -> bool:
        """Whether ``event`` is of this kind."""
        return event.get("type") == cls.type

    def to_event(self) -> Event:
        """``{"type": ..., <field>: <value>, ...}``."""
        return {"type": self.type, **{f.name: getattr(self, f.name) for f in fields(self)}}

    @classmethod
    def from_event(cls: type[T], event: Event) -> T:
        """The event's fields, by name (missing ones take their defaults)."""
        return cls(**{f.name: event[f.name] for f in fields(cls) if f.name in event})


@dataclass(frozen=True)
class Start(_Typed):
    """Client: a turn begins. ``sample_rate`` stays as sent: the session checks it after the language
    and the format, so a client hears about those first."""

    type: ClassVar[str] = "start"
    sample_rate: object = TARGET_RATE
    language: str | None = None
    format: str = "pcm"  # or a container a MediaRecorder makes (webm, ogg, mp4, ...)
    sender: str | None = None

    def to_event(self) -> Event:
        """``{"type": "start", "sample_rate": N, "format": ..., ...}``."""
        event: Event = {"type": self.type, "sample_rate": self.sample_rate, "format": self.format}
        if self.language:
            event["language"] = self.language
        if self.sender:
            event["sender"] = self.sender
        return event

    @classmethod
    def from_event(cls, event: Event) -> Start:
        """The start event as sent; the format lower-cased, ``pcm`` when missing."""
        return cls(
            sample_rate=event.get("sample_rate", TARGET_RATE),
            language=event.get("language") or None,
            format=str(event.get("format") or "pcm").lower(),
            sender=str(event["sender"]) if event.get("sender") else None,
        )


@dataclass(frozen=True)
class Stop(_Typed):
    """Client: the turn's audio is complete; the server answers with the transcript and the reply."""

    type: ClassVar[str] = "stop"


def read_voice_event(text: str) -> Start | Stop:
    """A voice client's text frame as a typed event, else ``BadEvent``."""
    event = _json_object(
        text,
        not_json='text frames must be JSON events such as {"type": "start"}; send audio as binary frames',
    )
    for kind in (Start, Stop):
        if kind.is_type(event):
            return kind.from_event(event)
    raise BadEvent(f"unknown event {event.get('type')!r}: send start, binary audio, then stop")


@dataclass(frozen=True)
class Ready(_Typed):
    """Server: send the turn's audio now (``sample_rate`` only for raw PCM)."""

    type: ClassVar[str] = "ready"
    format: str = "pcm"
    sample_rate: int | None = None

    def to_event(self) -> Event:
        """``{"type": "ready", "format": ..., "sample_rate": N}``."""
        event: Event = {"type": self.type, "format": self.format}
        if self.sample_rate is not None:
            event["sample_rate"] = self.sample_rate
        return event


@dataclass(frozen=True)
class Partial(_Typed):
    """Server: the turn's text so far, sent whenever it changes."""

    type: ClassVar[str] = "partial"
    text: str = ""


@dataclass(frozen=True)
class Transcript(_Typed):
    """Server: what was heard in the whole turn, with the words kept and Vosk's text before filtering."""

    type: ClassVar[str] = "transcript"
    text: str = ""
    raw_text: str = ""
    words: tuple[Word, ...] = ()
    cut_off: bool = False

    @classmethod
    def of(cls, final: Final) -> Transcript:
        """The transcript event of a turn's joined utterances."""
        return cls(text=final.text, raw_text=final.raw_text, words=final.words, cut_off=final.cut_off)

    def to_event(self) -> Event:
        """``{"type": "transcript", "text", "raw_text", "words", "cut_off"}``."""
        return {
            "type": self.type,
            "text": self.text,
            "raw_text": self.raw_text,
            "words": [w.to_vosk() for w in self.words],
            "cut_off": self.cut_off,
        }

    @classmethod
    def from_event(cls, event: Event) -> Transcript:
        """The transcript event."""
        return cls(text=event["text"], raw_text=event.get("raw_text", ""),
                   words=tuple(Word(**w) for w in event.get("words", ())), cut_off=bool(event.get("cut_off")))


@dataclass(frozen=True)
class Reply(_Typed):
    """Server: the dialogue's answer; ``details`` are the dialogue's other fields (intent, buttons, ...)."""

    type: ClassVar[str] = "reply"
    text: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_event(self) -> Event:
        """The dialogue's answer with ``type`` and ``text`` set."""
        return {**self.details, "type": self.type, "text": self.text}

    @classmethod
    def from_event(cls, event: Event) -> Reply:
        """The reply event."""
        details = {k: v for k, v in event.items() if k not in ("type", "text")}
        return cls(text=str(event.get("text", "")), details=details)


@dataclass(frozen=True)
class AudioStart(_Typed):
    """Server: the reply's audio follows in binary frames until ``audio_end``."""

    type: ClassVar[str] = "audio"
    format: str = "mp3"


@dataclass(frozen=True)
class AudioEnd(_Typed):
    """Server: the reply's audio is complete."""

    type: ClassVar[str] = "audio_end"


@dataclass(frozen=True)
class Error(_Typed):
    """Server: something the client should know or change; ``code`` is for programs, ``message`` for
    people."""

    type: ClassVar[str] = "error"
    code: str = ""
    message: str = ""
