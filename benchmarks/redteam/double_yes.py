"""Two or three "对" at once for one read-back (a double tap, a retried request): written once?"""
import json
import sys
import threading

import httpx
from sqlalchemy import create_engine, text

PORT, DB = sys.argv[1], sys.argv[2]
TOKEN = json.load(open(sys.argv[3]))["token"]
URL = f"http://127.0.0.1:{PORT}/webhooks/rest/webhook"
H = {"Authorization": f"Bearer {TOKEN}"}
e = create_engine(f"postgresql://postgres@127.0.0.1:5432/{DB}")
def n(sql):
    with e.connect() as c: return c.execute(text(sql)).scalar()
def say(s, m): 
    r = httpx.post(URL, json={"sender": s, "message": m}, headers=H, timeout=120)
    return " ".join(x.get("text") or "" for x in r.json()) if r.status_code == 200 else f"[{r.status_code}]"
bad = 0
for k, (msg, count_sql) in enumerate([("周德明买了一袋东北大米", "select count(*) from sales where kind='sale' and conversation_id='{s}'"),
                               ("范艳磊先拿一袋东北大米,记账", "select count(*) from credit_entries where conversation_id='{s}'"),
                               ("进了五袋东北大米", "select count(*) from stock_movements where reason='stock_in'"),
                               ("撤销刚才那笔", "select count(*) from sales where kind='void' and conversation_id='{s}'")] * 3):
    s = f"dbl-{k}"
    if msg.startswith("撤销"):
        say(s, "余凤涛买了一袋花生油"); say(s, "对")
    before = n(count_sql.format(s=s))
    rb = say(s, msg)
    out = {}
    ts = [threading.Thread(target=lambda i=i: out.__setitem__(i, say(s, "对"))) for i in range(3)]
    [t.start() for t in ts]; [t.join() for t in ts]
    after = n(count_sql.format(s=s))
    ok = after - before == 1 and sum(v.strip() in ("记好了。", "已撤销。") for v in out.values()) <= 1
    bad += not ok
    print("ok" if ok else "!!", msg, "| rb:", rb[:30], "| answers:", sorted(out.values()), "| rows +", after - before)
print("bad", bad)
