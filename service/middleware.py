"""One ASGI middleware for what every request needs: a request id, the body size limit,
security headers, rate-limit headers, the JSON error for anything unexpected (never a stack
trace), a JSON log line and the metrics. Pure ASGI, so streamed (SSE) responses pass through.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import metrics
from service.errors import (
    ApiError,
    database_unavailable,
    internal_error,
    is_database_outage,
    send_error,
)

log = logging.getLogger("nodepilot.access")
errors_log = logging.getLogger("nodepilot.errors")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
CSP = (
    "default-src 'self'; script-src 'self' https://*.clerk.accounts.dev https://*.clerk.com; "
    "connect-src 'self' https://*.clerk.accounts.dev https://*.clerk.com; "
    "img-src 'self' data: https://img.clerk.com; style-src 'self' 'unsafe-inline'; "
    "frame-src https://*.clerk.accounts.dev; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
    "https://fastapi.tiangolo.com; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def _tell_health(scope: Scope) -> None:
    from service.routes.health import outage_seen

    state = getattr(scope.get("app"), "state", None)
    outage_seen(getattr(state, "runtime", None))


class BodyTooLarge(Exception):
    pass


class ServiceMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500, "started": False}
        csp = DOCS_CSP if scope["path"] in ("/docs", "/redoc") else CSP

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                extra = [
                    (b"x-request-id", request_id.encode()),
                    (b"content-security-policy", csp.encode()),
                ]
                extra += SECURITY_HEADERS
                for key, value in (scope["state"].get("rate_headers") or {}).items():
                    extra.append((key.lower().encode(), value.encode()))
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in names
                ]
            await send(message)

        try:
            declared = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            declared = 0
        try:
            if declared > self.max_body:
                raise BodyTooLarge
            await self.app(scope, self._limited(receive), send_wrapped)
        except Exception as exc:  # noqa: BLE001 - the one place that turns crashes into JSON
            if status["started"]:
                raise
            error = self._as_api_error(exc)
            if error.code == "database_unavailable":
                _tell_health(scope)
            await send_error(send_wrapped, error, request_id)
        finally:
            self._record(scope, status["code"], started, request_id)

    def _as_api_error(self, exc: Exception) -> ApiError:
        if isinstance(exc, BodyTooLarge):
            return ApiError(
                413,
                "body_too_large",
                f"the request body is larger than {self.max_body:,} bytes",
                hint="send a shorter request",
            )
        if isinstance(exc, ApiError):
            return exc
        if is_database_outage(exc):
            errors_log.warning(
                "database unavailable: %s",
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            )
            return database_unavailable()
        errors_log.exception("unhandled error")
        return internal_error()

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        return wrapped

    @staticmethod
    def _record(scope: Scope, status: int, started: float, request_id: str) -> None:
        elapsed = time.perf_counter() - started
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        metrics.REQUESTS.labels(scope["method"], route, str(status)).inc()
        metrics.LATENCY.labels(route).observe(elapsed)
        if not log.isEnabledFor(logging.INFO):  # `nodepilot serve --no-access-log`
            return
        line: dict[str, Any] = {
            "ts": round(time.time(), 3),
            "request_id": request_id,
            "method": scope["method"],
            "route": route,
            "path": scope["path"],
            "status": status,
            "user_id": scope["state"].get("user_id"),
            "ms": round(elapsed * 1000, 2),
        }
        log.info(json.dumps(line))
