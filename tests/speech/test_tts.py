"""Speech synthesis: edge-tts against a local stand-in of its service, the cache, the espeak-ng fallback."""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import av
import edge_tts.communicate
import pytest
from aiohttp import web

from assistant.cli import main as cli_main
from assistant.config import Settings
from assistant.speech.tts import (
    EdgeTTS,
    EspeakFallback,
    ReplyVoice,
    Synthesizer,
    TTSCache,
    WordBoundary,
    detect_language,
    encode_mp3,
    make_synthesizer,
)

ZH_REPLY = "王阿姨，您要的东北大米到货了"
EN_REPLY = "Your rice has arrived"


def decoded(data: bytes) -> tuple[str, int, int, float]:
    """(container format, sample rate, channels, seconds) of encoded audio, decoded as a player would."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        context = stream.codec_context
        return container.format.name, context.sample_rate, context.channels, samples / context.sample_rate


@pytest.fixture(scope="module")
def speech_mp3() -> bytes:
    """Real speech (espeak-ng, English) as MP3: what the stand-in service streams back."""
    wav = asyncio.run(EspeakFallback().speak_wav("one two three four", "en-us"))
    return encode_mp3(wav)


# --- a stand-in for Microsoft's speech service, speaking edge-tts's websocket protocol ---------------

def _text_frame(request_id: str, path: str, body: dict) -> str:
    return (f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\nPath:{path}\r\n\r\n"
            + json.dumps(body))


def _audio_frame(request_id: str, data: bytes, content_type: str | None = "audio/mpeg") -> bytes:
    headers = f"X-RequestId:{request_id}\r\n"
    if content_type:
        headers += f"Content-Type:{content_type}\r\n"
    headers += "Path:audio\r\n"
    encoded = headers.encode("ascii")
    return len(encoded).to_bytes(2, "big") + encoded + data


@dataclass
class StandInService:
    """Answers each synthesis request with word boundaries and MP3 chunks, or stays silent."""

    audio: bytes
    words: tuple[str, ...] = ("one", "two", "three", "four")
    silent: bool = False
    requests: list[str] = field(default_factory=list)
    # After the first audio chunk the service waits for this: proves the client streams, not buffers.
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        config = await websocket.receive_str()
        assert "Path:speech.config" in config and '"wordBoundaryEnabled":"true"' in config
        ssml = await websocket.receive_str()
        self.requests.append(ssml)
        request_id = ssml.split("X-RequestId:", 1)[1].split("\r\n", 1)[0]
        if self.silent:
            async for _ in websocket:  # say nothing until the client gives up and hangs up
                pass
            return websocket
        start = {"context": {"serviceTag": "standin"}}
        await websocket.send_str(_text_frame(request_id, "turn.start", start))
        size = -(-len(self.audio) // len(self.words))
        for index, word in enumerate(self.words):
            boundary = {"Type": "WordBoundary", "Data": {
                "Offset": 1_000_000 + index * 5_000_000, "Duration": 4_000_000,
                "text": {"Text": word, "Length": len(word), "BoundaryType": "WordBoundary"}}}
            await websocket.send_str(_text_frame(request_id, "audio.metadata", {"Metadata": [boundary]}))
            await websocket.send_bytes(_audio_frame(request_id, self.audio[index * size:(index + 1) * size]))
            if index == 0:
                await asyncio.wait_for(self.release.wait(), 5)
        await websocket.send_bytes(_audio_frame(request_id, b"", content_type=None))
        await websocket.send_str(_text_frame(request_id, "turn.end", {}))
        await websocket.close()
        return websocket


@pytest.fixture
def point_edge_tts_at(monkeypatch: pytest.MonkeyPatch):
    """Redirect edge-tts's websocket URL to a local port (the real client code runs unchanged)."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    def point(port: int) -> None:
        monkeypatch.setattr(edge_tts.communicate, "WSS_URL",
                            f"ws://127.0.0.1:{port}/edge/v1?TrustedClientToken=standin")

    return point


async def _serve(service: StandInService) -> tuple[web.AppRunner, int]:
    app = web.Application()
    app.router.add_get("/edge/v1", service.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- a hand-written fake backend that counts calls ------------------------------------------------

class CountingVoice(Synthesizer):
    """Speaks fixed MP3 audio and counts how often it was asked; can break after the first chunk."""

    name = "counting"

    def __init__(self, audio: bytes, *, break_after_first: bool = False) -> None:
        self.audio = audio
        self.break_after_first = break_after_first
        self.calls: list[tuple[str, str]] = []

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        self.calls.append((text, voice))
        half = len(self.audio) // 2
        yield self.audio[:half]
        if self.break_after_first:
            raise asyncio.TimeoutError("connection dropped")
        yield self.audio[half:]


# --- tests -----------------------------------------------------------------------------------------

def test_reply_language_detected_from_text():
    assert detect_language(ZH_REPLY) == "zh"
    assert detect_language("Mrs Wang 买了两袋米") == "zh"
    assert detect_language(EN_REPLY) == "en"


def test_edge_tts_streams_first_audio_before_the_sentence_is_done(speech_mp3, point_edge_tts_at):
    async def scenario() -> tuple[list[bytes | WordBoundary], list[str]]:
        service = StandInService(audio=speech_mp3)
        runner, port = await _serve(service)
        point_edge_tts_at(port)
        events: list[bytes | WordBoundary] = []
        try:
            async for event in EdgeTTS().events(EN_REPLY, "en-US-AriaNeural"):
                events.append(event)
                if isinstance(event, bytes):
                    service.release.set()  # the service sends the rest only once we hold the first chunk
        finally:
            await runner.cleanup()
        return events, service.requests

    events, requests = asyncio.run(scenario())
    boundaries = [e for e in events if isinstance(e, WordBoundary)]
    audio = b"".join(e for e in events if isinstance(e, bytes))
    assert [b.text for b in boundaries] == ["one", "two", "three", "four"]
    assert boundaries[1].offset_seconds == pytest.approx(0.6)
    assert boundaries[1].duration_seconds == pytest.approx(0.4)
    assert audio == speech_mp3
    assert "(en-US, AriaNeural)'>" in requests[0] and EN_REPLY in requests[0]


def test_reply_voice_uses_edge_tts_when_it_answers_and_caches_it(speech_mp3, point_edge_tts_at, tmp_path):
    async def scenario() -> tuple:
        service = StandInService(audio=speech_mp3)
        service.release.set()
        runner, port = await _serve(service)
        point_edge_tts_at(port)
        cache = TTSCache(tmp_path / "tts-cache")
        voice = ReplyVoice(primary=EdgeTTS(), fallback=EspeakFallback(), cache=cache)
        try:
            first = await voice.synthesize(EN_REPLY)
            again = await voice.synthesize(EN_REPLY)
        finally:
            await runner.cleanup()
        return first, again, len(service.requests)

    first, again, requests = asyncio.run(scenario())
    assert (first.backend, first.voice, first.language) == ("edge-tts", "en-US-AriaNeural", "en")
    assert first.data == speech_mp3
    assert (again.backend, again.data) == ("cache", speech_mp3)
    assert requests == 1


def test_falls_back_to_espeak_when_edge_tts_cannot_connect(point_edge_tts_at, tmp_path):
    point_edge_tts_at(_closed_port())
    voice = ReplyVoice(primary=EdgeTTS(), fallback=EspeakFallback(), cache=TTSCache(tmp_path / "tts-cache"))

    spoken = asyncio.run(voice.synthesize(ZH_REPLY))

    assert spoken.backend == "espeak-ng" and "ClientConnectorError" in spoken.note
    assert spoken.voice == "zh-CN-XiaoxiaoNeural" and spoken.format == "mp3"
    container, rate, channels, seconds = decoded(spoken.data)
    assert (container, rate, channels) == ("mp3", 24_000, 1)
    # 14 Mandarin syllables: espeak-ng takes a few seconds, never a blip or a minute.
    assert 2.0 < seconds < 10.0 and seconds == pytest.approx(spoken.duration_seconds, abs=0.05)
    assert not list((tmp_path / "tts-cache").glob("*.mp3"))  # the robot voice is not kept for next time


def test_falls_back_when_edge_tts_sends_no_audio_in_time(speech_mp3, point_edge_tts_at):
    async def scenario():
        service = StandInService(audio=speech_mp3, silent=True)
        runner, port = await _serve(service)
        point_edge_tts_at(port)
        voice = ReplyVoice(primary=EdgeTTS(), fallback=EspeakFallback(), first_chunk_timeout=0.5)
        try:
            return await voice.synthesize(EN_REPLY)
        finally:
            await runner.cleanup()

    spoken = asyncio.run(scenario())
    assert spoken.backend == "espeak-ng" and "within 0.5 s" in spoken.note
    assert spoken.first_byte_seconds < 3.0
    assert decoded(spoken.data)[0] == "mp3"


def test_cache_serves_a_repeated_phrase_without_the_service(speech_mp3, tmp_path):
    primary = CountingVoice(speech_mp3)
    voice = ReplyVoice(primary=primary, fallback=EspeakFallback(), cache=TTSCache(tmp_path / "tts-cache"))

    async def scenario():
        return [await voice.synthesize(text) for text in (ZH_REPLY, ZH_REPLY, f"  {ZH_REPLY} ", EN_REPLY)]

    first, second, spaced, english = asyncio.run(scenario())
    assert [a.backend for a in (first, second, spaced, english)] == ["counting", "cache", "cache", "counting"]
    assert second.data == first.data == speech_mp3
    assert primary.calls == [(ZH_REPLY, "zh-CN-XiaoxiaoNeural"), (EN_REPLY, "en-US-AriaNeural")]
    assert len(list((tmp_path / "tts-cache").glob("*.mp3"))) == 2
    assert not list((tmp_path / "tts-cache").glob(".partial-*"))


def test_cache_key_includes_the_voice(speech_mp3, tmp_path, monkeypatch):
    primary = CountingVoice(speech_mp3)
    voice = ReplyVoice(primary=primary, fallback=EspeakFallback(), cache=TTSCache(tmp_path / "tts-cache"))
    asyncio.run(voice.synthesize(ZH_REPLY))
    asyncio.run(voice.synthesize(ZH_REPLY, voice="zh-CN-YunxiNeural"))
    assert [v for _, v in primary.calls] == ["zh-CN-XiaoxiaoNeural", "zh-CN-YunxiNeural"]


def test_a_broken_stream_is_not_cached(speech_mp3, tmp_path):
    primary = CountingVoice(speech_mp3, break_after_first=True)
    voice = ReplyVoice(primary=primary, fallback=EspeakFallback(), cache=TTSCache(tmp_path / "tts-cache"))

    async def scenario() -> list[bytes]:
        return [chunk async for chunk in voice.stream(EN_REPLY, "en-US-AriaNeural")]

    chunks = asyncio.run(scenario())
    assert chunks == [speech_mp3[: len(speech_mp3) // 2]]
    assert not list((tmp_path / "tts-cache").iterdir())
    asyncio.run(scenario())
    assert len(primary.calls) == 2


def test_say_command_offline_writes_playable_audio(tmp_path, capsys):
    out = tmp_path / "reply.mp3"
    assert cli_main(["say", EN_REPLY, "--out", str(out), "--offline"]) == 0
    printed = capsys.readouterr().out
    assert "espeak-ng" in printed and str(out) in printed
    container, _, _, seconds = decoded(out.read_bytes())
    assert container == "mp3" and f"{seconds:.1f} s" in printed

    wav = tmp_path / "reply.wav"
    assert cli_main(["say", ZH_REPLY, "--out", str(wav), "--language", "zh", "--offline"]) == 0
    assert decoded(wav.read_bytes())[0] == "wav"


def test_say_command_falls_back_by_itself(tmp_path, capsys, point_edge_tts_at):
    point_edge_tts_at(_closed_port())
    out = tmp_path / "reply.mp3"
    assert cli_main(["say", ZH_REPLY, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "espeak-ng" in printed and "edge-tts failed" in printed
    assert decoded(out.read_bytes())[0] == "mp3"


def test_say_refuses_an_unknown_file_type(tmp_path, capsys):
    assert cli_main(["say", EN_REPLY, "--out", str(tmp_path / "reply.ogg"), "--offline"]) == 1
    assert ".mp3 or .wav" in capsys.readouterr().err


def test_espeak_fallback_streams_clause_by_clause():
    async def collect() -> list[bytes]:
        return [c async for c in EspeakFallback().stream(f"{ZH_REPLY}，给您留两袋。", "zh-CN-XiaoxiaoNeural")]

    chunks = asyncio.run(collect())
    assert len(chunks) == 3  # the first clause can play while the others are being made
    whole = decoded(b"".join(chunks))
    assert whole[:3] == ("mp3", 24_000, 1)
    assert whole[3] == pytest.approx(sum(decoded(c)[3] for c in chunks), abs=0.1)


def test_a_misspelt_voice_is_reported_not_spoken_over(tmp_path, capsys):
    assert cli_main(["say", EN_REPLY, "--out", str(tmp_path / "x.mp3"), "--voice", "Aria"]) == 1
    assert "ASSISTANT_TTS_VOICE" in capsys.readouterr().err
    assert not (tmp_path / "x.mp3").exists()


def test_the_cache_keeps_to_its_size_dropping_the_least_recently_used(tmp_path):
    cache = TTSCache(tmp_path / "tts-cache", max_bytes=3500)

    def put(text: str) -> None:
        writer = cache.writer(voice="v", rate="+0%", text=text)
        writer.write(b"x" * 1000)
        writer.commit()

    put("一")
    put("二")
    os.utime(cache.path_for(voice="v", rate="+0%", text="一"), (1, 1))  # both long ago, 一 the oldest
    os.utime(cache.path_for(voice="v", rate="+0%", text="二"), (2, 2))
    assert cache.lookup(voice="v", rate="+0%", text="一") is not None  # used again: now the newest of the two
    put("三")
    put("四")  # 4,000 bytes > 3,500: pruned to ≤ 3,150, the least recently used first
    kept = {text for text in "一二三四" if cache.lookup(voice="v", rate="+0%", text=text)}
    assert kept == {"一", "三", "四"}
    assert cache.size() == 3000


def test_the_voice_is_the_one_the_synthesizer_was_made_with(tmp_path):
    plain = make_synthesizer(offline=True)
    assert (plain.voice_for("zh"), plain.voice_for("en")) == ("zh-CN-XiaoxiaoNeural", "en-US-AriaNeural")
    spoken = asyncio.run(make_synthesizer(settings=Settings(tts_voice="en-us"), offline=True).synthesize(EN_REPLY))
    assert (spoken.voice, spoken.backend) == ("en-us", "espeak-ng")  # ASSISTANT_TTS_VOICE, as the door read it

    online = make_synthesizer(settings=Settings(data_dir=tmp_path, tts_voice="zh-CN-YunxiNeural"))
    assert isinstance(online, ReplyVoice) and online.voice_for("en") == "zh-CN-YunxiNeural"
    assert online.cache.folder == tmp_path / "tts-cache"
