"""``assistant serve``: the web page, chat, voice and API at http://127.0.0.1:8000 (``--https`` for phones);
``assistant cert``: the self-signed certificate ``--https`` uses."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import open_context

# uvicorn 0.54's "auto" picks its websockets-sansio protocol, which needs websockets >= 13; Rasa pins
# websockets 10.4, so the sockets would fail to load. wsproto is pure Python and works with both.
WS_PROTOCOL = "wsproto"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` and ``cert`` commands."""
    serve = subparsers.add_parser("serve", help="serve the assistant (web page, chat, voice, API)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="0.0.0.0 to reach it from phones on the shop's network"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--setup",
        action="store_true",
        help="first migrate, load the demo shop into an empty database, create the owner and "
        "train the model if the training data changed (what `make run` does)",
    )
    serve.add_argument(
        "--https",
        action="store_true",
        help="serve over https with the certificate of `assistant cert` (made now if missing), "
        "so phones allow the microphone",
    )
    serve.set_defaults(handler=_serve)

    cert = subparsers.add_parser("cert", help="make a self-signed https certificate for the shop's network")
    cert.add_argument("--out", type=Path, help="folder for cert.pem and key.pem (default DATA_DIR/tls)")
    cert.add_argument(
        "--name", action="append", default=[], help="another host name or IP the phones use (repeatable)"
    )
    cert.set_defaults(handler=_cert)


def _cert_folder(out: Path | None) -> Path:
    from assistant.config import get_settings
    from assistant.web.certificate import certificate_folder

    return out or certificate_folder(get_settings().data_dir)


def _cert(args: argparse.Namespace) -> int:
    from assistant import clock
    from assistant.web.certificate import make_certificate

    # No shop is opened for a certificate: the day is the process settings'.
    made = make_certificate(_cert_folder(args.out), today=clock.today(), extra_names=args.name)
    print(f"wrote {made.certfile} and {made.keyfile}")
    print(f"valid for: {', '.join(made.names)}")
    print("start the server with: assistant serve --https --host 0.0.0.0")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from assistant.config import get_settings
    from assistant.web.server_log import log_file, quiet_console

    log = log_file(get_settings().data_dir)
    quiet_console(log)  # before uvicorn, Rasa or TensorFlow are imported
    import uvicorn

    from assistant.setup import prepare
    from assistant.web.access_log import log_config
    from assistant.web.app import create_app
    from assistant.web.certificate import make_certificate

    context = open_context()
    scheme = "https" if args.https else "http"
    base_url = f"{scheme}://{'127.0.0.1' if args.host in {'0.0.0.0', '::'} else args.host}:{args.port}"
    tls: dict[str, str] = {}
    if args.https:
        folder = _cert_folder(None)
        if not (folder / "cert.pem").is_file() or not (folder / "key.pem").is_file():
            made = make_certificate(folder, today=context.today())
            print(f"made a self-signed certificate for {', '.join(made.names)} in {folder}")
        tls = {"ssl_certfile": str(folder / "cert.pem"), "ssl_keyfile": str(folder / "key.pem")}
    if args.setup:
        prepare(context, base_url=base_url)
    print(f"details (every request, warnings) are written to {log}")
    uvicorn.run(
        create_app(context=context, warm_reports=True), host=args.host, port=args.port, log_level="info",
        ws=WS_PROTOCOL, log_config=log_config(access_log=log), **tls
    )
    return 0
