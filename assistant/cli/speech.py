"""Commands of the 'speech' group: ``transcribe``, ``models pull`` and ``listen``."""

from __future__ import annotations

import argparse
import asyncio
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from assistant.cli.common import open_context, print_json
from assistant.config import get_settings

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    transcribe = subparsers.add_parser(
        "transcribe", help="transcribe an audio file (WAV, MP3, M4A, OGG, WebM, AMR)"
    )
    transcribe.add_argument("file", type=Path, metavar="FILE")
    transcribe.add_argument(
        "--json", action="store_true", help="print words, confidences and utterances as JSON"
    )
    transcribe.add_argument(
        "--grammar",
        nargs="+",
        metavar="PHRASE",
        help="only these phrases (and [unk]) can be recognised; Chinese segmented the "
        "model's way, e.g. '王 阿姨'",
    )
    transcribe.add_argument(
        "--language", choices=("zh", "en"), help="speech language (default ASSISTANT_LANGUAGE)"
    )
    transcribe.add_argument(
        "--raw",
        action="store_true",
        help="Vosk's words only: no snapping to the shop's customer/product names",
    )
    transcribe.set_defaults(handler=_transcribe)

    models = subparsers.add_parser("models", help="speech recognition models")
    models_sub = models.add_subparsers(dest="models_command", metavar="<action>")
    models_sub.required = True
    pull = models_sub.add_parser(
        "pull", help="download the small Vosk model for LANG (zh or en) into models/vosk/"
    )
    pull.add_argument("language", metavar="LANG", help="zh, en, or a full Vosk model name")
    pull.add_argument("--base-url", help="where the model zips are (default: the Vosk model site)")
    pull.add_argument("--force", action="store_true", help="download again even if the model is installed")
    pull.set_defaults(handler=_pull)

    listen = subparsers.add_parser(
        "listen", help="hands-free at the counter: wake phrase, request, spoken reply"
    )
    listen.add_argument(
        "--wake",
        nargs="+",
        metavar="PHRASE",
        default=None,
        help="wake phrases (default: '掌柜 的' for zh, 'hey shop' for en)",
    )
    listen.add_argument("--push-to-talk", action="store_true", help="press Enter before each request instead")
    listen.add_argument("--device", help="input/output device number or name (see python -m sounddevice)")
    listen.add_argument(
        "--language", choices=("zh", "en"), help="speech language (default ASSISTANT_LANGUAGE)"
    )
    listen.add_argument("--offline-voice", action="store_true", help="speak with espeak-ng only")
    listen.set_defaults(handler=_listen)


def _service(language: str | None, *, names: bool = True):  # noqa: ANN202 (speech imports stay lazy)
    """The recognizer for a command; with ``names``, transcripts snap to the shop's customers and products."""
    from assistant.speech.recognizer import ModelCache, RecognizerService
    from assistant.speech.vosk_models import speech_language

    settings = get_settings()
    postprocess = None
    if names:
        from assistant.speech.vocabulary import ShopVocabulary

        vocabulary = ShopVocabulary(
            index=open_context().current_name_index,
            language=speech_language(settings, language),
        )
        postprocess = vocabulary.postprocess
    return RecognizerService.from_settings(
        settings, cache=ModelCache(), language=language, postprocess=postprocess
    )


def _transcribe(args: argparse.Namespace) -> int:
    from assistant.speech.transcribe import transcribe_file

    settings = get_settings()
    transcript = transcribe_file(
        args.file,
        service=_service(args.language, names=not args.raw),
        grammar=args.grammar,
        max_bytes=settings.max_upload_bytes,
    )
    if args.json:
        print_json(transcript.to_json())
    else:
        print(transcript.text)
    return 0


def _pull(args: argparse.Namespace) -> int:
    from assistant.speech.vosk_models import DEFAULT_BASE_URL, pull_model

    path = pull_model(
        args.language, settings=get_settings(), base_url=args.base_url or DEFAULT_BASE_URL, force=args.force
    )
    print(f"speech model ready in {path}")
    return 0


class _LoopThread:
    """One event loop in a background thread, so the dialogue and the voice keep their async state."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="counter-loop", daemon=True).start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()


def _listen(args: argparse.Namespace) -> int:
    from assistant.brain.dialogue import Brain
    from assistant.speech.listen import CounterListener, ListenerConfig, MicrophoneSource, SpeakerPlayback
    from assistant.speech.tts import make_synthesizer
    from assistant.speech.vosk_models import speech_language

    settings = get_settings()
    language = speech_language(settings, args.language)
    device: int | str | None = int(args.device) if args.device and args.device.isdigit() else args.device
    service = _service(language)
    service.model()  # load now: a missing model should fail here, not at the first "掌柜的"
    loop = _LoopThread()
    context = open_context()
    brain = Brain.load(context)
    synthesizer = make_synthesizer(settings=context.settings, offline=args.offline_voice)

    async def answer(text: str, audio: bytes, rate: int) -> str:
        if await brain.wants_recording("counter"):  # the owner was asked to speak a greeting
            turn = await brain.take_recording("counter", audio=audio, transcript=text, channel="counter",
                                              pcm_sample_rate=rate)
        else:
            turn = await brain.handle(text, sender="counter", channel="counter")
        return turn.text

    def reply(text: str, audio: bytes, rate: int) -> str:
        return loop.run(answer(text, audio, rate))

    def synthesize(text: str) -> bytes:
        return loop.run(synthesizer.synthesize(text, language=language)).data

    wake = None if args.push_to_talk else (args.wake or (["hey shop"] if language == "en" else ["掌柜的"]))
    if wake:  # a grammar needs the model's own word boundaries
        from assistant.speech.model_words import read_model_words
        from assistant.speech.vocabulary import segment_phrase

        model_words = read_model_words(service.resolved_model_path())
        wake = [segment_phrase(phrase, model_words) for phrase in wake]
    listener = CounterListener(
        service=service,
        open_source=lambda: MicrophoneSource(device=device),
        reply=reply,
        speak=SpeakerPlayback(synthesize, device=device),
        config=ListenerConfig(wake_phrases=wake),
        wait_for_key=input,
    )
    print("say " + " / ".join(wake) + " and your request (Ctrl-C to stop)" if wake else "push-to-talk mode")
    listener.run()
    return 0
