"""``assistant serve``: the web page, chat, voice and API at http://127.0.0.1:8000."""

from __future__ import annotations

import argparse

from assistant.cli.common import open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` command."""
    serve = subparsers.add_parser("serve", help="serve the assistant (web page, chat, voice, API)")
    serve.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to reach it from phones on the shop's network")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--setup", action="store_true",
                       help="first migrate, load the demo shop into an empty database, create the owner and "
                            "train the model if the training data changed (what `make run` does)")
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.setup import prepare
    from assistant.web.app import create_app

    engine = open_database()
    base_url = f"http://{'127.0.0.1' if args.host in {'0.0.0.0', '::'} else args.host}:{args.port}"
    if args.setup:
        prepare(engine, base_url=base_url)
    uvicorn.run(create_app(engine=engine), host=args.host, port=args.port, log_level="info")
    return 0
