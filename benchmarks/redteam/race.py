"""assistant import (customers/products/sales, thousands of rows) while 3 chat senders log sales and tabs."""
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

DB, PORT, PER = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
TOKEN = json.load(open(sys.argv[4]))["token"]
URL = f"http://127.0.0.1:{PORT}"
ENV = {**os.environ, "PYTHONPATH": "/work/wt/redteam", "ASSISTANT_TODAY": "2026-03-15",
       "ASSISTANT_DATA_DIR": "/tmp/redteam/data", "ASSISTANT_DB_URL": f"postgresql://postgres@127.0.0.1:5432/{DB}"}
sys.path.insert(0, "/work/wt/redteam")
from assistant.shop.demo.benchmark import generate_demo_csv

folder = Path(f"/tmp/redteam/race_{DB}_{os.environ.get('SEED', '11')}")
paths = generate_demo_csv(folder, customers=3000, sale_items=6000, seed=int(os.environ.get("SEED", "11")), today=dt.date(2026, 3, 15))
rows = {p.name: sum(1 for _ in p.open()) - 1 for p in paths}
print("csv rows", rows, flush=True)
e = create_engine(f"postgresql://postgres@127.0.0.1:5432/{DB}")
def q(sql, **k):
    with e.connect() as c: return c.execute(text(sql), k).all()
imported_before = q("select count(*) from sales where channel='import'")[0][0]
SENDERS = {"race-1": ["周德明", "范艳磊"], "race-2": ["余凤涛", "宋勇秀"], "race-3": ["黄秀", "何伟"]}
tally = {s: Counter() for s in SENDERS}; other = []; errors = []
def chat(sender, people):
    with httpx.Client(timeout=300, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        for i in range(PER):
            who = people[i % 2]
            tab = i % 3 == 2
            msg = f"{who}先拿一袋东北大米,记账" if tab else f"{who}买了一袋东北大米"
            try:
                rb = c.post(f"{URL}/webhooks/rest/webhook", json={"sender": sender, "message": msg})
                yes = c.post(f"{URL}/webhooks/rest/webhook", json={"sender": sender, "message": "对"})
            except httpx.HTTPError as err:
                errors.append(repr(err)); continue
            said = " ".join(m.get("text") or "" for m in yes.json()) if yes.status_code == 200 else f"[{yes.status_code}]"
            kind = "tab" if tab else "sale"
            if said.strip() == "记好了。":
                tally[sender][kind] += 1
            else:
                other.append((sender, msg, rb.text[:120], said)); tally[sender][kind + "-other"] += 1
imports = []
def run_import(delay, args):
    time.sleep(delay)
    t = time.time()
    r = subprocess.run(["/work/main/.venv/bin/python", "-m", "assistant.cli", "import", *args], env=ENV,
                       capture_output=True, text=True, cwd="/work/wt/redteam")
    imports.append((args[0], r.returncode, round(time.time() - t, 1), r.stdout[-300:], r.stderr[-500:]))
full = ["--customers", str(paths[0]), "--products", str(paths[1]), "--sales", str(paths[2])]
threads = [threading.Thread(target=chat, args=(s, p)) for s, p in SENDERS.items()]
threads += [threading.Thread(target=run_import, args=(2, full)),
            threading.Thread(target=run_import, args=(8, ["--sales", str(paths[2])])),
            threading.Thread(target=run_import, args=(15, full))]
t0 = time.time()
for t in threads: t.start()
for t in threads: t.join()
secs = time.time() - t0
print(f"done in {secs:.0f} s", flush=True)
for imp in imports: print("import", imp[:3], imp[3].strip()[-200:], imp[4].strip()[-300:])
written = dict(q("select conversation_id, count(*) from sales where kind='sale' and conversation_id like 'race-%' group by 1"))
tabs = dict(q("select conversation_id, count(*) from credit_entries where kind='charge' and conversation_id like 'race-%' group by 1"))
print("told recorded", {s: dict(c) for s, c in tally.items()})
print("sales rows per sender", written, "tab entries", tabs)
print("other answers", len(other), other[:5], "errors", errors[:3])
imported = q("select count(*) from sales where channel='import'")[0][0] - imported_before
items = q("select count(*) from sale_items si join sales s on s.id=si.sale_id where s.channel='import'")[0][0]
print("imported receipts", imported, "import items total", items, "(file lines", rows["sales.csv"], ")")
ok = all(written.get(s, 0) == c["sale"] + c["tab"] and tabs.get(s, 0) == c["tab"] for s, c in tally.items())
print("EXACTLY ONCE" if ok else "MISMATCH")
