"""Reports vs SQL, and the kept figures vs a full rebuild (rolled back)."""
import json
import sys
from decimal import Decimal

import httpx

sys.path.insert(0, "/work/wt/redteam")
from sqlalchemy import text

from assistant.db import make_engine, session_factory

DB, PORT, TOKEN = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))["token"]
engine = make_engine(f"postgresql://postgres@127.0.0.1:5432/{DB}")
H = {"Authorization": f"Bearer {TOKEN}"}
def figures(s):
    a = s.execute(text("select customer_id,item_key,purchases,total_amount,last_day from purchase_stats order by 1,2")).all()
    b = s.execute(text("select day,sales,amount from shop_daily_sales order by day")).all()
    c = s.execute(text("select * from product_daily_sales order by 1,2,3")).all() if True else []
    return [tuple(map(str, r)) for r in a], [tuple(map(str, r)) for r in b], [tuple(map(str, r)) for r in c]
from assistant.shop import purchase_stats
from assistant.shop.shops import default_shop_id

with session_factory(engine)() as s:
    kept = figures(s)
    purchase_stats.rebuild(s, shop_id=default_shop_id(s)); s.flush()
    rebuilt = figures(s); s.rollback()
for name, k, r in zip(("purchase_stats", "shop_daily_sales", "product_daily_sales"), kept, rebuilt):
    print(name, "= rebuild" if k == r else f"DIFFERS ({len(set(k) ^ set(r))} rows)")
with engine.connect() as c:
    active = "s.kind='sale' and not exists (select 1 from sales v where v.kind='void' and v.voids_id=s.id)"
    cols = [r[0] for r in c.execute(text("select column_name from information_schema.columns where table_name='sales'"))]
    print("sales columns", cols)
    active = "s.kind='sale' and not exists (select 1 from sales v where v.kind='void' and v.voids_sale_id=s.id)"
    for start, end in (("2026-03-15", "2026-03-15"), ("2026-03-01", "2026-03-15"), ("2025-03-16", "2026-03-15")):
        sql = c.execute(text(f"select coalesce(sum(amount),0), count(*) from sales s where {active} and sold_at >= :a and sold_at < (:b)::date + 1"), {"a": start, "b": end}).one()
        rep = httpx.get(f"http://127.0.0.1:{PORT}/api/reports/sales", params={"from": start, "to": end}, headers=H, timeout=60).json()
        same = Decimal(str(rep["takings"])) == sql[0] and rep["sales"] == sql[1]
        print(f"sales {start}..{end}: report {rep['takings']} / {rep['sales']} sales, SQL {sql[0]} / {sql[1]}", "OK" if same else "DIFFERS")
    owed = dict(c.execute(text("select customer_id, sum(case kind when 'charge' then amount when 'payment' then -amount else 0 end) - coalesce(sum(case when kind='void' then (select case e.kind when 'charge' then e.amount else -e.amount end from credit_entries e where e.id=ce.voids_id) end),0) from credit_entries ce group by 1")).all())
    owed = {k: v for k, v in owed.items() if v}
    rep = httpx.get(f"http://127.0.0.1:{PORT}/api/reports/credit", headers=H, timeout=60).json()
    got = {i["customer_id"]: Decimal(str(i.get("balance", i.get("amount")))) for i in rep["items"]}
    print("credit: report", len(got), "customers owing", sum(got.values()), "; SQL", len(owed), sum(owed.values()), "OK" if got == owed else f"DIFFERS {got} {owed}")
    stock = c.execute(text("select count(*) from products p where p.stock <> (select coalesce(sum(quantity),0) from stock_movements m where m.product_id=p.id)")).scalar()
    print("products whose stock differs from the sum of its movements:", stock)
