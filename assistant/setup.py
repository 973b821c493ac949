"""First-start preparation (``make run``): demo data, the owner's account, a trained model."""

from __future__ import annotations

from sqlalchemy import func, select

from assistant import auth
from assistant.context import ShopContext
from assistant.db.models import Customer


def prepare(context: ShopContext, *, base_url: str) -> None:
    """Load the demo shop into an empty database, create the owner, train if needed; print what happened."""
    with context.session() as session:
        empty = session.execute(select(func.count(Customer.id))).scalar() == 0
    if empty:
        from assistant.shop.demo import load_demo

        print("empty database: loading the demo shop 禾香粮油 …", flush=True)
        print(load_demo(context.engine, now=context.now(), progress=True), flush=True)
    with context.session() as session:
        credentials = auth.ensure_owner(session)
    if credentials is not None:
        print(
            "\n  The owner's account was created. Shown once — write the password down:\n"
            f"    username: {credentials.username}\n    password: {credentials.password}\n"
            f"  Open this link to log in directly:\n    {base_url}/login?token={credentials.token}\n"
            "  (change the password with `.venv/bin/assistant owner password`)\n",
            flush=True,
        )
    from assistant.brain.training import train

    train(progress=True)
