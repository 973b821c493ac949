"""Restart to first page, and restart to first chat answer, of `assistant serve` (issue 12, part 7).

Each run starts `assistant serve` as a subprocess on a fresh copy of a database (the demo shop unless
``--db`` names one) and polls, from the moment the process is started:

- the first page: ``GET /today`` with the owner's token (a page built from the daily-tasks report);
- the first chat answer: ``POST /webhooks/rest/webhook`` "你好" answered 200 by the model (a 503 "getting
  ready" does not count; the time of the first such answer is printed too).

It prints each run and the medians. ``--tree`` runs another checkout's code (e.g. ``/work/main``, to
compare with the server that loaded the model before serving anything).

    .venv/bin/python benchmarks/startup.py                      # 3 runs, this tree
    .venv/bin/python benchmarks/startup.py --tree /work/main    # the same for another checkout
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

# Run inside the measured tree: migrate (its own migrations), load the demo shop, print an owner token.
BUILD = """
import sys
from assistant import auth
from assistant.db import make_engine, session_scope, upgrade
engine = make_engine(sys.argv[1])
upgrade(engine)
if len(sys.argv) > 2:
    from assistant.shop.demo import load_demo
    load_demo(engine)
with session_scope(engine) as session:
    auth.ensure_owner(session)
    print(auth.new_token(session, auth.find_owner(session)))
"""
SERVE = "import sys; from assistant.cli import main; sys.exit(main())"


def _python(tree: Path) -> str:
    venv = tree / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _run_in(tree: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([_python(tree), "-c", *args], cwd=tree, env=env, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_run(tree: Path, template: Path, folder: Path, timeout: float, *, pages_only: bool = False,
            ) -> dict[str, float | None]:
    """Start the server on a copy of ``template``; seconds to first page, first 503, first answer."""
    database = folder / "shop.db"
    shutil.copyfile(template, database)
    url = f"sqlite:///{database}"
    token = _run_in(tree, BUILD, url)  # a fresh token; the data stays as copied
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(tree), "ASSISTANT_DB_URL": url, "ASSISTANT_DATA_DIR": str(folder)}
    times: dict[str, float | None] = {"first page": None, "first 'getting ready'": None, "first chat answer": None}
    started = time.monotonic()
    server = subprocess.Popen([_python(tree), "-c", SERVE, "serve", "--port", str(port)], cwd=tree, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"},
                          timeout=60) as client:
            while times["first chat answer"] is None and not (pages_only and times["first page"]):
                if time.monotonic() - started > timeout:
                    raise SystemExit(f"no chat answer within {timeout:.0f} s")
                if server.poll() is not None:
                    raise SystemExit(f"the server exited with {server.returncode}")
                try:
                    if times["first page"] is None and client.get("/today").status_code == 200:
                        times["first page"] = time.monotonic() - started
                    answer = client.post("/webhooks/rest/webhook", json={"sender": "bench", "message": "你好"})
                except httpx.TransportError:
                    time.sleep(0.05)
                    continue
                now = time.monotonic() - started
                if answer.status_code == 200:
                    times["first chat answer"] = now
                elif answer.status_code == 503 and times["first 'getting ready'"] is None:
                    times["first 'getting ready'"] = now
                time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return times


def main() -> None:
    """Build the database once, run the server ``--runs`` times, print each run and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose code to run")
    parser.add_argument("--db", type=Path, help="an SQLite database to copy (default: the demo shop)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--pages-only", action="store_true",
                        help="stop at the first page (e.g. with ASSISTANT_MODELS_DIR pointing at an empty folder)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory(prefix="zhanggui-startup-") as work:
        template = Path(work) / "template.db"
        if args.db:
            shutil.copyfile(args.db, template)
            _run_in(tree, BUILD, f"sqlite:///{template}")
        else:
            _run_in(tree, BUILD, f"sqlite:///{template}", "demo")
        results = []
        for run in range(args.runs):
            folder = Path(work) / f"run{run}"
            folder.mkdir()
            load = os.getloadavg()[0]
            times = one_run(tree, template, folder, args.timeout, pages_only=args.pages_only)
            results.append(times)
            shown = ", ".join(f"{k} {v:.1f} s" if v is not None else f"{k} —" for k, v in times.items())
            print(f"run {run + 1}: {shown} (load average {load:.1f})", flush=True)
    print(f"\n{tree}, {args.runs} runs, medians:")
    for key in results[0]:
        values = [r[key] for r in results if r[key] is not None]
        print(f"  {key}: {statistics.median(values):.1f} s" if values else f"  {key}: never")


if __name__ == "__main__":
    main()
