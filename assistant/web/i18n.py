"""One language at a time on the owner's pages: Chinese unless she switched to English (a cookie).

Two languages and a few hundred short strings: each template and route writes the pair side by side,
``t("今天", "Today")``, and the request's language picks one. gettext catalogs (Babel) would add a compile
step and move every label away from where it is shown, for no gain at this size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request

LANG_COOKIE = "zhanggui_lang"
LANGUAGES = ("zh", "en")
ONE_YEAR = 365 * 24 * 3600

Pick = Callable[[str, str], str]


def language_of(request: Request) -> str:
    """The owner's page language: her remembered choice, else Chinese."""
    chosen = request.cookies.get(LANG_COOKIE, "zh")
    return chosen if chosen in LANGUAGES else "zh"


def chooser(language: str) -> Pick:
    """``t(zh, en)`` returning the text in ``language``."""

    def pick(zh: str, en: str) -> str:
        return en if language == "en" else zh

    return pick


def template_context(request: Request) -> dict[str, Any]:
    """What every template gets: ``lang``, ``html_lang`` and ``t``."""
    language = language_of(request)
    return {"lang": language, "html_lang": "en" if language == "en" else "zh-CN", "t": chooser(language)}
