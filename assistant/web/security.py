"""What every request passes before a route: security headers, cross-site request refusal, body limits.

One plain ASGI middleware (Starlette's ``BaseHTTPMiddleware`` would buffer streamed responses):

- Headers on every response (OWASP ASVS 14.4): a Content-Security-Policy that allows only this site's
  own scripts, no framing, ``nosniff``, a same-origin referrer, and ``no-store`` on everything that is
  not a static file (pages show customers' data). No HSTS: phones reach the shop's server over https with
  a self-signed certificate, and HSTS would forbid them to accept it.
- Cross-site request forgery (OWASP "verifying origin with standard headers"): a state-changing request
  (POST, PUT, PATCH, DELETE) must come from this site's own origin, by ``Sec-Fetch-Site``, else
  ``Origin``, else ``Referer``. Every browser sends ``Origin`` with a POST, so a request with none of the
  three is not from a browser and cannot carry a victim's cookie against her will. A request with a
  token is judged by the token alone (``deps.authenticate`` ignores the cookie then), so it is exempt.
  A WebSocket from a foreign page is refused the same way.
- Bodies: refused with 413 before they are read whole, by ``Content-Length`` or while streaming.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI, HTTPException

from assistant.web.throttle import LoginThrottle

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # the pages' SVG charts and a few style attributes
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",  # greetings and spoken replies play from blob: URLs
    "connect-src 'self' ws: wss:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
))
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
)
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_BODY_LIMIT = 64 * 1024  # a chat message is at most 2000 characters; a form is a few fields
FORM_OVERHEAD = 64 * 1024  # an upload's other fields and multipart boundaries
UPLOAD_FIELDS = 3  # the import form takes up to three files, each up to ``max_upload_bytes``
_DEFAULT_PORTS = {"http": 80, "https": 443}

CROSS_SITE = "跨站请求被拒绝,请在本站页面上操作 / Cross-site request refused: use this site's own pages"


def secure_app(app: FastAPI, *, max_upload_bytes: int) -> None:
    """Put the security middleware around ``app`` and give it a log-in throttle."""
    app.state.login_throttle = LoginThrottle()
    app.add_middleware(SecurityMiddleware, max_upload_bytes=max_upload_bytes)


def _origin(url: str) -> str | None:
    """``scheme://host:port`` of a URL with the port always written; None for ``null`` or junk."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return f"{scheme}://{parts.hostname.lower()}:{port or _DEFAULT_PORTS[scheme]}"


def _headers(scope: Scope) -> dict[str, str]:
    return {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}


def own_origin(scope: Scope, headers: dict[str, str]) -> str | None:
    """The origin the request was sent to (its scheme and ``Host``)."""
    return _origin(f"{scope['scheme']}://{headers.get('host', '')}")


def is_cross_site(scope: Scope, headers: dict[str, str]) -> bool:
    """Whether a browser sent this request from a page of another origin."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
        return True  # cross-site, or same-site: a sibling host or another port is still not this site
    target = own_origin(scope, headers)
    for name in ("origin", "referer"):
        if name in headers:
            return _origin(headers[name]) is None or _origin(headers[name]) != target
    return False


def carries_token(scope: Scope, headers: dict[str, str]) -> bool:
    """Whether the request authenticates with a token (bearer header or ``?token=``), not a cookie."""
    if headers.get("authorization", "").lower().startswith("bearer "):
        return True
    query = scope.get("query_string", b"").decode("latin-1")
    return any(key == "token" and value for key, value in parse_qsl(query, keep_blank_values=True))


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


class SecurityMiddleware:
    """Security headers on every response, cross-site refusal and body limits (module docstring)."""

    def __init__(self, app: App, *, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            headers = _headers(scope)
            if "origin" in headers and is_cross_site(scope, headers) and not carries_token(scope, headers):
                await receive()  # the handshake's websocket.connect
                await send({"type": "websocket.close", "code": 1008, "reason": "cross-site WebSocket refused"})
                return
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        wants_html = "text/html" in headers.get("accept", "")
        send = self._with_headers(scope, send)
        if scope["method"] in UNSAFE_METHODS and is_cross_site(scope, headers) \
                and not carries_token(scope, headers):
            await _refuse(send, 403, CROSS_SITE, html=wants_html)
            return
        limit, too_large = self._limit(headers)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, 413, too_large, html=wants_html)
            return
        await self.app(scope, _counting(receive, limit, too_large), send)

    def _limit(self, headers: dict[str, str]) -> tuple[int, str]:
        if headers.get("content-type", "").lower().startswith("multipart/form-data"):
            size = _size(self.max_upload_bytes)
            return (UPLOAD_FIELDS * self.max_upload_bytes + FORM_OVERHEAD,
                    f"文件太大(每个文件最多{size}),请分成几份上传 / The upload is too large "
                    f"(at most {size} a file): split it and upload the parts one after another")
        size = _size(JSON_BODY_LIMIT)
        return JSON_BODY_LIMIT, f"请求太大(最多{size})/ The request is too large (at most {size})"

    @staticmethod
    def _with_headers(scope: Scope, send: Send) -> Send:
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers += [(key, value) for key, value in SECURITY_HEADERS if key not in present]
                if not static and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        return send_with_headers


def _counting(receive: Receive, limit: int, too_large: str) -> Receive:
    """``receive`` that stops a body (sent in chunks, without a length) as soon as it passes ``limit``."""
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                # Starlette and FastAPI pass an HTTPException raised while reading the body on as it is.
                raise HTTPException(413, too_large)
        return message

    return counted


async def _refuse(send: Send, status: int, message: str, *, html: bool) -> None:
    body = message.encode() if html else json.dumps({"detail": message}, ensure_ascii=False).encode()
    content_type = b"text/plain; charset=utf-8" if html else b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
