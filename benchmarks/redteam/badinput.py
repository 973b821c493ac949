"""Bad input through HTTP: uploads (audio, CSV), unknown customer, weird names. Nothing must change."""
import json
import random
import re
import sys

import httpx
from sqlalchemy import create_engine, text

BASE = "http://127.0.0.1:8734"
db, token = sys.argv[1], json.load(open(sys.argv[2]))["token"]
H = {"Authorization": f"Bearer {token}"}
e = create_engine(f"postgresql://postgres@127.0.0.1:5432/{db}")
TABLES = ("customers","customer_names","sales","sale_items","greetings","consents","customer_tags","credit_entries","products","stock_movements","audit_log")
def snap():
    with e.connect() as c:
        return {t: c.execute(text(f"select count(*) from {t}")).scalar() for t in TABLES}
with e.connect() as c:
    cid = c.execute(text("select id from customers where marketing_consent order by id limit 1")).scalar()
before = snap()
results = []
def show(label, r):
    if isinstance(r, Exception):
        print(f"{label:45s} EXC {r!r}"); results.append((label, "exc", False)); return
    body = r.text
    m = re.search(r'class="(?:problems|error)[^"]*".*?</(?:ul|p|div)>', body, re.S)
    if "<html" in body:
        body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (m.group(0) if m else body[body.find("<main"):])))
    cjk = bool(re.search(r"[\u4e00-\u9fff]", body))
    results.append((label, r.status_code, cjk))
    print(f"{label:45s} {r.status_code} zh={cjk} {body[:220]!r}")
class C:
    def __getattr__(self, name):
        def call(*a, **kw):
            try:
                with httpx.Client(base_url=BASE, headers=H, timeout=120) as cl:
                    return getattr(cl, name)(*a, **kw)
            except Exception as ex:
                return ex
        return call
c = C()
rnd = random.Random(1)
audio_cases = {
  "empty": b"", "garbage 1KB": bytes(rnd.getrandbits(8) for _ in range(1024)),
  "truncated wav header": b"RIFF\x24\x00\x00\x00WAVEfmt ",
  "text as audio": "王阿姨<script>alert(1)</script>".encode(),
  "fake mp3 header": b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff" * 500,
}
for label, data in audio_cases.items():
    show(f"record {label}", c.post("/api/greetings/record", data={"customer_id": str(cid), "occasion": "生日"},
                                   files={"audio": ("a.m4a", data, "audio/mp4")}))
show("record huge 21MB", c.post("/api/greetings/record", data={"customer_id": str(cid)},
     files={"audio": ("a.wav", b"\x00" * (21 * 1024 * 1024), "audio/wav")}))
show("record 70MB (over whole form limit)", c.post("/api/greetings/record", data={"customer_id": str(cid)},
     files={"audio": ("a.wav", b"\x00" * (70 * 1024 * 1024), "audio/wav")}))
show("record unknown customer", c.post("/api/greetings/record", data={"customer_id": "999999"},
     files={"audio": ("a.wav", b"RIFF", "audio/wav")}))
show("record customer id 2^40", c.post("/api/greetings/record", data={"customer_id": str(2**40)},
     files={"audio": ("a.wav", b"RIFF", "audio/wav")}))
show("record customer id -1", c.post("/api/greetings/record", data={"customer_id": "-1"},
     files={"audio": ("a.wav", b"RIFF", "audio/wav")}))
show("record customer id 'abc'", c.post("/api/greetings/record", data={"customer_id": "1 OR 1=1"},
     files={"audio": ("a.wav", b"RIFF", "audio/wav")}))
# CSV via /import
csv_cases = {
 "customers GBK": ("customers", "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n新顾客甲,,13800000001,1970-01-01,,,,yes\n".encode("gbk")),
 "customers missing columns": ("customers", "名字\n张三\n".encode()),
 "customers duplicate names": ("customers", "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n重复人,,,,,,,yes\n重复人,,,,,,,no\n".encode()),
 "customers bad date": ("customers", "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n坏日子,,,1970-13-45,,,,yes\n".encode()),
 "customers sql name": ("customers", b"name,aliases,phone,birthday,household,tags,notes,marketing_consent\nRobert'); DROP TABLE customers;--,,,,,,,yes\n<script>alert(1)</script>,,,,,,,yes\n,,,,,,,yes\n"),
 "sales bad date": ("sales", "date,customer,product,quantity,unit,amount\n2026-02-30,王秀英,花生油,1,桶,89\n".encode()),
 "sales unknown customer": ("sales", "date,customer,product,quantity,unit,amount\n2026-03-01,不存在的人,花生油,1,桶,89\n".encode()),
 "sales unknown product": ("sales", "date,customer,product,quantity,unit,amount\n2026-03-01,,火星米,1,袋,89\n".encode()),
 "sales negative/NaN": ("sales", "date,customer,product,quantity,unit,amount\n2026-03-01,,东北大米,-1,袋,NaN\n2026-03-01,,东北大米,1e309,袋,inf\n".encode()),
 "sales huge amount": ("sales", "date,customer,product,quantity,unit,amount\n2026-03-01,,东北大米,1,袋,99999999999999999999999\n".encode()),
 "sales in 1900 / 9999": ("sales", "date,customer,product,quantity,unit,amount\n1900-01-01,,东北大米,1,袋,1\n9999-12-31 23:59,,东北大米,1,袋,1\n".encode()),
 "products dup": ("products", "name,aliases,category,unit,price,stock,suits\n新油,,油,桶,10,5,\n新油,,油,桶,11,5,\n".encode()),
 "products bad price": ("products", "name,aliases,category,unit,price,stock,suits\n新油2,,油,桶,十块,5,\n".encode()),
 "binary csv": ("sales", bytes(range(256)) * 10),
 "utf16": ("customers", "name,aliases,phone,birthday,household,tags,notes,marketing_consent\n乙,,,,,,,yes\n".encode("utf-16")),
 "empty file": ("customers", b""),
 "header only": ("customers", b"name,aliases,phone,birthday,household,tags,notes,marketing_consent\n"),
 "quote bomb": ("customers", b'name,aliases\n"' + b"a" * 100000 + b"\n"),
 "huge field 5MB": ("customers", b"name,notes\nx," + b"b" * (5*1024*1024) + b"\n"),
}
for label, (field, data) in csv_cases.items():
    show(f"import {label}", c.post("/import", files={field: (f"{field}.csv", data, "text/csv")},
                                   headers={"Accept": "text/html", "Origin": BASE}))
show("import 21MB csv", c.post("/import", files={"sales": ("s.csv", b"date,customer,product,quantity,unit,amount\n" + b"2026-03-01,,x,1,,1\n" * (21*1024*1024//19), "text/csv")}, headers={"Accept": "text/html"}))
# customer page forms
show("customer page unknown", c.get("/customers/999999", headers={"Accept": "text/html"}))
show("customer page 2^40", c.get(f"/customers/{2**40}", headers={"Accept": "text/html"}))
show("customer page -5", c.get("/customers/-5", headers={"Accept": "text/html"}))
show("report unknown", c.get("/api/reports/nope"))
show("report bad days", c.get("/api/reports/inactive?days=-99999999999"))
show("report bad from", c.get("/api/reports/sales?from=2026-02-30"))
show("report huge range", c.get("/api/reports/sales?from=0001-01-01&to=9999-12-31"))
show("report product sql", c.get("/api/reports/restock-due", params={"product": "'; drop table sales;--"}))
show("greetings status junk", c.get("/api/greetings?status=%27"))
show("conversation other sender", c.get("/api/conversation?sender=" + "x"*5000))
after = snap()
print("DB", "UNCHANGED" if after == before else f"CHANGED {before} -> {after}")
