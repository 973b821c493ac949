"""``assistant ask``: talk to the assistant from the command line (one message, or one per stdin line)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from assistant.cli.common import open_context, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ask`` command."""
    ask = subparsers.add_parser("ask", help="answer a message (or one per line of standard input)")
    ask.add_argument("text", nargs="?", help="the message; without it, read one message per line from stdin")
    ask.add_argument("--sender", default="cli", help="conversation id (messages of one id share a conversation)")
    ask.add_argument("--json", action="store_true", help="one JSON object per message: text, messages, intent, entities")
    ask.set_defaults(handler=_ask)


def _ask(args: argparse.Namespace) -> int:
    from assistant.brain.dialogue import Brain

    brain = Brain.load(open_context())
    messages = [args.text] if args.text is not None else (line.rstrip("\n") for line in sys.stdin)

    async def run() -> None:
        for message in messages:
            if not message.strip():
                continue
            turn = await brain.handle(message, sender=args.sender, channel="cli")
            if args.json:
                print_json(turn.to_json())
            else:
                print(turn.text, flush=True)

    asyncio.run(run())
    return 0
