"""Public links: tampered, expired, other kind, other shop, cancelled, erased: 404 and nothing written."""
import datetime as dt
import hashlib
import json
import re
import sys

import httpx
from itsdangerous import URLSafeSerializer
from sqlalchemy import create_engine, text

BASE = "http://127.0.0.1:8734"
db, token = sys.argv[1], json.load(open(sys.argv[2]))["token"]
H = {"Authorization": f"Bearer {token}"}
e = create_engine(f"postgresql://postgres@127.0.0.1:5432/{db}")
def q(sql, **k):
    with e.begin() as c: return c.execute(text(sql), k).all()
secret = q("select link_secret from shops order by id limit 1")[0][0]
def mint(kind, subject, expires_minutes, key=secret):
    return URLSafeSerializer(key, salt=f"zhanggui.{kind}", signer_kwargs={"digest_method": hashlib.sha256}).dumps([subject, expires_minutes])
minutes = lambda d: int((d - dt.datetime(1970,1,1)).total_seconds() // 60)
items = httpx.get(f"{BASE}/api/greetings", headers=H).json()["items"]
g = items[0]; share = g["share_url"]; print("share", share, g["customer"])
cid = g["customer_id"]
page = httpx.post(f"{BASE}/customers/{cid}/personal-link", headers={**H, "Accept": "text/html"})
me = re.search(r"/me/[A-Za-z0-9_.\-]+", page.text).group(0); print("personal", me)
tok = share.split("/g/")[1]; ptok = me.split("/me/")[1]
names = [r[0] for r in q("select name from customers")]
TABLES = ("consents","erasure_requests","signups","greetings","customers")
def snap(): return {t: q(f"select count(*) from {t}")[0][0] for t in TABLES}
before = snap()
flip = lambda s, i: s[:i] + ("A" if s[i] != "A" else "B") + s[i+1:]
cases = {
 "genuine share (control)": f"/g/{tok}",
 "genuine personal (control)": f"/me/{ptok}",
 "share tampered payload": f"/g/{flip(tok, 3)}",
 "share tampered signature": f"/g/{flip(tok, len(tok)-2)}",
 "share truncated": f"/g/{tok[:-5]}",
 "share empty-ish": "/g/x",
 "share 5000 chars": "/g/" + "A"*5000,
 "share expired (minted)": f"/g/{mint('share', g['id'], minutes(dt.datetime(2026,3,1)))}",
 "share other salt (personal token)": f"/g/{ptok}",
 "personal via share token": f"/me/{tok}",
 "share forged key": f"/g/{mint('share', g['id'], 0, key='guess')}",
 "share next id": f"/g/{mint('share', g['id']+1, 0, key='guess')}",
 "share subject 0": f"/g/{mint('share', 0, 0)}",
 "share subject str": "/g/" + URLSafeSerializer(secret, salt='zhanggui.share', signer_kwargs={'digest_method': hashlib.sha256}).dumps(["1", 0]),
 "personal expired (minted)": f"/me/{mint('personal', cid, minutes(dt.datetime(2026,3,14)))}",
 "personal signup salt": f"/me/{mint('signup', cid, 0)}",
 "personal download tampered": f"/me/{flip(ptok, 4)}/download",
 "share audio tampered": f"/g/{flip(tok, 4)}/audio",
 "path traversal static": "/static/../../assistant/config.py",
 "path traversal static enc": "/static/%2e%2e/%2e%2e/pyproject.toml",
 "template kind traversal": "/import/template/..%2F..%2Fpyproject.csv",
}
bad = 0
for label, path in cases.items():
    r = httpx.get(BASE + path)
    leak = [n for n in names if n in r.text]
    control = "control" in label
    ok = (r.status_code == 200) if control else (r.status_code in (404, 401, 422, 303) and not leak)
    bad += not ok
    print(f"{'ok' if ok else '!!'} {label:38s} {r.status_code} leak={leak[:2]} {r.text[:80]!r}")
# posts
for label, path, hdr in [
  ("opt-out tampered", f"/g/{flip(tok,3)}/opt-out", {}),
  ("opt-out expired", f"/g/{mint('share', g['id'], minutes(dt.datetime(2026,3,1)))}/opt-out", {}),
  ("opt-out cross-site", f"/g/{tok}/opt-out", {"Origin": "http://evil.example"}),
  ("erase tampered", f"/me/{flip(ptok,3)}/erase", {}),
  ("erase without form token", f"/me/{ptok}/erase", {}),
  ("erase cross-site", f"/me/{ptok}/erase", {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}),
]:
    r = httpx.post(BASE + path, headers=hdr, data={"form_token": "x"})
    ok = r.status_code in (403, 404, 422, 400, 303, 200) and not [n for n in names if n in r.text]
    print(f"{'ok' if ok else '!!'} POST {label:33s} {r.status_code} {r.text[:100]!r}")
after = snap()
print("DB", "unchanged" if after == before else f"CHANGED {before} -> {after}", "bad", bad)
