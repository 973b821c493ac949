"""say.py SENDER MSG [MSG...]: send messages, print replies."""
import json
import sys

import httpx

token = json.load(open("/tmp/redteam/creds_a.json"))["token"]
import os

port = os.environ.get("PORT", "8734")
for m in sys.argv[2:]:
    try:
        r = httpx.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook", json={"sender": sys.argv[1], "message": m},
                   headers={"Authorization": f"Bearer {token}"}, timeout=120)
        out = " | ".join(x.get("text") or "" for x in r.json()) if r.status_code == 200 else r.text[:300]
        print(f"> {m[:80]}\n  [{r.status_code}] {out}")
    except Exception as e:
        print(f"> {m[:80]}\n  EXC {e!r}")
