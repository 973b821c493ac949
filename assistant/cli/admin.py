"""Administration: database migrations, the owner's account, the demo shop."""

from __future__ import annotations

import argparse
import getpass

from assistant.cli.common import open_database, refresh_figures


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``db``, ``owner`` and ``demo`` commands."""
    db = subparsers.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="create or migrate the database to the newest schema").set_defaults(
        handler=_db_upgrade)
    revision = db.add_parser("revision", help="(developers) write a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    revision.set_defaults(handler=_db_revision)

    owner = subparsers.add_parser("owner", help="the owner's account").add_subparsers(
        dest="owner_command", required=True)
    owner.add_parser("password", help="change the owner's password").set_defaults(handler=_owner_password)
    owner.add_parser("token", help="make a new API token (the old one stops working)").set_defaults(
        handler=_owner_token)

    demo = subparsers.add_parser("demo", help="the demo shop 禾香粮油").add_subparsers(
        dest="demo_command", required=True)
    load = demo.add_parser("load", help="replace the database's shop data with the demo shop")
    load.add_argument("--seed", type=int, default=7)
    load.set_defaults(handler=_demo_load)


def _db_upgrade(_args: argparse.Namespace) -> int:
    engine = open_database()
    refresh_figures(engine)
    print(f"database is at the newest schema: {engine.url.render_as_string(hide_password=True)}")
    return 0


def _db_revision(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.db.migrate import make_revision

    make_revision(get_settings().resolved_db_url, args.message)
    return 0


def _owner_password(_args: argparse.Namespace) -> int:
    from assistant import auth
    from assistant.db import session_scope

    engine = open_database()
    password = getpass.getpass("new password: ")
    if password != getpass.getpass("again: "):
        print("the two passwords differ; nothing changed")
        return 1
    with session_scope(engine) as session:
        owner = auth.find_owner(session) or _missing_owner()
        auth.set_password(session, owner, password)
    print(f"password changed for {owner.username}; open log-in sessions have ended")
    return 0


def _owner_token(_args: argparse.Namespace) -> int:
    from assistant import auth
    from assistant.db import session_scope

    engine = open_database()
    with session_scope(engine) as session:
        owner = auth.find_owner(session) or _missing_owner()
        token = auth.new_token(session, owner)
    print(f"new API token (shown once): {token}")
    return 0


def _missing_owner():  # noqa: ANN202
    from assistant.errors import NotFound

    raise NotFound("no owner account yet: run `make run` (or `assistant serve --setup`) once to create it")


def _demo_load(args: argparse.Namespace) -> int:
    from assistant.shop.demo import load_demo

    engine = open_database()
    summary = load_demo(engine, seed=args.seed, progress=True)
    print(summary)
    return 0
