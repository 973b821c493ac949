"""Jinja2 templates for the server-rendered pages; every one gets the owner's language (``t``, ``lang``)."""

from pathlib import Path

from fastapi.templating import Jinja2Templates

from assistant.language.money import format_money
from assistant.web.i18n import template_context

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"),
                            context_processors=[template_context])

# Amounts on the pages read as the owner says them (3040万7600元), like the chat's answers.
templates.env.filters["money"] = format_money
