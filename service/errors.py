"""One error type and one JSON error shape for every failure the API reports.

``{"error": {"code", "message", "hint", "request_id"}}``: clients branch on ``code``, people read
``message`` and ``hint``, support finds the log line by ``request_id``. Stack traces never leave
the process.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Send


class ErrorDetail(BaseModel):
    """What went wrong; extra keys (e.g. ``checkout_url``) may follow."""

    model_config = ConfigDict(extra="allow")
    code: str
    message: str
    hint: str | None
    request_id: str | None


class ErrorBody(BaseModel):
    error: ErrorDetail


def _documented(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


#: Responses any endpoint may give, documented once for every router.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _documented("not signed in, or the credentials are invalid"),
    403: _documented("signed in, but not allowed"),
    404: _documented("no such item (or it belongs to someone else)"),
    413: _documented("request body too large"),
    422: _documented("invalid input; the message names the field"),
    429: _documented("rate limited; see Retry-After"),
    503: _documented("database or provider unavailable; see Retry-After"),
}


class ApiError(Exception):
    """An error the API reports as is (status, stable code, human message, optional hint)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self, request_id: str | None) -> dict[str, Any]:
        """The JSON document the client receives."""
        error = {
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "request_id": request_id,
            **self.extra,
        }
        return {"error": error}


#: Status codes FastAPI/Starlette raise themselves, mapped to our codes.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "internal_error",
    502: "provider_unavailable",
    503: "not_ready",
}


def unauthorized(message: str = "missing or invalid credentials") -> ApiError:
    return ApiError(
        401,
        "unauthorized",
        message,
        hint="send Authorization: Bearer <token or API key>",
        headers={"WWW-Authenticate": "Bearer"},
    )


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def database_unavailable() -> ApiError:
    return ApiError(
        503,
        "database_unavailable",
        "the database is not reachable right now",
        hint="retry in a few seconds",
        headers={"Retry-After": "5"},
    )


def internal_error() -> ApiError:
    return ApiError(500, "internal_error", "an unexpected error occurred", hint="retry later")


async def send_error(send: Send, error: ApiError, request_id: str | None) -> None:
    """Write ``error`` as a complete HTTP response on a raw ASGI ``send``."""
    payload = json.dumps(error.body(request_id)).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    headers += [(k.lower().encode(), str(v).encode()) for k, v in error.headers.items()]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def is_database_outage(exc: BaseException) -> bool:
    """True for failures that mean 'PostgreSQL is unreachable', which clients should retry."""
    import psycopg
    from psycopg_pool import PoolTimeout

    if isinstance(exc, PoolTimeout | psycopg.OperationalError | psycopg.InterfaceError):
        return True
    from nodepilot.errors import UserError

    return isinstance(exc, UserError) and "cannot connect to PostgreSQL" in str(exc.message)


def error_response(request: Request, error: ApiError) -> JSONResponse:
    """``error`` as the response FastAPI's handlers give (``service.app``), with the request's
    rate-limit headers."""
    request_id = getattr(request.state, "request_id", None)
    headers = dict(error.headers)
    headers.update(getattr(request.state, "rate_headers", None) or {})
    return JSONResponse(error.body(request_id), status_code=error.status, headers=headers)
