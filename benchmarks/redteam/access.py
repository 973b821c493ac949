"""Every route without login / wrong token / tampered cookie: nothing of customer data."""
import sys

import httpx
from sqlalchemy import create_engine, text

BASE = "http://127.0.0.1:8734"
db = sys.argv[1]
e = create_engine(f"postgresql://postgres@127.0.0.1:5432/{db}")
with e.connect() as c:
    names = [r[0] for r in c.execute(text("select name from customers"))]
    phones = [r[0] for r in c.execute(text("select phone from customers where phone is not null"))]
    gid = c.execute(text("select min(id) from greetings")).scalar() or 1
    cid = c.execute(text("select min(id) from customers")).scalar()
    sid = c.execute(text("select max(id) from sales")).scalar()
    counts = {t: c.execute(text(f"select count(*) from {t}")).scalar() for t in ("customers","sales","greetings","consents","customer_tags","credit_entries","erasure_requests") }
print("ids", gid, cid, sid, counts)
routes = [("GET","/api/conversation?sender=owner"),("GET","/"),("GET","/api/reports"),("GET","/api/reports/credit"),
("GET","/api/reports/birthdays"),("GET","/api/reports/inactive?days=30"),("GET","/api/greetings"),
("GET",f"/api/greetings/{gid}/audio"),("POST",f"/api/greetings/{gid}/sent"),("POST",f"/api/greetings/{gid}/cancel"),
("POST","/api/greetings/record"),("GET","/today"),("POST","/today/greet"),("GET","/customers"),("GET","/customers/new"),
("POST","/customers/new"),("GET",f"/customers/{cid}"),("POST",f"/customers/{cid}"),("GET","/greetings"),
("POST",f"/greetings/{gid}/sent"),("GET","/sales"),("POST",f"/sales/{sid}/undo"),("GET","/import"),
("GET","/import/template/customers.csv"),("POST","/import"),("GET","/signups"),("POST","/signups/1/confirm"),
("POST",f"/customers/{cid}/personal-link"),("POST",f"/customers/{cid}/erase"),("POST",f"/customers/{cid}/keep"),
("POST","/webhooks/rest/webhook"),("GET","/openapi.json"),("GET","/help/phone"),("POST","/language"),
("GET","/customers?q=%E7%8E%8B"),("GET","/api/reports/sales?format=csv")]
variants = {
 "none": ({}, {}),
 "wrong bearer": ({"Authorization": "Bearer nope"}, {}),
 "empty bearer": ({"Authorization": "Bearer  x"}, {}),
 "basic": ({"Authorization": "Basic b3duZXI6eA=="}, {}),
 "query wrong": ({}, {"token": "x"*43}),
 "cookie forged": ({"Cookie": "zhanggui_session=1.2.3"}, {}),
 "cookie forged+origin": ({"Cookie": "zhanggui_session=abc", "Origin": BASE}, {}),
 "html accept": ({"Accept": "text/html"}, {}),
}
bad = 0
with httpx.Client(base_url=BASE, timeout=30) as client:
    for label, (headers, params) in variants.items():
        for method, path in routes:
            kw = {}
            if path == "/webhooks/rest/webhook":
                kw["json"] = {"sender": "x", "message": "王阿姨欠多少"}
            r = client.request(method, path, headers={"Origin": BASE, **headers} if method=="POST" else headers, params=params, **kw)
            body = r.text
            leak = [n for n in names if n in body] + [p for p in phones if p and p in body]
            ok = r.status_code in (401, 403, 303, 404, 405, 422) and not leak
            if path in ("/help/phone", "/openapi.json", "/import/template/customers.csv") and not leak:
                ok = True
            if not ok:
                bad += 1
                print(f"!! {label:20s} {method} {path} -> {r.status_code} leak={leak[:3]} {body[:150]!r}")
with e.connect() as c:
    after = {t: c.execute(text(f"select count(*) from {t}")).scalar() for t in counts}
print("changed" if after != counts else "unchanged", after)
print("requests", len(routes)*len(variants), "bad", bad)
