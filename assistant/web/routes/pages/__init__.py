"""The owner's pages, one module per resource: Today, Customers, Greetings, Sales & stock, Import, the
public links' owner side (sign-ups, personal links, erasure requests), plus
the app's manifest, the language switch and the help pages. Thin: every figure comes from
``assistant.shop``; a refused form is shown again with the messages at the top and by each field."""

from fastapi import APIRouter

from assistant.web.routes.pages import app_shell, customers, greetings, imports, public_links, sales, today

router = APIRouter()
for _module in (app_shell, today, customers, greetings, sales, imports, public_links):
    router.include_router(_module.router)
