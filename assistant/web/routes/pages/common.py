"""What the page routes share: rendering a page in the owner's language, redirects, form lists."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from assistant.db.models import Owner
from assistant.errors import Invalid
from assistant.web.i18n import chooser, language_of
from assistant.web.templating import templates


def page(request: Request, name: str, owner: Owner | None, status_code: int = 200, **context: Any) -> Response:
    """Render ``name`` with the owner, the navigation key and ``context``."""
    return templates.TemplateResponse(
        request, name, {"owner": owner, "nav": name.removesuffix(".html"), **context}, status_code=status_code
    )


def back(path: str) -> Response:
    """After a form: show ``path`` (303, so a reload does not post again)."""
    return RedirectResponse(path, status_code=303)


def t_for(request: Request):  # noqa: ANN201 (the ``t(zh, en)`` picker)
    """``t(zh, en)`` in the owner's language, for messages made in routes."""
    return chooser(language_of(request))


def message_of(error: Invalid, language: str) -> str:
    """An error's message in ``language`` (the Chinese one when the error carries it)."""
    zh = getattr(error, "zh", None)
    return zh if language == "zh" and zh else str(error)


def split_list(text: str) -> list[str]:
    """Tags and aliases typed as ``高血压, 素食``, ``高血压,素食``, ``高血压、素食`` or ``高血压|素食``."""
    return [
        part.strip()
        for part in text.replace(",", ",").replace("|", ",").replace("、", ",").split(",")
        if part.strip()
    ]
