"""Commands of the 'reports' group: ``assistant report NAME [options] [--json]``, ``assistant backtest``."""

from __future__ import annotations

import argparse
import unicodedata

from assistant.cli.common import open_context, print_json
from assistant.shop import purchase_stats
from assistant.shop.reports import REPORTS, Report, run_report
from assistant.shop.reports.backtest import backtest_restock


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report`` (one subcommand per report of CONTRACT §6) and ``backtest restock``."""
    report = subparsers.add_parser(
        "report", help="the shop's reports (add --json for the machine-readable form)"
    )
    names = report.add_subparsers(dest="report", metavar="NAME", required=True)
    for spec in REPORTS.values():
        one = names.add_parser(spec.name, help=spec.help, description=spec.help)
        for option in spec.options:
            one.add_argument(
                f"--{option.name}",
                dest=f"option_{option.argument}",
                required=option.required,
                choices=option.choices,
                help=option.help,
            )
        _output_options(one)
        one.set_defaults(handler=_report)

    backtest = subparsers.add_parser("backtest", help="how well the forecasts predicted the history")
    kinds = backtest.add_subparsers(dest="backtest", metavar="WHAT", required=True)
    restock = kinds.add_parser("restock", help="replay the sales week by week and score 'due this week'")
    restock.add_argument("--product", help="only this product, alias or category")
    restock.add_argument("--weeks", type=int, help="only the last N full weeks")
    _output_options(restock)
    restock.set_defaults(handler=_backtest)

    rebuild = subparsers.add_parser(
        "rebuild-stats", help="recompute the figures the reports read from all sales (after a method change)"
    )
    rebuild.set_defaults(handler=_rebuild)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the summary line")


def _report(args: argparse.Namespace) -> int:
    spec = REPORTS[args.report]
    options = {o.name: getattr(args, f"option_{o.argument}") for o in spec.options}
    context = open_context()
    with context.session() as session:
        report = run_report(session, spec.name, shop_id=context.shop_id, options=options)
    _show(report, args)
    return 0


def _backtest(args: argparse.Namespace) -> int:
    context = open_context()
    with context.session() as session:
        report = backtest_restock(
            session, shop_id=context.shop_id, product=args.product, weeks=args.weeks
        )
    _show(report, args)
    return 0


def _rebuild(_args: argparse.Namespace) -> int:
    context = open_context()
    with context.session() as session:
        rows = purchase_stats.rebuild(session, shop_id=context.shop_id)
    print(f"rebuilt {rows} purchase rhythm rows")
    return 0


def _show(report: Report, args: argparse.Namespace) -> None:
    if args.json:
        print_json(report.to_json())
        return
    print(report.summary(args.lang))
    headings, rows = report.table()
    if rows:
        print()
        print(format_table(headings, rows))


def format_table(headings: list[str], rows: list[list[str]]) -> str:
    """Columns padded to the widest cell, counting a Chinese character as two columns."""
    widths = [max(_width(cell) for cell in column) for column in zip(headings, *rows, strict=True)]
    lines = [headings, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
