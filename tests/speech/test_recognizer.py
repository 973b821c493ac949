"""The recognizer service with the real Korean Vosk model and espeak-ng speech."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import vosk

from assistant.cli import main
from assistant.config import Settings
from assistant.speech.audio import decode_audio
from assistant.speech.recognizer import Final, ModelCache, Partial, RecognizerService, tuned_model_dir
from assistant.speech.transcribe import CHUNK_BYTES, transcribe_file, transcribe_pcm

from .conftest import GRAMMAR, SENTENCE

CHUNK = 4000  # 0.125 s, vosk-server's client example


DISTRACTORS = [*GRAMMAR, "아", "형", "유영", "파워스", "어려움", "서", "다", "사랑", "우유", "주스", "감자"]


def _vosk_itself(model: vosk.Model, pcm: bytes, grammar: list[str] | None = None) -> list[str]:
    """What plain Vosk returns for these samples fed in the same chunks: every utterance's text."""
    if grammar:
        recognizer = vosk.KaldiRecognizer(model, 16000, json.dumps(grammar, ensure_ascii=False))
    else:
        recognizer = vosk.KaldiRecognizer(model, 16000)
    recognizer.SetWords(True)
    texts = []
    for i in range(0, len(pcm), CHUNK_BYTES):
        if recognizer.AcceptWaveform(pcm[i : i + CHUNK_BYTES]):
            texts.append(json.loads(recognizer.Result())["text"])
    texts.append(json.loads(recognizer.FinalResult())["text"])
    return [t for t in texts if t]


def test_transcript_equals_what_vosk_itself_returns(
    service: RecognizerService, pcm16k: Callable[[str], bytes]
) -> None:
    # A grammar with distractors: the model still mishears espeak, but deterministically (free decoding
    # is not: Vosk's lazily expanded lookahead graph changes the first recognizers' results).
    pcm = pcm16k()
    transcript = transcribe_pcm(pcm, service=service, grammar=DISTRACTORS)
    expected = _vosk_itself(service.model(), pcm, grammar=DISTRACTORS)
    assert [u.raw_text for u in transcript.utterances if u.raw_text] == expected
    assert transcript.text == " ".join(expected)


@pytest.mark.slow
def test_free_decoding_matches_vosk_itself(
    service: RecognizerService, pcm16k: Callable[[str], bytes]
) -> None:
    pcm = pcm16k("short.wav")
    # Free decoding with this model is not deterministic (see above): after other tests have decoded
    # other audio with it, plain Vosk itself gives one of a few transcripts for the same samples. The
    # service must give what Vosk gives: one of the transcripts Vosk itself returns around it.
    vosk_says = {" ".join(_vosk_itself(service.model(), pcm)) for _ in range(3)}
    transcript = transcribe_pcm(pcm, service=service)
    vosk_says |= {" ".join(_vosk_itself(service.model(), pcm)) for _ in range(3)}
    assert transcript.text
    assert max(_overlap(transcript.text, words) for words in vosk_says) >= 0.6, (transcript.text, vosk_says)


def test_partials_arrive_before_the_final(service: RecognizerService, pcm16k: Callable[[str], bytes]) -> None:
    stream = service.open_stream(grammar=GRAMMAR)
    events = [stream.accept(pcm16k()[i : i + CHUNK]) for i in range(0, len(pcm16k()), CHUNK)]
    events.append(stream.finish())
    first_final = next(i for i, e in enumerate(events) if isinstance(e, Final) and e.text)
    partial_texts = [e.text for e in events[:first_final] if isinstance(e, Partial) and e.text]
    assert partial_texts, "no partial result before the final one"
    assert partial_texts[0] != events[first_final].text  # heard growing, not only at the end
    assert " ".join(e.text for e in events if isinstance(e, Final) and e.text) == SENTENCE


def _exact_formats() -> list[tuple[str, tuple[str, ...]]]:
    return [
        ("sentence.wav", ()),
        ("sentence-aac.m4a", ("-c:a", "aac")),
        ("sentence-opus.webm", ("-c:a", "libopus")),
    ]


@pytest.mark.parametrize(("name", "options"), _exact_formats())
def test_grammar_sentence_comes_back_exactly(
    name: str,
    options: tuple[str, ...],
    service: RecognizerService,
    speech_dir: Path,
    encode: Callable[..., Path],
) -> None:
    path = speech_dir / name if not options else encode(name, *options)
    transcript = transcribe_file(path, service=service, grammar=GRAMMAR)
    assert transcript.text == SENTENCE


def _overlap(heard: str, said: str) -> float:
    heard_words, said_words = heard.split(), said.split()
    return sum(1 for w in said_words if w in heard_words) / len(said_words)


@pytest.mark.parametrize(
    ("name", "options"),
    [("sentence-lame.mp3", ("-ar", "44100")), ("sentence-opus.ogg", ("-c:a", "libopus", "-ar", "48000"))],
)
def test_lossy_formats_keep_most_words(
    name: str, options: tuple[str, ...], service: RecognizerService, encode: Callable[..., Path]
) -> None:
    transcript = transcribe_file(encode(name, *options), service=service, grammar=GRAMMAR)
    assert _overlap(transcript.text, SENTENCE) >= 0.75


def _encode_amr_or_skip(source: Path, target: Path) -> None:
    """AMR-NB (8 kHz, what old phones record): Debian's ffmpeg has no AMR encoder, its sox does."""
    commands = [
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(source),
            "-ar",
            "8000",
            "-ac",
            "1",
            "-c:a",
            "libopencore_amrnb",
            "-b:a",
            "12.2k",
            "-f",
            "amr",
            str(target),
        ],
        ["sox", str(source), "-r", "8000", "-c", "1", "-C", "7", "-t", "amr-nb", str(target)],
    ]
    for command in commands:
        if shutil.which(command[0]) and subprocess.run(command, capture_output=True).returncode == 0:
            return
    pytest.skip("neither ffmpeg nor sox can encode AMR-NB here (libopencore-amrnb missing)")


def test_amr_narrowband(service: RecognizerService, speech_dir: Path) -> None:
    target = speech_dir / "sentence.amr"
    _encode_amr_or_skip(speech_dir / "sentence.wav", target)
    audio = decode_audio(target)
    assert audio.source_rate == 8000
    transcript = transcribe_file(target, service=service, grammar=GRAMMAR)
    assert _overlap(transcript.text, SENTENCE) >= 0.5  # 8 kHz telephone band: the model was trained on 16


def test_words_below_the_confidence_threshold_are_dropped(
    ko_model_dir: Path, model_cache: ModelCache, pcm16k: Callable[[str], bytes]
) -> None:
    strict = RecognizerService(
        cache=model_cache, model_path=ko_model_dir, min_confidence=1.01, grammar=DISTRACTORS
    )
    final = transcribe_pcm(pcm16k("short.wav"), service=strict).utterances[-1]
    assert final.text == ""
    assert final.raw_text  # Vosk heard words; every one was under the threshold
    assert [w.word for w in final.dropped] == final.raw_text.split()
    lenient = RecognizerService(
        cache=model_cache, model_path=ko_model_dir, min_confidence=0.0, grammar=DISTRACTORS
    )
    kept = transcribe_pcm(pcm16k("short.wav"), service=lenient).utterances[-1]
    assert kept.text == kept.raw_text and not kept.dropped


def test_postprocess_sees_the_final_text(
    ko_model_dir: Path, model_cache: ModelCache, speech_dir: Path
) -> None:
    seen: list[str] = []

    def snap(text: str) -> str:
        seen.append(text)
        return text.replace("사과", "苹果")

    service = RecognizerService(cache=model_cache, model_path=ko_model_dir, grammar=GRAMMAR, postprocess=snap)
    assert (
        transcribe_file(speech_dir / "sentence.wav", service=service).text
        == "안녕하세요 감사합니다 苹果 주세요"
    )
    assert seen == [SENTENCE]


def test_a_grammar_callable_is_read_for_each_new_stream(service: RecognizerService, speech_dir: Path) -> None:
    vocabulary = [["안녕하세요", "감사합니다"]]
    service.grammar = lambda: vocabulary[0]
    narrow = transcribe_file(speech_dir / "sentence.wav", service=service).text.split()
    assert set(narrow) <= {"안녕하세요", "감사합니다"}  # this model has no [unk]: all speech maps onto these
    vocabulary[0] = GRAMMAR  # the shop's names changed
    assert transcribe_file(speech_dir / "sentence.wav", service=service).text == SENTENCE


def test_long_speech_is_cut_at_the_utterance_limit(
    ko_model_dir: Path, model_cache: ModelCache, pcm16k: Callable[[str], bytes]
) -> None:
    service = RecognizerService(
        cache=model_cache, model_path=ko_model_dir, max_utterance_seconds=1.0, grammar=GRAMMAR
    )
    stream = service.open_stream()
    pcm = pcm16k()
    finals = [
        e
        for e in (stream.accept(pcm[i : i + CHUNK]) for i in range(0, len(pcm), CHUNK))
        if isinstance(e, Final)
    ]
    assert len(finals) >= 3
    assert all(f.cut_off for f in finals)


def test_async_stream_gives_the_same_transcript(
    service: RecognizerService, pcm16k: Callable[[str], bytes]
) -> None:
    async def run() -> str:
        stream = await service.open_stream_async(sample_rate=16000, grammar=GRAMMAR)
        pcm, texts = pcm16k(), []
        for i in range(0, len(pcm), CHUNK):
            event = await stream.accept(pcm[i : i + CHUNK])
            if isinstance(event, Final):
                texts.append(event.text)
        texts.append((await stream.finish()).text)
        return " ".join(t for t in texts if t)

    assert asyncio.run(run()) == SENTENCE


def test_48k_browser_pcm_is_resampled_inside_the_stream(
    service: RecognizerService, encode: Callable[..., Path]
) -> None:
    pcm48 = encode("sentence-48k.s16", "-ar", "48000", "-ac", "1", "-f", "s16le").read_bytes()
    stream = service.open_stream(sample_rate=48000, grammar=GRAMMAR)
    texts = [
        e.text
        for e in (stream.accept(pcm48[i : i + 9601]) for i in range(0, len(pcm48), 9601))
        if isinstance(e, Final)
    ]
    texts.append(stream.finish().text)
    assert " ".join(t for t in texts if t) == SENTENCE


def test_shorter_end_silence_splits_utterances_sooner(
    ko_model_dir: Path, model_cache: ModelCache, pcm16k: Callable[[str], bytes], tmp_path: Path
) -> None:
    clip = pcm16k("short.wav")
    loud = np.nonzero(np.abs(np.frombuffer(clip, dtype="<i2")) > 300)[0]
    speech = clip[: 2 * (int(loud[-1]) + 800)]  # espeak's 0.5 s tail cut to 0.05 s
    pcm = speech + bytes(int(0.3 * 16000) * 2) + speech + bytes(16000 * 2)  # a 0.3 s pause mid-request
    default = RecognizerService(cache=model_cache, model_path=ko_model_dir, grammar=GRAMMAR)
    quick = RecognizerService(
        cache=model_cache,
        model_path=ko_model_dir,
        grammar=GRAMMAR,
        end_silence=0.15,
        settings=Settings(models_dir=tmp_path / "models"),
    )
    heard_default = [u.text for u in transcribe_pcm(pcm, service=default).utterances if u.text]
    heard_quick = [u.text for u in transcribe_pcm(pcm, service=quick).utterances if u.text]
    assert heard_default == ["사과 주세요 사과 주세요"]  # 0.5 s by default: the pause is not an ending
    assert heard_quick == ["사과 주세요", "사과 주세요"]
    conf = (quick.resolved_model_path() / "conf" / "model.conf").read_text()
    assert "--endpoint.rule2.min-trailing-silence=0.150" in conf
    assert (
        "rule2.min-trailing-silence=0.5\n" in (ko_model_dir / "conf" / "model.conf").read_text()
    )  # untouched


def test_tuned_model_dir_is_reused_and_takes_decoder_options(ko_model_dir: Path, tmp_path: Path) -> None:
    first = tuned_model_dir(ko_model_dir, end_silence=0.3, work_dir=tmp_path)
    assert tuned_model_dir(ko_model_dir, end_silence=0.3, work_dir=tmp_path) == first
    assert (first / "am").resolve() == (ko_model_dir / "am").resolve()
    faster = tuned_model_dir(ko_model_dir, decoder={"max-active": 1000, "beam": 8}, work_dir=tmp_path)
    conf = (faster / "conf" / "model.conf").read_text().splitlines()
    assert "--max-active=1000" in conf and "--beam=8" in conf
    assert "--max-active=3000" not in conf and "--endpoint.rule2.min-trailing-silence=0.5" in conf
    assert faster != first


@pytest.mark.slow
def test_cli_transcribe(
    ko_model_dir: Path,
    speech_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from assistant.config import get_settings

    monkeypatch.setenv("ASSISTANT_VOSK_MODEL", str(ko_model_dir))
    monkeypatch.setenv("ASSISTANT_DB_URL", f"sqlite:///{tmp_path}/shop.db")  # names are snapped from here
    get_settings.cache_clear()
    assert main(["transcribe", str(speech_dir / "sentence.wav"), "--json", "--grammar", *GRAMMAR]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["text"] == SENTENCE
    assert [w["word"] for u in out["utterances"] for w in u["words"]] == SENTENCE.split()
    assert main(["transcribe", str(speech_dir / "missing.wav")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_a_recognizer_without_settings_needs_its_model_named(ko_model_dir: Path, model_cache: ModelCache) -> None:
    with pytest.raises(ValueError, match="model_path or the settings"):
        RecognizerService(cache=model_cache)
    with pytest.raises(ValueError, match="needs the settings"):
        RecognizerService(cache=model_cache, model_path=ko_model_dir, end_silence=0.2)
    assert RecognizerService(cache=model_cache, model_path=ko_model_dir).resolved_model_path() == ko_model_dir
