"""Speech synthesis timings for a 20-character reply: time to first audio byte and total time.

Cases: edge-tts with the cache cold (the real service; where it is unreachable this measures how fast
the failure is noticed and espeak-ng takes over), edge-tts black-holed (a server that accepts the
connection and never answers: the first-chunk timeout decides), the espeak-ng fallback alone, and the
cache warm. Prints a Markdown table.

    .venv/bin/python benchmarks/tts.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import edge_tts.communicate  # noqa: E402

from assistant.speech.tts import (  # noqa: E402
    SERVICE_ERRORS,
    EdgeTTS,
    EspeakFallback,
    ReplyVoice,
    Synthesizer,
    TTSCache,
)

REPLY = "王阿姨，您要的东北大米到货了，给您留两袋"
VOICE = "zh-CN-XiaoxiaoNeural"


class Recorded(Synthesizer):
    """Replays fixed MP3 audio: fills the cache for the warm case when the real service is unreachable."""

    name = "recorded"

    def __init__(self, mp3: bytes) -> None:
        self.mp3 = mp3

    async def stream(self, text: str, voice: str) -> AsyncIterator[bytes]:
        yield self.mp3


async def timed(voice: Synthesizer) -> tuple[float, float, str, str | None]:
    """(first byte s, total s, backend, note) of one synthesis of the reply."""
    start = time.perf_counter()
    first: float | None = None
    backend, note = "", None
    async for chunk in voice.chunks(REPLY, VOICE):
        first = first if first is not None else time.perf_counter() - start
        backend, note = chunk.backend, chunk.note or note
    return first or 0.0, time.perf_counter() - start, backend, note


async def failure_detection() -> tuple[float, str]:
    """How long edge-tts takes to raise when its service cannot be used, and what it raised."""
    start = time.perf_counter()
    try:
        async for _ in EdgeTTS().stream(REPLY, VOICE):
            return time.perf_counter() - start, "no failure: the service answered"
    except SERVICE_ERRORS as error:
        return time.perf_counter() - start, type(error).__name__
    return time.perf_counter() - start, "no audio"


async def black_hole() -> tuple[asyncio.AbstractServer, int]:
    """A TCP server that accepts connections and never says a word."""
    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def main(runs: int) -> None:
    rows: list[tuple[str, list[tuple[float, float, str, str | None]]]] = []
    with tempfile.TemporaryDirectory() as folder:
        cache = TTSCache(Path(folder) / "tts-cache")
        edge = ReplyVoice(primary=EdgeTTS(), fallback=EspeakFallback(), cache=cache)
        rows.append(("edge-tts, cache cold", [await timed(edge) for _ in range(runs)]))
        detection = [await failure_detection() for _ in range(runs)]

        server, port = await black_hole()
        real_url = edge_tts.communicate.WSS_URL
        edge_tts.communicate.WSS_URL = f"ws://127.0.0.1:{port}/edge/v1?TrustedClientToken=x"
        try:
            held = [await timed(edge) for _ in range(2)]
            rows.append(("edge-tts black-holed (3 s first-chunk timeout)", held))
        finally:
            edge_tts.communicate.WSS_URL = real_url
            server.close()

        rows.append(("espeak-ng fallback alone (`--offline`)",
                     [await timed(EspeakFallback()) for _ in range(runs)]))

        mp3 = b"".join([chunk async for chunk in EspeakFallback().stream(REPLY, VOICE)])
        # Fills the cache the way a successful edge-tts call would.
        await timed(ReplyVoice(primary=Recorded(mp3), fallback=EspeakFallback(), cache=cache))
        rows.append(("cache warm", [await timed(edge) for _ in range(runs)]))

    print(f"Reply: {REPLY} ({len(REPLY)} characters), voice {VOICE}, median of the runs shown.\n")
    print("| case | runs | first audio byte | total | spoken by |")
    print("| --- | --- | --- | --- | --- |")
    for name, results in rows:
        first = statistics.median(r[0] for r in results)
        total = statistics.median(r[1] for r in results)
        spoken_by = results[-1][2]
        print(f"| {name} | {len(results)} | {first * 1000:.1f} ms | {total * 1000:.1f} ms | {spoken_by} |")
    seconds = statistics.median(d[0] for d in detection)
    print(f"\nedge-tts failure detected after {seconds * 1000:.0f} ms (median; raised {detection[-1][1]}).")
    notes = {r[3] for _, results in rows for r in results if r[3]}
    for note in sorted(notes):
        print(f"- fallback reason seen: {note}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    asyncio.run(main(parser.parse_args().runs))
