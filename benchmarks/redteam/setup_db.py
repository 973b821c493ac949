"""Create redteam_<name> PostgreSQL database with the demo shop; print the token."""
import json
import sys

from sqlalchemy import create_engine, text

name = sys.argv[1]
admin = create_engine("postgresql://postgres@127.0.0.1:5432/test", isolation_level="AUTOCOMMIT")
with admin.connect() as c:
    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    c.execute(text(f'CREATE DATABASE "{name}"'))
admin.dispose()
from assistant import auth
from assistant.db import make_engine, session_scope
from assistant.db.migrate import upgrade
from assistant.shop.demo import load_demo

engine = make_engine(f"postgresql://postgres@127.0.0.1:5432/{name}")
upgrade(engine)
print(load_demo(engine), file=sys.stderr)
with session_scope(engine) as s:
    creds = auth.ensure_owner(s)
print(json.dumps({"token": creds.token, "username": creds.username, "password": creds.password}))
