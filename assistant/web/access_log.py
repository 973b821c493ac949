"""uvicorn's logs without secrets: a ``?token=`` in a logged path is written as ``token=[redacted]``.

The ready link (``/login?token=…``) and Rasa-style clients put the owner's token in the URL, and uvicorn
writes every path with its query string to the access log (and every WebSocket path to the error log).
"""

from __future__ import annotations

import copy
import logging
import re
from pathlib import Path
from typing import Any

_TOKEN_VALUE = re.compile(r"(?i)([?&;](?:access_)?token=)[^&;\s\"']+")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """``text`` with every ``token=`` query value replaced by ``[redacted]``."""
    return _TOKEN_VALUE.sub(rf"\g<1>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """Redacts tokens in a record's message and its arguments (uvicorn's access formatter reads the
    path from the arguments, so they keep their shape)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Clean the record in place; never drops it."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def log_config(access_log: Path | None = None) -> dict[str, Any]:
    """uvicorn's own logging set-up with ``RedactTokens`` on each of its handlers; the requests it served
    written to ``access_log`` instead of the console when given."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    if access_log is not None:
        config["formatters"]["access"]["use_colors"] = False
        config["formatters"]["access"]["fmt"] = '%(asctime)s %(client_addr)s - "%(request_line)s" %(status_code)s'
        config["handlers"]["access"] = {"formatter": "access", "class": "logging.FileHandler",
                                        "filename": str(access_log), "encoding": "utf-8"}
    config.setdefault("filters", {})["redact_tokens"] = {"()": RedactTokens}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("redact_tokens")
    return config
