"""Data in and out: ``import``, ``export``, ``erase``, ``backup``, ``restore`` (CONTRACT §3 and §7)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli.common import open_context, open_database, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    parser = subparsers.add_parser("import", help="import customers, products and sales from CSV files")
    parser.add_argument("--customers", type=Path, help="customers CSV (name, aliases, phone, birthday, …)")
    parser.add_argument(
        "--products", type=Path, help="products CSV (name, aliases, category, unit, price, …)"
    )
    parser.add_argument(
        "--sales", type=Path, help="sales CSV (date, customer, product, quantity, unit, amount)"
    )
    parser.add_argument("--json", action="store_true", help="print what changed as JSON")
    parser.set_defaults(handler=_import)

    parser = subparsers.add_parser("export", help="export the shop as CSV files, or one customer's data")
    parser.add_argument(
        "--out",
        type=Path,
        help="folder for the CSV files (default data/export-DATE), or the "
        "JSON file with --customer (default: standard output)",
    )
    parser.add_argument("--customer", help="one person's copy of everything held about them (JSON)")
    parser.set_defaults(handler=_export)

    parser = subparsers.add_parser(
        "erase", help="erase one customer's personal data (their sales stay, anonymised)"
    )
    parser.add_argument("--customer", required=True, help="the customer's name or alias")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=_erase)

    parser = subparsers.add_parser("backup", help="back up the whole database to a file")
    parser.add_argument(
        "--out", type=Path, help="backup file (default data/backups/shop-DATE-TIME.db or .jsonl.gz)"
    )
    parser.add_argument(
        "--format",
        choices=("sqlite", "jsonl"),
        help="sqlite: a copy of the SQLite file; jsonl: portable, any database (default by database)",
    )
    parser.set_defaults(handler=_backup)

    parser = subparsers.add_parser("restore", help="replace the whole database with a backup")
    parser.add_argument("file", type=Path)
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=_restore)


def _import(args: argparse.Namespace) -> int:
    from assistant.errors import AssistantError
    from assistant.shop.importer import ImportRejected, import_csv

    if not (args.customers or args.products or args.sales):
        print("nothing to import: give --customers, --products and/or --sales", file=sys.stderr)
        return 2
    context = open_context()
    try:
        report = import_csv(
            context.engine,
            shop_id=context.shop_id,
            customers=args.customers,
            products=args.products,
            sales=args.sales,
            progress=sys.stderr.isatty(),
            now=context.now(),
        )
    except ImportRejected as rejected:
        # In the owner's language (both while it is "auto"); status 2 like any refused input.
        print(rejected.message(context.settings.language), file=sys.stderr)
        return 2
    except (AssistantError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print_json(vars(report))
    else:
        print(report.summary() if report.changed else f"nothing changed ({report.summary()})")
    return 0


def _find_one(session, shop_id: int, name: str):  # noqa: ANN001, ANN202 (Session, Customer)
    from assistant.errors import Ambiguous, NotFound
    from assistant.shop.customers import customers_named, find_customer

    customer = find_customer(session, shop_id=shop_id, name=name)
    if customer is not None:
        return customer
    found = customers_named(session, shop_id=shop_id, name=name)
    if found:
        names = ", ".join(c.name for c in found)
        raise Ambiguous(f"{name} could be {names}: give the full name", candidates=found)
    raise NotFound(f"no customer called {name}; check the spelling or use their full name")


def _export(args: argparse.Namespace) -> int:
    from assistant.shop.export import export_csv, export_customer

    context = open_context()
    if args.customer:
        with context.session() as session:
            data = export_customer(session, _find_one(session, context.shop_id, args.customer), now=context.now())
        if args.out:
            args.out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote everything held about {args.customer} to {args.out}")
        else:
            print_json(data)
        return 0
    folder = args.out or context.settings.data_dir / f"export-{context.today():%Y%m%d}"
    paths = export_csv(context.engine, folder)
    print("exported " + ", ".join(str(p) for p in paths))
    return 0


def _confirm(question: str) -> bool:
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes", "是", "好"}


def _erase(args: argparse.Namespace) -> int:
    from assistant.shop.export import erase_customer

    context = open_context()
    with context.session() as session:
        customer = _find_one(session, context.shop_id, args.customer)
        name = customer.name
        if not args.yes and not _confirm(
            f"erase everything held about {name}? Their sales stay, without their name. This cannot be undone"
        ):
            print("nothing erased")
            return 1
        counts = erase_customer(session, customer=customer, channel="cli", data_dir=context.settings.data_dir)
    print(f"erased {name}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0


def _backup(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.db.backup import backup, default_backup_path

    engine = open_database()
    out = args.out or default_backup_path(engine, get_settings().data_dir / "backups")
    print(f"backup written to {backup(engine, out, fmt=args.format)}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from assistant.db.backup import describe, restore

    kind = describe(args.file)  # refuses a file that is not a backup before asking anything
    engine = open_database()
    if not args.yes and not _confirm(
        f"replace EVERYTHING in {engine.url.render_as_string(hide_password=True)} with {args.file} ({kind})?"
    ):
        print("nothing restored")
        return 1
    counts = restore(engine, args.file)
    print(f"restored {args.file}: {counts.get('customers', 0)} customers, {counts.get('sales', 0)} sales")
    return 0
