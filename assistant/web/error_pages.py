"""A refused or missing page in the owner's language, for a browser.

The owner's pages raised ``HTTPException(404, "no customer with id 12")`` or failed validation of an id in
the address, and her browser showed a line of JSON in English. A request that asked for a page
(``Accept: text/html``) now gets a short page in her language with a way back; API clients keep FastAPI's
JSON. A bare 404 (``HTTPException(404)``: a path that does not exist, or a public link that is tampered or
expired) is left exactly as it was, so a bad public link still looks like any missing path.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.web.templating import templates

_BARE_404 = "Not Found"
_MESSAGES = {
    404: ("找不到:这位顾客或这条记录不在了(可能已被删除,或地址写错了)。",
          "Not found: this customer or record is not there (erased, or the address is wrong)."),
    422: ("地址或表单里的内容不对:请回到页面上重新点一次。",
          "Something in the address or the form is not right: go back to the page and try again."),
}


def _wants_page(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") and not request.url.path.startswith(
        ("/api/", "/webhooks/", "/static/"))


def _page(request: Request, status: int) -> Response:
    zh, en = _MESSAGES[status]
    return templates.TemplateResponse(request, "error.html", {"owner": None, "nav": None, "zh": zh, "en": en},
                                      status_code=status)


def add_error_pages(app: FastAPI) -> None:
    """Answer a browser's refused page in the owner's language (module docstring)."""

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404 and error.detail != _BARE_404 and _wants_page(request):
            return _page(request, 404)
        return await http_exception_handler(request, error)

    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if _wants_page(request):
            return _page(request, 422)
        return await request_validation_exception_handler(request, error)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
