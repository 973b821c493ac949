"""``assistant``: every command of the shop assistant (``assistant --help`` lists them).

Each command group lives in its own module with a ``register(subparsers)`` function; commands are thin
and call the services in ``assistant.shop``, ``assistant.brain`` and ``assistant.speech``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from assistant.errors import AssistantError

# Command-group modules, in the order ``--help`` lists them.
GROUPS = ("serve", "conversation", "brain", "reports", "speech", "synthesis", "data", "admin")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command group registered."""
    parser = argparse.ArgumentParser(prog="assistant", description="掌柜 Zhanggui, the shop owner's assistant")
    subparsers = parser.add_subparsers(dest="command", metavar="<command>")
    subparsers.required = True
    for group in GROUPS:
        importlib.import_module(f"assistant.cli.{group}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; an ``AssistantError`` becomes a one-line message and exit status 1."""
    args = build_parser().parse_args(argv)
    # TensorFlow's native logging reads this once, when Rasa first imports it: set it before any command.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        return int(args.handler(args) or 0)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
