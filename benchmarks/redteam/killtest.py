"""SIGKILL the server at many points of a conversation on PostgreSQL; check exactly-once and honest replies.

usage: killtest.py DBNAME PORT  (the database is made fresh with the demo shop)
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import httpx
from sqlalchemy import create_engine, text

DB, PORT = sys.argv[1], int(sys.argv[2])
ONLY = sys.argv[3].split(",") if len(sys.argv) > 3 else None
ENV = {**os.environ, "PORT": str(PORT)}
creds = json.loads(subprocess.run(["/work/main/.venv/bin/python", "/work/wt/redteam/benchmarks/redteam/setup_db.py", DB],
                                  env={**os.environ, "PYTHONPATH": "/work/wt/redteam", "ASSISTANT_TODAY": "2026-03-15",
                                       "ASSISTANT_DATA_DIR": "/tmp/redteam/data_kill"},
                                  capture_output=True, text=True, check=True).stdout)
TOKEN = creds["token"]
URL = f"http://127.0.0.1:{PORT}"
engine = create_engine(f"postgresql://postgres@127.0.0.1:5432/{DB}")
TABLES = ("sales", "sale_items", "credit_entries", "stock_movements", "customer_tags", "greetings", "customers",
          "consents", "customer_names")
LOG = f"/tmp/redteam/kill_{DB}.log"


def counts():
    with engine.connect() as c:
        return {t: c.execute(text(f"select count(*) from {t}")).scalar() for t in TABLES}


def delta(a, b):
    return {t: b[t] - a[t] for t in TABLES if b[t] != a[t]}


class Server:
    proc = None

    def start(self):
        self.proc = subprocess.Popen(["/work/wt/redteam/benchmarks/redteam/serve.sh", DB, "/work/wt/redteam/models", LOG],
                                     env={**ENV, "ASSISTANT_DATA_DIR": "/tmp/redteam/data_kill"},
                                     start_new_session=True)
        t0 = time.time()
        while time.time() - t0 < 600:
            try:
                if httpx.get(f"{URL}/health", timeout=2).json().get("brain"):
                    return time.time() - t0
            except Exception:
                pass
            time.sleep(0.3)
        raise SystemExit("server did not start")

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


def say(sender, message, timeout=120):
    r = httpx.post(f"{URL}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                   headers={"Authorization": f"Bearer {TOKEN}"}, timeout=timeout)
    return " ".join(m.get("text") or "" for m in r.json()) if r.status_code == 200 else f"[{r.status_code}] {r.text[:200]}"


# (name, setup messages each answered, the read-back message, a customer-rotating template)
PEOPLE = ["周德明", "范艳磊", "余凤涛", "宋勇秀", "黄秀", "雷波", "何伟", "钱云凤", "王建林", "张红建", "黄丽兰",
          "姜志玲", "曾强", "张辉", "金军", "梁敏娜", "严英", "邹勇", "龚文", "沈海文", "邓涛", "邹平"]
BIRTHDAYS = ["刘淑珍", "王秀英"]
SCENARIOS = {
    "sale": lambda p: ([], f"{p}买了一袋东北大米"),
    "tab": lambda p: ([], f"{p}先拿两袋东北大米,记账"),
    "repayment": lambda p: ([f"{p}先拿两袋东北大米,记账", "对"], f"{p}还了十块"),
    "delivery": lambda p: ([], "进了三十袋东北大米"),
    "customer update": lambda p: ([], f"{p}对花生过敏"),
    "undo": lambda p: ([f"{p}买了一袋花生油", "对"], "撤销刚才那笔"),
    "greeting": lambda p: ([], f"给{p}发个生日祝福"),
}
POINTS = [p if p in ("after reply", "read-back waits") else float(p) for p in os.environ.get("POINTS", "read-back waits,0.05,0.3,after reply").split(",")]
server = Server()
print("first start", round(server.start(), 1), "s", flush=True)
results = []
people = iter(PEOPLE)
births = iter(BIRTHDAYS)
for name, make in SCENARIOS.items():
    if ONLY and name not in ONLY:
        continue
    for point in POINTS:
        if name == "greeting" and point in (0.05, "read-back waits"):
            continue
        person = next(births) if name == "greeting" else next(people)
        sender = f"k-{name.replace(' ', '')}-{point}"
        setup, readback_msg = make(person)
        for m in setup:
            say(sender, m)
        base = counts()
        rb = say(sender, readback_msg)
        first = None
        if point == "read-back waits":
            server.kill()
        elif point == "after reply":
            first = say(sender, "对")
            server.kill()
        else:
            box = {}
            th = threading.Thread(target=lambda: box.update(r=_try(sender)), daemon=True)

            def _try(s):
                try:
                    return say(s, "对", timeout=30)
                except Exception as error:
                    return f"(no reply: {type(error).__name__})"
            th = threading.Thread(target=lambda: box.update(r=_try(sender)), daemon=True)
            th.start()
            time.sleep(point)
            server.kill()
            th.join(10)
            first = box.get("r")
        mid = delta(base, counts())
        boot = server.start()
        second = say(sender, "对")
        final = delta(base, counts())
        third = say(sender, "对")
        after_third = delta(base, counts())
        row = dict(scenario=name, point=point, person=person, readback=rb, first=first, mid=mid,
                   second=second, final=final, third=third, after_third=after_third, boot=round(boot, 1))
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
server.kill()
json.dump(results, open(f"/tmp/redteam/kill_{DB}.json", "w"), ensure_ascii=False, indent=1)
