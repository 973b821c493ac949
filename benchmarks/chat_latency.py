"""Message-to-reply time through the running server (issue 3's goal: p95 ≤ 100 ms for database questions).

Starts `assistant serve` on a database with the demo shop plus scaled customers (default 100,000), sends
messages to the REST webhook with the owner's token, and prints p50 / p95 per kind of message and the
overall requests per second.

    .venv/bin/python benchmarks/chat_latency.py                   # 500 messages, 100,000 customers
    .venv/bin/python benchmarks/chat_latency.py --customers 2000  # quicker
    .venv/bin/python benchmarks/chat_latency.py --db /tmp/big.db  # reuse a database built before
    .venv/bin/python benchmarks/chat_latency.py --one-conversation # all in one conversation, like the
                                                                   # counter microphone all day
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Database questions (answered from reports) and dialogue turns, in both languages.
MESSAGES = {
    "restock": ["这周谁该补米了", "who needs rice this week"],
    "profile": ["王阿姨平时买什么", "what does Auntie Wang usually buy"],
    "birthdays": ["今天谁过生日", "whose birthday is it today"],
    "inactive": ["谁一个月没来了", "who hasn't been in for 30 days"],
    "stock": ["花生油还剩多少", "how much peanut oil is left"],
    "reorder": ["哪些货要补了", "what do I need to reorder"],
    "sales": ["今天卖了多少钱", "how much did we sell today"],
    "sale read-back": ["王阿姨买了两袋东北大米", "Auntie Wang bought two bags of northeast rice"],
    "small talk": ["你好", "thanks"],
}


def build_database(path: Path, customers: int) -> None:
    """The demo shop plus ``customers`` scaled customers (with their sales) in a fresh SQLite file."""
    from assistant.db import make_engine, upgrade
    from assistant.shop.demo import load_demo
    from assistant.shop.demo.benchmark import generate_demo_csv
    from assistant.shop.importer import import_csv

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    load_demo(engine)
    with tempfile.TemporaryDirectory() as folder:
        c, p, s = generate_demo_csv(Path(folder), customers=customers, sale_items=customers * 20)
        import_csv(engine, customers=c, products=p, sales=s, progress=True)
    engine.dispose()


def owner_token(url: str) -> str:
    """A fresh API token for the owner of the benchmark database."""
    from assistant import auth
    from assistant.db import make_engine, session_scope, upgrade

    engine = make_engine(url)
    upgrade(engine)  # a database built by an older version gets the newest schema first
    with session_scope(engine) as session:
        auth.ensure_owner(session)
        return auth.new_token(session, auth.find_owner(session))


def _load() -> str:
    """The machine's 1-minute load average (timings on a shared machine mean little without it)."""
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    """Build or reuse the database, start the server, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse this SQLite database (built if missing)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--one-conversation", action="store_true",
                        help="send every message in one conversation (default: a new one per message)")
    args = parser.parse_args()

    db = args.db or Path(tempfile.mkdtemp()) / "chat-bench.db"
    load_before = _load()
    if not db.exists():
        print(f"building {db} with {args.customers:,} customers …", flush=True)
        build_database(db, args.customers)
    url = f"sqlite:///{db}"
    token = owner_token(url)
    env = {**os.environ, "ASSISTANT_DB_URL": url}
    server = subprocess.Popen([str(ROOT / ".venv/bin/assistant"), "serve", "--port", str(args.port)], env=env,
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                try:
                    if client.get("/health").json().get("brain"):
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            else:
                raise SystemExit("the server did not come up with a model within 3 minutes")
            kinds = [(kind, text) for kind, texts in MESSAGES.items() for text in texts]
            for _kind, text in kinds:  # warm up: first use builds the name index, loads jieba, ...
                client.post("/webhooks/rest/webhook", json={"sender": "warm", "message": text})
            timings: dict[str, list[float]] = {kind: [] for kind in MESSAGES}
            started = time.perf_counter()
            for n in range(args.messages):
                kind, text = kinds[n % len(kinds)]
                before = time.perf_counter()
                sender = "bench" if args.one_conversation else f"bench-{n}"
                response = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": text})
                timings[kind].append((time.perf_counter() - before) * 1000)
                response.raise_for_status()
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]

    conversations = "one conversation" if args.one_conversation else "a new conversation each"
    print(f"\n{args.messages} messages ({conversations}), {args.customers:,} scaled customers, one client, "
          f"{elapsed:.1f} s ({args.messages / elapsed:.1f} requests/s), load average before/after "
          f"{load_before} / {_load()}\n")
    print("| message | n | p50 ms | p95 ms |\n| --- | --- | --- | --- |")
    everything: list[float] = []
    for kind, values in timings.items():
        everything += values
        print(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {pct(values, 95):.1f} |")
    print(f"| all | {len(everything)} | {statistics.median(everything):.1f} | {pct(everything, 95):.1f} |")


if __name__ == "__main__":
    main()
